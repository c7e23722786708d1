/**
 * What the HTTP load benches (webform-throughput.ts, twilio-webhook-throughput.ts) share: the
 * options every one of them takes, a local Kafka broker of the bench's own, the load process and
 * the CPU it leaves to the servers, the table row of a case, and the start and end of a run. Each
 * bench keeps its server under test, its baseline, its targets and its report.
 *
 * Imports stay light (kafkajs is loaded on first use): the Twilio bench's load child imports this
 * module too, and should not load the daemon's modules.
 */
import { spawn } from 'node:child_process';
import { rmSync } from 'node:fs';
import { join } from 'node:path';
import type { FastifyInstance } from 'fastify';
import type { Kafka } from 'kafkajs';
import { kafkaStatus, startKafka, stopKafka, type KafkaLauncherOptions } from '../infra/kafka/launcher.js';
import { cleanup, databaseUrl, note, repoRoot } from './infra.js';

// ---------------------------------------------------------------------------------------------
// Options

/** The options every HTTP load bench takes, so that their flags, defaults and limits agree. */
export interface LoadOptions {
  durationS: number;
  warmupS: number;
  connections: number[];
  logLevel: string;
  keepBroker: boolean;
  json: boolean;
}

export const loadOptionDefaults = (): LoadOptions => ({ durationS: 10, warmupS: 3, connections: [10, 100], logLevel: 'info', keepBroker: false, json: false });

/** An integer flag value of at least `min`; the error carries the bench's usage, as a bad flag's does. */
export function intArg(flag: string, v: string | undefined, min: number, usage: string): number {
  const n = Number(v);
  if (!Number.isInteger(n) || n < min) throw new Error(`${flag} needs an integer ≥ ${min}\n${usage}`);
  return n;
}

/**
 * Parses the shared flags into `o`, handing any other to `own` (the bench's own flags: true when it
 * took the flag; `next` reads its value), so both benches refuse and limit the same way.
 */
export function parseLoadArgs<O extends LoadOptions>(argv: string[], o: O, usage: string, own: (a: string, next: () => string | undefined) => boolean): O {
  for (let i = 0; i < argv.length; i++) {
    const a = argv[i] ?? '';
    const next = (): string | undefined => argv[++i];
    if (a === '--duration') o.durationS = intArg(a, next(), 1, usage);
    else if (a === '--warmup') o.warmupS = intArg(a, next(), 0, usage);
    else if (a === '--connections') o.connections = (next() ?? '').split(',').map((c) => intArg(a, c, 1, usage));
    else if (a === '--log-level') o.logLevel = next() ?? 'info';
    else if (a === '--keep-broker') o.keepBroker = true;
    else if (a === '--json') o.json = true;
    else if (a === '--help' || a === '-h') { process.stdout.write(`${usage}\n`); process.exit(0); }
    else if (!own(a, next)) throw new Error(`unknown argument ${a}\n${usage}`);
  }
  if (o.durationS > 120) throw new Error('--duration is capped at 120 s per case');
  if (!['fatal', 'error', 'warn', 'info', 'debug', 'trace', 'silent'].includes(o.logLevel)) throw new Error(`bad --log-level ${o.logLevel}`);
  return o;
}

// ---------------------------------------------------------------------------------------------
// Infrastructure

export const isLoopback = (host: string): boolean => ['127.0.0.1', 'localhost', '[::1]', '::1'].includes(host);

/** The benches load this machine only: a database elsewhere would measure the network, or someone else's server. */
export function assertLoopbackDatabase(): void {
  if (!isLoopback(new URL(databaseUrl).hostname)) throw new Error('loopback only: DATABASE_URL names another host');
}

/**
 * KAFKA_BROKERS (loopback only), or a local broker of the bench's own: `own` is its state dir
 * (under the repository) and port, different for each bench, since the other benches and the soak
 * share theirs and one of them stopping it mid-run would end this run. One already running is
 * reused and left running; one started here is stopped by `stop` (unless `keep`).
 */
