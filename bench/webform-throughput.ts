/**
 * Web-form throughput (issue 11): requests/s and latency of the real web form, as the daemon wires
 * it (startDaemon, a real Kafka broker, acks=all), beside a bare fastify server that parses the
 * same JSON body and answers 202 without Kafka, in the same run, at each connection count. Prints
 * the figures and their ratio; asserts nothing about speed.
 *
 *   npm run bench:webform -- [--duration 10] [--connections 10,100] [--warmup 3] [--json]
 *
 * Infrastructure: KAFKA_BROKERS, else a local broker of its own (.intake/bench-webform/kafka, port
 * 19492), started and stopped here unless it was already running (or --keep-broker); PostgreSQL at
 * DATABASE_URL (the daemon opens its sink even when the normalizer is off). Topics, consumer group
 * and schema are the run's own and removed at the end. Loopback only: both servers listen on
 * 127.0.0.1, and brokers or a database elsewhere are refused.
 */
import { spawn } from 'node:child_process';
import { openSync, mkdtempSync, rmSync } from 'node:fs';
import { createRequire } from 'node:module';
import { cpus, loadavg, tmpdir } from 'node:os';
import { join } from 'node:path';
import Fastify, { type FastifyInstance } from 'fastify';
import { Kafka, logLevel as KafkaLogLevel } from 'kafkajs';
import { kafkaStatus, startKafka, stopKafka, type KafkaLauncherOptions } from '../infra/kafka/launcher.js';
import { startDaemon, type RunningDaemon } from '../cli/daemon.js';
import { loadConfig, type Config } from '../runtime/config.js';
import { prefixedTopics } from '../runtime/kafka/topics.js';
import { createLogger } from '../runtime/logger.js';
import { cleanup, databaseUrl, dropSchema, note, repoRoot, runId } from './infra.js';

// ---------------------------------------------------------------------------------------------
// Options

interface Options {
  durationS: number;
  warmupS: number;
  connections: number[];
  withNormalizer: boolean;
  lingerMs: number | null;
  logLevel: string;
  keepBroker: boolean;
  json: boolean;
}

const usage = `usage: node dist/bench/webform-throughput.js [--duration S] [--connections 10,100] [--warmup S] [--with-normalizer] [--linger-ms MS] [--json]
  --duration S       seconds of load per case (default 10)
  --connections L    connection counts, comma-separated (default 10,100)
  --warmup S         unmeasured seconds of load on each server first, at the highest count (default 3; 0 skips)
  --with-normalizer  run the normalizer too, consuming what the web form captures (default: capture only)
  --linger-ms MS     kafka.captureLingerMs for the web form (default: the configured default)
  --log-level L      the daemon's log level; lines go to /dev/null (default info, as in production)
  --keep-broker      leave the local broker running even if this run started it (a fresh broker's JVM is
                     slow at first: keep it for the next run)
  --json             print one JSON object on stdout instead of the table (progress stays on stderr)`;

function parseArgs(argv: string[]): Options {
  const o: Options = { durationS: 10, warmupS: 3, connections: [10, 100], withNormalizer: false, lingerMs: null, logLevel: 'info', keepBroker: false, json: false };
  const int = (flag: string, v: string | undefined, min: number): number => {
    const n = Number(v);
    if (!Number.isInteger(n) || n < min) throw new Error(`${flag} needs an integer ≥ ${min}\n${usage}`);
    return n;
  };
  for (let i = 0; i < argv.length; i++) {
    const a = argv[i];
    if (a === '--duration') o.durationS = int(a, argv[++i], 1);
    else if (a === '--warmup') o.warmupS = int(a, argv[++i], 0);
    else if (a === '--connections') o.connections = (argv[++i] ?? '').split(',').map((c) => int(a, c, 1));
    else if (a === '--with-normalizer') o.withNormalizer = true;
    else if (a === '--linger-ms') o.lingerMs = int(a, argv[++i], 0);
    else if (a === '--log-level') o.logLevel = argv[++i] ?? 'info';
    else if (a === '--keep-broker') o.keepBroker = true;
    else if (a === '--json') o.json = true;
    else if (a === '--help' || a === '-h') { process.stdout.write(`${usage}\n`); process.exit(0); }
    else throw new Error(`unknown argument ${a}\n${usage}`);
  }
  if (o.durationS > 120) throw new Error('--duration is capped at 120 s per case');
  if (!['fatal', 'error', 'warn', 'info', 'debug', 'trace', 'silent'].includes(o.logLevel)) throw new Error(`bad --log-level ${o.logLevel}`);
  return o;
}