export async function brokersForRun(keep: boolean, own: { dir: string; port: number }): Promise<{ brokers: string[]; stop: () => Promise<void> }> {
  const configured = process.env.KAFKA_BROKERS;
  if (configured) {
    const brokers = configured.split(',').map((s) => s.trim()).filter(Boolean);
    for (const b of brokers) if (!isLoopback(b.slice(0, b.lastIndexOf(':')))) throw new Error(`loopback only: KAFKA_BROKERS names ${b}`);
    return { brokers, stop: async () => undefined };
  }
  const local: KafkaLauncherOptions = {
    dir: join(repoRoot, own.dir), port: own.port, cacheDir: join(repoRoot, '.intake/cache'), log: (msg) => note(msg),
  };
  const before = await kafkaStatus(local);
  let started = false;
  try {
    const status = await startKafka(local);
    started = true;
    return { brokers: [status.brokers ?? `127.0.0.1:${local.port}`], stop: before.running || keep ? async () => undefined : () => stopKafka(local) };
  } finally {
    // A start that failed half-way may still have left a process behind.
    if (!started && !before.running) await stopKafka(local).catch(() => undefined);
  }
}

/** A kafkajs admin for one piece of work, always disconnected; kafkajs is imported here, not by the load child. */
export async function withAdmin<T>(clientId: string, brokers: string[], work: (admin: ReturnType<Kafka['admin']>) => Promise<T>): Promise<T> {
  const kafkajs = await import('kafkajs');
  const admin = new kafkajs.Kafka({ clientId, brokers, logLevel: kafkajs.logLevel.NOTHING }).admin();
  await admin.connect();
  try {
    return await work(admin);
  } finally {
    await admin.disconnect();
  }
}

/** Messages on a topic (all partitions): each bench checks its server's answers against its raw topic. */
export const topicMessages = (clientId: string, brokers: string[], topic: string): Promise<number> => withAdmin(clientId, brokers, async (admin) =>
  (await admin.fetchTopicOffsets(topic)).reduce((sum, o) => sum + Number(o.high) - Number(o.low), 0));

/** The baseline server's port once it listens on loopback (port 0: a free one), as both baselines need. */
export async function listenLoopback(app: FastifyInstance): Promise<number> {
  await app.listen({ host: '127.0.0.1', port: 0 });
  const address = app.server.address();
  if (typeof address !== 'object' || address === null) throw new Error('the bare server has no port');
  return address.port;
}

/**
 * The end of a run, in the same order for both benches: servers first, then the run's topics and
 * schema, its data dir, and the local broker last (slowest); every step reports rather than throws.
 */
export async function endRun(steps: { bare: () => Promise<unknown>; daemon: () => Promise<unknown>; topics: () => Promise<unknown>; schema: () => Promise<unknown>; dataDir: string; broker: () => Promise<unknown> }): Promise<void> {
  await cleanup('bare server', steps.bare);
  await cleanup('daemon', steps.daemon);
  await cleanup('topics', steps.topics);
  await cleanup('schema', steps.schema);
  rmSync(steps.dataDir, { recursive: true, force: true });
  await cleanup('local broker', steps.broker, 60_000);
}

// ---------------------------------------------------------------------------------------------
// Load

/** What the benches read from autocannon's JSON result. */
export interface LoadResult {
  requests: { average: number };
  latency: { p50: number; p90: number; p99: number; max: number };
  '2xx': number;
  non2xx: number;
  errors: number;
  timeouts: number;
}

/**
 * Runs a load process (`node …args`, printing a LoadResult as JSON) and reads its result. A
 * process of its own, so that the load generator shares neither the servers' event loop nor their
 * CPU: `process.cpuUsage()` of this process is then the servers' alone. `what` names it in errors.
 */
export async function runLoadProcess(args: string[], seconds: number, what: string): Promise<LoadResult> {
  const child = spawn(process.execPath, args, { stdio: ['ignore', 'pipe', 'pipe'] });
  const out: Buffer[] = [];
  const err: Buffer[] = [];
  child.stdout.on('data', (chunk: Buffer) => out.push(chunk));
  child.stderr.on('data', (chunk: Buffer) => err.push(chunk));
  const killer = setTimeout(() => child.kill('SIGKILL'), (seconds + 30) * 1000);
  try {
    const code = await new Promise<number | null>((done, fail) => { child.on('error', fail); child.on('close', done); });
    if (code !== 0) throw new Error(`${what} exited with ${code}: ${Buffer.concat(err).toString('utf8').slice(-500)}`);
    return JSON.parse(Buffer.concat(out).toString('utf8')) as LoadResult;
  } finally {
    clearTimeout(killer);
  }
}

/** Loads `url` with `connections` for `seconds` and answers the result. */
export type Load = (url: string, connections: number, seconds: number) => Promise<LoadResult>;