// ---------------------------------------------------------------------------------------------
// The request: one complete application, no emergency, so each request publishes one raw item

/**
 * No Idempotency-Key, so every request is a new item (the web form draws a fresh item id) and the
 * raw topic's message count can be checked against the 202s.
 */
const body = JSON.stringify({
  fullName: 'Ayşe Yılmaz',
  phone: '0532 961 37 42',
  email: 'ayse.yilmaz@example.com',
  isSubscriber: false,
  nationalId: '70226422252',
  district: 'Kadıköy',
  address: 'Caferağa Mah. Moda Cad. No: 12 D: 3, Kadıköy, İstanbul',
  mainTopic: 'billing',
  description: 'Bu ayki doğal gaz faturam geçen aya göre üç katı geldi, sayaç okumasının kontrol edilmesini istiyorum.',
});

// ---------------------------------------------------------------------------------------------
// The servers

/** The ceiling: fastify parsing the same JSON body and answering 202, with no Kafka and no logging. */
async function startBareServer(): Promise<{ app: FastifyInstance; url: string }> {
  const app = Fastify({ logger: false, bodyLimit: 65536 });
  let n = 0;
  app.post('/v1/applications', async (request, reply) => {
    n += 1;
    const fields = request.body as Record<string, unknown>;
    return reply.code(202).send({ itemId: `bare:${n}`, fields: Object.keys(fields).length });
  });
  await app.listen({ host: '127.0.0.1', port: 0 });
  const address = app.server.address();
  if (typeof address !== 'object' || address === null) throw new Error('the bare server has no port');
  return { app, url: `http://127.0.0.1:${address.port}/v1/applications` };
}

/** The daemon's configuration with the run's own topics, group, schema, data dir and a free port. */
function daemonConfig(o: Options, id: string, brokers: string[], dataDir: string): Config {
  const base = loadConfig({ file: null, env: {} });
  const kafka = { ...base.kafka, brokers, clientId: id, topics: prefixedTopics(id), captureLingerMs: o.lingerMs ?? base.kafka.captureLingerMs };
  return {
    ...base,
    dataDir,
    log: { level: o.logLevel as Config['log']['level'] },
    database: { url: databaseUrl, schema: id },
    kafka,
    normalizer: { ...base.normalizer, enabled: o.withNormalizer, consumerGroup: `${id}-normalizer`, sessionTimeoutMs: 6000 },
    connectors: { ...base.connectors, webform: { ...base.connectors.webform, host: '127.0.0.1', port: 0 } },
    reports: { ...base.reports, enabled: false },
  };
}

// ---------------------------------------------------------------------------------------------
// Load

/** autocannon's command line (its package's main module). */
const autocannonCli = createRequire(import.meta.url).resolve('autocannon');

interface CaseFigures {
  server: 'bare' | 'webform';
  connections: number;
  seconds: number;
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

/** What the bench reads from autocannon's JSON result. */
interface LoadResult {
  requests: { average: number };
  latency: { p50: number; p90: number; p99: number; max: number };
  '2xx': number;
  non2xx: number;
  errors: number;
  timeouts: number;
}

/**
 * Runs autocannon in a process of its own, so that the load generator shares neither the servers'
 * event loop nor their CPU count: `process.cpuUsage()` of this process is then the servers' alone.
 */
async function load(url: string, connections: number, seconds: number): Promise<LoadResult> {
  const args = [autocannonCli, '--json', '-c', String(connections), '-d', String(seconds), '-t', '10', '-m', 'POST', '-H', 'content-type=application/json', '-b', body, url];
  const child = spawn(process.execPath, args, { stdio: ['ignore', 'pipe', 'pipe'] });
  const out: Buffer[] = [];
  const err: Buffer[] = [];
  child.stdout.on('data', (chunk: Buffer) => out.push(chunk));
  child.stderr.on('data', (chunk: Buffer) => err.push(chunk));
  const killer = setTimeout(() => child.kill('SIGKILL'), (seconds + 30) * 1000);
  try {
    const code = await new Promise<number | null>((done, fail) => { child.on('error', fail); child.on('close', done); });
    if (code !== 0) throw new Error(`autocannon exited with ${code}: ${Buffer.concat(err).toString('utf8').slice(-500)}`);
    return JSON.parse(Buffer.concat(out).toString('utf8')) as LoadResult;
  } finally {
    clearTimeout(killer);
  }
}

async function runCase(server: CaseFigures['server'], url: string, connections: number, seconds: number): Promise<CaseFigures> {
  note(`${server}: ${connections} connections for ${seconds} s ...`);
  const cpu0 = process.cpuUsage();
  const r = await load(url, connections, seconds);
  const cpu = process.cpuUsage(cpu0);
  const cpuMs = (cpu.user + cpu.system) / 1000;
  const figures: CaseFigures = {
    server, connections, seconds,
    requestsPerSecond: Math.round(r.requests.average),
    latencyMs: { p50: r.latency.p50, p90: r.latency.p90, p99: r.latency.p99, max: r.latency.max },
    serverCpuPercent: Math.round(cpuMs / (seconds * 10)),
    serverCpuMsPer1000: r['2xx'] > 0 ? Math.round((cpuMs / r['2xx']) * 1000) : 0,
    answered2xx: r['2xx'], non2xx: r.non2xx, errors: r.errors, timeouts: r.timeouts,
  };
  note(`  ${figures.requestsPerSecond} req/s, p50 ${figures.latencyMs.p50} ms, p99 ${figures.latencyMs.p99} ms, CPU ${figures.serverCpuPercent}% (${figures.serverCpuMsPer1000} ms per 1000 answers), non-2xx ${figures.non2xx}, errors ${figures.errors}`);
  return figures;
}

/** Messages on the raw topic: every 202 must be there (more only if a failed send had still written). */
async function rawMessages(brokers: string[], topic: string): Promise<number> {
  const admin = new Kafka({ clientId: 'bench-webform-admin', brokers, logLevel: KafkaLogLevel.NOTHING }).admin();
  await admin.connect();
  try {
    const offsets = await admin.fetchTopicOffsets(topic);
    return offsets.reduce((sum, o) => sum + Number(o.high) - Number(o.low), 0);
  } finally {
    await admin.disconnect();
  }
}

async function deleteRunTopics(brokers: string[], id: string): Promise<void> {
  const admin = new Kafka({ clientId: 'bench-webform-admin', brokers, logLevel: KafkaLogLevel.NOTHING }).admin();
  await admin.connect();
  try {
    const mine = (await admin.listTopics()).filter((t) => t.startsWith(`${id}.`));
    if (mine.length > 0) await admin.deleteTopics({ topics: mine });
    await admin.deleteGroups([`${id}-normalizer`]).catch(() => undefined);
  } finally {
    await admin.disconnect();
  }
}

// ---------------------------------------------------------------------------------------------
// Report

interface Report {
  setup: { cpus: number; node: string; loadAverage: number[]; durationS: number; withNormalizer: boolean; lingerMs: number; logLevel: string };
  cases: CaseFigures[];
  ratios: { connections: number; ratio: number }[];
  raw: { answered202: number; onTopic: number };
}

function table(report: Report): string {
  const lines = [
    `web form vs bare fastify; ${report.setup.durationS} s per case; ${report.setup.cpus} cores; load ${report.setup.loadAverage.map((l) => l.toFixed(2)).join(' ')}; normalizer ${report.setup.withNormalizer ? 'on' : 'off'}; capture linger ${report.setup.lingerMs} ms`,
    '',
    'server   conns  req/s   p50 ms  p90 ms  p99 ms  max ms  CPU %  CPU ms/1000  non-2xx  errors',
  ];
  for (const c of report.cases) {
    lines.push(`${c.server.padEnd(8)} ${String(c.connections).padStart(5)}  ${String(c.requestsPerSecond).padStart(6)}  ${String(c.latencyMs.p50).padStart(6)}  ${String(c.latencyMs.p90).padStart(6)}  ${String(c.latencyMs.p99).padStart(6)}  ${String(c.latencyMs.max).padStart(6)}  ${String(c.serverCpuPercent).padStart(5)}  ${String(c.serverCpuMsPer1000).padStart(11)}  ${String(c.non2xx).padStart(7)}  ${String(c.errors + c.timeouts).padStart(6)}`);
  }
  lines.push('');
  for (const r of report.ratios) {
    const p99 = report.cases.find((c) => c.server === 'webform' && c.connections === r.connections)?.latencyMs.p99;
    lines.push(`${r.connections} connections: web form / bare = ${r.ratio.toFixed(3)} (target ≥ 0.25); web form p99 ${p99} ms${r.connections >= 100 ? ' (target < 50 ms)' : ''}`);
  }
  lines.push(`raw topic: ${report.raw.onTopic} messages for ${report.raw.answered202} answers 202 (warm-up included)${report.raw.onTopic < report.raw.answered202 ? '  << FEWER THAN ACCEPTED' : ''}`);
  return lines.join('\n');
}

// ---------------------------------------------------------------------------------------------
// Main

const isLoopback = (host: string): boolean => ['127.0.0.1', 'localhost', '[::1]', '::1'].includes(host);

/**
 * KAFKA_BROKERS, or a local broker of this bench's own (its own state dir and port: the other
 * benches and the soak share theirs, and one of them stopping it mid-run would end this run). One
 * already running is reused and left running; one started here is stopped at the end.
 */
async function brokersForRun(keep: boolean): Promise<{ brokers: string[]; stop: () => Promise<void> }> {
  const configured = process.env.KAFKA_BROKERS;
  if (configured) {
    const brokers = configured.split(',').map((s) => s.trim()).filter(Boolean);
    for (const b of brokers) if (!isLoopback(b.slice(0, b.lastIndexOf(':')))) throw new Error(`loopback only: KAFKA_BROKERS names ${b}`);
    return { brokers, stop: async () => undefined };
  }
  const local: KafkaLauncherOptions = {
    dir: join(repoRoot, '.intake/bench-webform/kafka'), port: 19492, cacheDir: join(repoRoot, '.intake/cache'), log: (msg) => note(msg),
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

async function main(o: Options): Promise<Report> {
  if (!isLoopback(new URL(databaseUrl).hostname)) throw new Error('loopback only: DATABASE_URL names another host');
  const kafka = await brokersForRun(o.keepBroker);
  const id = runId();
  const dataDir = mkdtempSync(join(tmpdir(), 'bench-webform-'));
  const logger = createLogger({ level: o.logLevel, destination: openSync('/dev/null', 'w') });
  let daemon: RunningDaemon | null = null;
  let bare: FastifyInstance | null = null;
  let lingerMs = 0;
  try {
    note(`run ${id}: brokers ${kafka.brokers.join(',')}`);
    const config = daemonConfig(o, id, kafka.brokers, dataDir);
    lingerMs = config.kafka.captureLingerMs;
    daemon = await startDaemon(config, logger);
    const endpoint = daemon.connectors[0]?.endpoint?.() ?? null;
    if (endpoint === null) throw new Error('the web form is not listening');
    const webformUrl = `${endpoint}/v1/applications`;
    const started = await startBareServer();
    bare = started.app;

    let warm202 = 0;
    if (o.warmupS > 0) {
      const top = Math.max(...o.connections);
      note(`warm-up: ${o.warmupS} s on each server at ${top} connections (JIT, producer connection, broker)`);
      await load(started.url, top, o.warmupS);
      warm202 += (await load(webformUrl, top, o.warmupS))['2xx'];
    }
    const cases: CaseFigures[] = [];
    for (const connections of o.connections) {
      cases.push(await runCase('bare', started.url, connections, o.durationS));
      cases.push(await runCase('webform', webformUrl, connections, o.durationS));
    }
    const ratios = o.connections.map((connections) => {
      const of = (server: CaseFigures['server']): number => cases.find((c) => c.server === server && c.connections === connections)?.requestsPerSecond ?? 0;
      return { connections, ratio: Math.round((of('webform') / Math.max(1, of('bare'))) * 1000) / 1000 };
    });
    const answered202 = warm202 + cases.filter((c) => c.server === 'webform').reduce((sum, c) => sum + c.answered2xx, 0);
    return {
      setup: { cpus: cpus().length, node: process.version, loadAverage: loadavg(), durationS: o.durationS, withNormalizer: o.withNormalizer, lingerMs, logLevel: o.logLevel },
      cases, ratios,
      raw: { answered202, onTopic: await rawMessages(kafka.brokers, `${id}.raw`) },
    };
  } finally {
    await cleanup('bare server', async () => bare?.close());
    await cleanup('daemon', async () => daemon?.stop());
    await cleanup('topics', () => deleteRunTopics(kafka.brokers, id));
    await cleanup('schema', () => dropSchema(id));
    rmSync(dataDir, { recursive: true, force: true });
    await cleanup('local broker', () => kafka.stop(), 60_000);
  }
}

const options = parseArgs(process.argv.slice(2));
try {
  const report = await main(options);
  process.stdout.write(options.json ? `${JSON.stringify(report, null, 2)}\n` : `${table(report)}\n`);
  process.exit(0);
} catch (error) {
  process.stderr.write(`bench failed: ${(error as Error)?.stack ?? String(error)}\n`);
  process.exit(1);
}