/**
 * Unmeasured load on each server first, at the highest count (JIT, producer connection, broker):
 * answers the server under test's 2xx, which reached its topic too. Nothing when `o.warmupS` is 0.
 */
export async function warmUp(o: LoadOptions, load: Load, bareUrl: string, serverUrl: string): Promise<number> {
  if (o.warmupS <= 0) return 0;
  const top = Math.max(...o.connections);
  note(`warm-up: ${o.warmupS} s on each server at ${top} connections (JIT, producer connection, broker)`);
  await load(bareUrl, top, o.warmupS);
  return (await load(serverUrl, top, o.warmupS))['2xx'];
}

/** The figures of one case, whatever server it loaded. */
export interface LoadFigures {
  /** Mean of autocannon's per-second samples. */
  requestsPerSecond: number;
  latencyMs: { p50: number; p90: number; p99: number; max: number };
  /** CPU time of this process (the servers, Kafka client included) over the case, in % of one core. */
  serverCpuPercent: number;
  /** The same per 1000 answers 2xx, in ms: how much work one request costs, whatever else runs on the machine. */
  serverCpuMsPer1000: number;
  answered2xx: number;
  non2xx: number;
  errors: number;
  timeouts: number;
}

/**
 * One measured case: the load, with this process's CPU time over it (the servers'), and a progress
 * line on stderr headed by `label`. `withTimeouts`: its errors figure counts timeouts too.
 */
export async function measureCase(label: string, load: Load, url: string, connections: number, seconds: number, withTimeouts: boolean): Promise<LoadFigures> {
  note(`${label}: ${connections} connections for ${seconds} s ...`);
  const cpu0 = process.cpuUsage();
  const r = await load(url, connections, seconds);
  const cpu = process.cpuUsage(cpu0);
  const cpuMs = (cpu.user + cpu.system) / 1000;
  const figures: LoadFigures = {
    requestsPerSecond: Math.round(r.requests.average),
    latencyMs: { p50: r.latency.p50, p90: r.latency.p90, p99: r.latency.p99, max: r.latency.max },
    serverCpuPercent: Math.round(cpuMs / (seconds * 10)),
    serverCpuMsPer1000: r['2xx'] > 0 ? Math.round((cpuMs / r['2xx']) * 1000) : 0,
    answered2xx: r['2xx'], non2xx: r.non2xx, errors: r.errors, timeouts: r.timeouts,
  };
  note(`  ${figures.requestsPerSecond} req/s, p50 ${figures.latencyMs.p50} ms, p99 ${figures.latencyMs.p99} ms, CPU ${figures.serverCpuPercent}% (${figures.serverCpuMsPer1000} ms per 1000 answers), non-2xx ${figures.non2xx}, errors ${figures.errors + (withTimeouts ? figures.timeouts : 0)}`);
  return figures;
}

// ---------------------------------------------------------------------------------------------
// Report

/** The table's columns from `conns` on, the same in both benches (each puts its own columns before). */
export const caseColumnsHeader = 'conns  req/s   p50 ms  p90 ms  p99 ms  max ms  CPU %  CPU ms/1000  non-2xx  errors';

/** A case's cells under caseColumnsHeader. */
export function caseColumns(c: LoadFigures & { connections: number }): string {
  return `${String(c.connections).padStart(5)}  ${String(c.requestsPerSecond).padStart(6)}  ${String(c.latencyMs.p50).padStart(6)}  ${String(c.latencyMs.p90).padStart(6)}  ${String(c.latencyMs.p99).padStart(6)}  ${String(c.latencyMs.max).padStart(6)}  ${String(c.serverCpuPercent).padStart(5)}  ${String(c.serverCpuMsPer1000).padStart(11)}  ${String(c.non2xx).padStart(7)}  ${String(c.errors + c.timeouts).padStart(6)}`;
}

/** Runs a bench's main and prints its report (JSON or the table) on stdout, exiting 0, or the failure on stderr, exiting 1. */
export async function printReport<R>(json: boolean, main: () => Promise<R>, table: (report: R) => string): Promise<void> {
  try {
    const report = await main();
    process.stdout.write(json ? `${JSON.stringify(report, null, 2)}\n` : `${table(report)}\n`);
    process.exit(0);
  } catch (error) {
    process.stderr.write(`bench failed: ${(error as Error)?.stack ?? String(error)}\n`);
    process.exit(1);
  }
}
