/**
 * Twilio webhook throughput (issue 9): signed inbound-message webhooks (POST /v1/twilio/sms)
 * answered per second, p50 and p99, by the Twilio connector as the daemon wires it (startDaemon, a
 * real Kafka broker, acks=all), beside a bare fastify server that parses the same urlencoded body
 * and runs the same signature check (the twilio library's `validateRequest`, through
 * connectors/twilio/signature.ts) and answers 200 with an empty `<Response/>`, in the same run, at
 * each connection count. Prints the figures and their ratio; asserts nothing about speed.
 *
 *   npm run bench:twilio -- [--duration 10] [--connections 10,100] [--runs 1] [--warmup 3] [--json]
 *
 * Every request is a new message: autocannon's `setupRequest` builds, per request, a form with a
 * fresh MessageSid (otherwise the webhook answers retries from memory), a +90532… sender and a
 * short Turkish text, signed over publicBaseUrl + path as Twilio signs (X-Twilio-Signature).
 * autocannon runs in a child process (this file with `--load-child`), so the load generator's CPU,
 * signing included, is not counted as the servers'.
 *
 * Infrastructure: KAFKA_BROKERS, else a local broker of its own (.intake/bench-twilio/kafka, port
 * 19592), started and stopped here unless it was already running (or --keep-broker); PostgreSQL at
 * DATABASE_URL (the daemon opens its sink even with the normalizer off). Topics and schema are the
 * run's own and removed at the end. Loopback only.
 */
import { spawn } from 'node:child_process';
import { randomBytes } from 'node:crypto';
import { mkdtempSync, openSync, rmSync } from 'node:fs';
import { createRequire } from 'node:module';
import { cpus, loadavg, tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import type { FastifyInstance } from 'fastify';
import type { Kafka } from 'kafkajs';
import { encodeFormParams, parseFormParams, type FormParams } from '../connectors/twilio/form-params.js';
import { checkSignature, SIGNATURE_HEADER, signedUrl, twilioSignature } from '../connectors/twilio/signature.js';
import type { RunningDaemon } from '../cli/daemon.js';
import type { Config } from '../runtime/config.js';
import { cleanup, databaseUrl, dropSchema, note, repoRoot, runId } from './infra.js';

// The load process (`--load-child`) imports only the signing modules above (and bench/infra.js,
// which loads pg alone); the daemon's modules, fastify and kafkajs are imported by the parent only.
const parentModules = async () => ({
  Fastify: (await import('fastify')).default,
  kafkajs: await import('kafkajs'),
  launcher: await import('../infra/kafka/launcher.js'),
  startDaemon: (await import('../cli/daemon.js')).startDaemon,
  loadConfig: (await import('../runtime/config.js')).loadConfig,
  prefixedTopics: (await import('../runtime/kafka/topics.js')).prefixedTopics,
  createLogger: (await import('../runtime/logger.js')).createLogger,
});
type ParentModules = Awaited<ReturnType<typeof parentModules>>;
let modules: ParentModules;

/** connectors/twilio/server.ts's SMS_PATH (checked against it in main). */
const SMS_PATH = '/v1/twilio/sms';

const publicBaseUrl = 'https://intake.example.com';
const accountSid = `AC${'5a1e'.repeat(8)}`;
const authToken = 'bench-auth-token-0123456789abcdef';

// ---------------------------------------------------------------------------------------------
// Options

interface Options {
  durationS: number;
  warmupS: number;
  connections: number[];
  runs: number;
  logLevel: string;
  keepBroker: boolean;
  json: boolean;
}

const usage = `usage: node dist/bench/twilio-webhook-throughput.js [--duration S] [--connections 10,100] [--runs N] [--warmup S] [--json]
  --duration S       seconds of load per case (default 10)
  --connections L    connection counts, comma-separated (default 10,100)
  --runs N           rounds of every case, interleaved (default 1)
  --warmup S         unmeasured seconds of load on each server first, at the highest count (default 3; 0 skips)
  --log-level L      the daemon's log level; lines go to /dev/null (default info, as in production)
  --keep-broker      leave the local broker running even if this run started it
  --json             print one JSON object on stdout instead of the table (progress stays on stderr)`;

function parseArgs(argv: string[]): Options {
  const o: Options = { durationS: 10, warmupS: 3, connections: [10, 100], runs: 1, logLevel: 'info', keepBroker: false, json: false };
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
    else if (a === '--runs') o.runs = int(a, argv[++i], 1);
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
// The load (child process): one new, signed inbound SMS per request

/** What the bench reads from autocannon's result. */
interface LoadResult {
  requests: { average: number };
  latency: { p50: number; p90: number; p99: number; max: number };
  '2xx': number;
  non2xx: number;
  errors: number;
  timeouts: number;
}

interface AutocannonRequest { method?: string; path?: string; headers?: Record<string, string>; body?: string }
type Autocannon = (options: Record<string, unknown>) => Promise<LoadResult>;

const texts = [
  'Merhaba, bu ayki faturam çok yüksek geldi, sayaç okumasını kontrol eder misiniz?',
  'Abonelik iptali için ne yapmam gerekiyor? Taşınıyorum.',
  'Ödememi yaptım ama hâlâ borç görünüyor, yardımcı olur musunuz?',
  'Sayaç değişimi için randevu almak istiyorum.',
];

/** A fresh inbound SMS as Twilio posts it, with a MessageSid of its own. */
function newMessage(sid: string): FormParams {
  const from = `+90532${String(Math.floor(Math.random() * 1e7)).padStart(7, '0')}`;
  return {
    ToCountry: 'TR', ToState: '', SmsMessageSid: sid, NumMedia: '0', ToCity: '', FromZip: '', SmsSid: sid, FromState: '',
    SmsStatus: 'received', FromCity: '', Body: texts[Math.floor(Math.random() * texts.length)] ?? '', FromCountry: 'TR',
    To: '+908502220153', ToZip: '', NumSegments: '1', ReferralNumMedia: '0', MessageSid: sid, AccountSid: accountSid,
    From: from, ApiVersion: '2010-04-01',
  };
}

async function loadChild(spec: { url: string; connections: number; seconds: number }): Promise<void> {
  const autocannon = createRequire(import.meta.url)('autocannon') as Autocannon;
  // SM + 32 hex: 8 random to this process, 24 of a counter.
  const prefix = randomBytes(4).toString('hex');
  let counter = 0;
  const url = signedUrl(publicBaseUrl, SMS_PATH);
  const result = await autocannon({
    url: spec.url,
    connections: spec.connections,
    duration: spec.seconds,
    timeout: 10,
    requests: [{
      setupRequest(req: AutocannonRequest): AutocannonRequest {
        counter += 1;
        const params = newMessage(`SM${prefix}${counter.toString(16).padStart(24, '0')}`);
        return {
          ...req,
          method: 'POST',
          path: SMS_PATH,
          headers: { 'content-type': 'application/x-www-form-urlencoded', [SIGNATURE_HEADER]: twilioSignature(authToken, url, params) },
          body: encodeFormParams(params),
        };
      },
    }],
  });
  const { requests, latency, non2xx, errors, timeouts } = result;
  process.stdout.write(JSON.stringify({ requests, latency, '2xx': result['2xx'], non2xx, errors, timeouts }));
}

/** Runs the load in a child process (this file, `--load-child`), so that it shares neither the servers' event loop nor their CPU. */
async function load(url: string, connections: number, seconds: number): Promise<LoadResult> {
  const args = [fileURLToPath(import.meta.url), '--load-child', JSON.stringify({ url, connections, seconds })];
  const child = spawn(process.execPath, args, { stdio: ['ignore', 'pipe', 'pipe'] });
  const out: Buffer[] = [];
  const err: Buffer[] = [];
  child.stdout.on('data', (chunk: Buffer) => out.push(chunk));
  child.stderr.on('data', (chunk: Buffer) => err.push(chunk));
  const killer = setTimeout(() => child.kill('SIGKILL'), (seconds + 30) * 1000);
  try {
    const code = await new Promise<number | null>((done, fail) => { child.on('error', fail); child.on('close', done); });
    if (code !== 0) throw new Error(`the load process exited with ${code}: ${Buffer.concat(err).toString('utf8').slice(-500)}`);
    return JSON.parse(Buffer.concat(out).toString('utf8')) as LoadResult;
  } finally {
    clearTimeout(killer);
  }
}

// ---------------------------------------------------------------------------------------------
// The servers

const emptyTwiml = '<?xml version="1.0" encoding="UTF-8"?><Response/>';

/** The ceiling: fastify reading the same form as bytes, parsing it and checking its signature, then 200 with an empty TwiML. */
async function startBareServer(): Promise<{ app: FastifyInstance; url: string; rejected: () => number }> {
  const app = modules.Fastify({ logger: false, bodyLimit: 65536 });
  let rejected = 0;
  app.removeAllContentTypeParsers();
  app.addContentTypeParser('application/x-www-form-urlencoded', { parseAs: 'buffer' }, (_request, body, done) => done(null, body));
  app.post(SMS_PATH, async (request, reply) => {
    const params = parseFormParams(Buffer.isBuffer(request.body) ? request.body : Buffer.alloc(0));
    const header = request.headers[SIGNATURE_HEADER];
    if (checkSignature(authToken, typeof header === 'string' ? header : undefined, signedUrl(publicBaseUrl, request.url), params) !== 'valid') {
      rejected += 1;
      return reply.code(403).send();
    }
    return reply.code(200).type('text/xml; charset=utf-8').send(emptyTwiml);
  });
  await app.listen({ host: '127.0.0.1', port: 0 });
  const address = app.server.address();
  if (typeof address !== 'object' || address === null) throw new Error('the bare server has no port');
  return { app, url: `http://127.0.0.1:${address.port}`, rejected: () => rejected };
}

/** The daemon's configuration: the Twilio connector alone, the run's own topics, schema, data dir and a free port. */
function daemonConfig(o: Options, id: string, brokers: string[], dataDir: string): Config {
  const base = modules.loadConfig({ file: null, env: {} });
  return {
    ...base,
    dataDir,
    log: { level: o.logLevel as Config['log']['level'] },
    database: { url: databaseUrl, schema: id },
    kafka: { ...base.kafka, brokers, clientId: id, topics: modules.prefixedTopics(id) },
    normalizer: { ...base.normalizer, enabled: false, consumerGroup: `${id}-normalizer` },
    connectors: {
      ...base.connectors,
      webform: { ...base.connectors.webform, enabled: false },
      email: { ...base.connectors.email, enabled: false },
      twilio: { ...base.connectors.twilio, enabled: true, host: '127.0.0.1', port: 0, publicBaseUrl, accountSid, authToken },
    },
    transcription: { ...base.transcription, enabled: false },
    reports: { ...base.reports, enabled: false },
  };
}

// ---------------------------------------------------------------------------------------------
// Cases

interface CaseFigures {
  run: number;
  server: 'bare' | 'twilio';
  connections: number;
  seconds: number;
  /** Mean of autocannon's per-second samples. */
  requestsPerSecond: number;
  latencyMs: { p50: number; p90: number; p99: number; max: number };
  /** CPU time of this process (both servers, the Kafka client included) over the case, in % of one core. */
  serverCpuPercent: number;
  /** The same per 1000 answers 2xx, in ms. */
  serverCpuMsPer1000: number;
  answered2xx: number;
  non2xx: number;
  errors: number;
  timeouts: number;
}

async function runCase(run: number, server: CaseFigures['server'], url: string, connections: number, seconds: number): Promise<CaseFigures> {
  note(`run ${run}, ${server}: ${connections} connections for ${seconds} s ...`);
  const cpu0 = process.cpuUsage();
  const r = await load(url, connections, seconds);
  const cpu = process.cpuUsage(cpu0);
  const cpuMs = (cpu.user + cpu.system) / 1000;
  const figures: CaseFigures = {
    run, server, connections, seconds,
    requestsPerSecond: Math.round(r.requests.average),
    latencyMs: { p50: r.latency.p50, p90: r.latency.p90, p99: r.latency.p99, max: r.latency.max },
    serverCpuPercent: Math.round(cpuMs / (seconds * 10)),
    serverCpuMsPer1000: r['2xx'] > 0 ? Math.round((cpuMs / r['2xx']) * 1000) : 0,
    answered2xx: r['2xx'], non2xx: r.non2xx, errors: r.errors, timeouts: r.timeouts,
  };
  note(`  ${figures.requestsPerSecond} req/s, p50 ${figures.latencyMs.p50} ms, p99 ${figures.latencyMs.p99} ms, CPU ${figures.serverCpuPercent}% (${figures.serverCpuMsPer1000} ms per 1000 answers), non-2xx ${figures.non2xx}, errors ${figures.errors + figures.timeouts}`);
  return figures;
}

async function withAdmin<T>(brokers: string[], work: (admin: ReturnType<Kafka['admin']>) => Promise<T>): Promise<T> {
  const admin = new modules.kafkajs.Kafka({ clientId: 'bench-twilio-admin', brokers, logLevel: modules.kafkajs.logLevel.NOTHING }).admin();
  await admin.connect();
  try {
    return await work(admin);
  } finally {
    await admin.disconnect();
  }
}

/** Messages on a topic (all partitions). */
const topicMessages = (brokers: string[], topic: string): Promise<number> => withAdmin(brokers, async (admin) =>
  (await admin.fetchTopicOffsets(topic)).reduce((sum, o) => sum + Number(o.high) - Number(o.low), 0));

const deleteRunTopics = (brokers: string[], id: string): Promise<void> => withAdmin(brokers, async (admin) => {
  const mine = (await admin.listTopics()).filter((t) => t.startsWith(`${id}.`));
  if (mine.length > 0) await admin.deleteTopics({ topics: mine });
});

// ---------------------------------------------------------------------------------------------
// Report

interface Report {
  setup: { cpus: number; node: string; loadAverage: number[]; durationS: number; runs: number; logLevel: string };
  cases: CaseFigures[];
  ratios: { run: number; connections: number; ratio: number; twilioP99Ms: number }[];
  raw: { answered200: number; onTopic: number; captured: number; replayed: number; rejectedSignatures: number; bareRejected: number };
}

function table(report: Report): string {
  const s = report.setup;
  const lines = [
    `Twilio webhook vs bare signature check; ${s.durationS} s per case; ${s.runs} run(s); ${s.cpus} cores; ${s.node}; load ${s.loadAverage.map((l) => l.toFixed(2)).join(' ')}; log level ${s.logLevel}`,
    '',
    'run  server  conns  req/s   p50 ms  p90 ms  p99 ms  max ms  CPU %  CPU ms/1000  non-2xx  errors',
  ];
  for (const c of report.cases) {
    lines.push(`${String(c.run).padStart(3)}  ${c.server.padEnd(6)} ${String(c.connections).padStart(5)}  ${String(c.requestsPerSecond).padStart(6)}  ${String(c.latencyMs.p50).padStart(6)}  ${String(c.latencyMs.p90).padStart(6)}  ${String(c.latencyMs.p99).padStart(6)}  ${String(c.latencyMs.max).padStart(6)}  ${String(c.serverCpuPercent).padStart(5)}  ${String(c.serverCpuMsPer1000).padStart(11)}  ${String(c.non2xx).padStart(7)}  ${String(c.errors + c.timeouts).padStart(6)}`);
  }
  lines.push('');
  for (const r of report.ratios) {
    const met = r.ratio >= 0.3 && r.twilioP99Ms < 100;
    lines.push(`run ${r.run}, ${r.connections} connections: twilio / bare = ${r.ratio.toFixed(3)} (target ≥ 0.3); twilio p99 ${r.twilioP99Ms} ms (target < 100 ms): ${met ? 'met' : 'NOT met'}`);
  }
  const w = report.raw;
  lines.push(`raw topic: ${w.onTopic} messages for ${w.answered200} answers 200 (warm-up included); connector: ${w.captured} captured, ${w.replayed} replayed, ${w.rejectedSignatures} signatures rejected; bare: ${w.bareRejected} rejected${w.onTopic < w.answered200 ? '  << FEWER THAN ANSWERED' : ''}`);
  return lines.join('\n');
}

// ---------------------------------------------------------------------------------------------
// Main

const isLoopback = (host: string): boolean => ['127.0.0.1', 'localhost', '[::1]', '::1'].includes(host);

/** KAFKA_BROKERS, or a local broker of this bench's own; one already running is reused and left running. */
async function brokersForRun(keep: boolean): Promise<{ brokers: string[]; stop: () => Promise<void> }> {
  const configured = process.env.KAFKA_BROKERS;
  if (configured) {
    const brokers = configured.split(',').map((s) => s.trim()).filter(Boolean);
    for (const b of brokers) if (!isLoopback(b.slice(0, b.lastIndexOf(':')))) throw new Error(`loopback only: KAFKA_BROKERS names ${b}`);
    return { brokers, stop: async () => undefined };
  }
  const { kafkaStatus, startKafka, stopKafka } = modules.launcher;
  const local = {
    dir: join(repoRoot, '.intake/bench-twilio/kafka'), port: 19592, cacheDir: join(repoRoot, '.intake/cache'), log: (msg: string) => note(msg),
  };
  const before = await kafkaStatus(local);
  let started = false;
  try {
    const status = await startKafka(local);
    started = true;
    return { brokers: [status.brokers ?? `127.0.0.1:${local.port}`], stop: before.running || keep ? async () => undefined : () => stopKafka(local) };
  } finally {
    if (!started && !before.running) await stopKafka(local).catch(() => undefined);
  }
}

async function main(o: Options): Promise<Report> {
  if (!isLoopback(new URL(databaseUrl).hostname)) throw new Error('loopback only: DATABASE_URL names another host');
  modules = await parentModules();
  if ((await import('../connectors/twilio/server.js')).SMS_PATH !== SMS_PATH) throw new Error('SMS_PATH moved: update the bench');
  const kafka = await brokersForRun(o.keepBroker);
  const id = runId();
  const dataDir = mkdtempSync(join(tmpdir(), 'bench-twilio-'));
  const logger = modules.createLogger({ level: o.logLevel, destination: openSync('/dev/null', 'w') });
  let daemon: RunningDaemon | null = null;
  let bare: FastifyInstance | null = null;
  try {
    note(`run ${id}: brokers ${kafka.brokers.join(',')}`);
    daemon = await modules.startDaemon(daemonConfig(o, id, kafka.brokers, dataDir), logger);
    const connector = daemon.connectors.find((c) => c.id === 'twilio');
    const endpoint = connector?.endpoint?.() ?? null;
    if (connector === undefined || endpoint === null) throw new Error('the Twilio connector is not listening');
    const started = await startBareServer();
    bare = started.app;

    let warm200 = 0;
    if (o.warmupS > 0) {
      const top = Math.max(...o.connections);
      note(`warm-up: ${o.warmupS} s on each server at ${top} connections (JIT, producer connection, broker)`);
      await load(started.url, top, o.warmupS);
      warm200 += (await load(endpoint, top, o.warmupS))['2xx'];
    }
    const cases: CaseFigures[] = [];
    for (let run = 1; run <= o.runs; run++) {
      for (const connections of o.connections) {
        cases.push(await runCase(run, 'bare', started.url, connections, o.durationS));
        cases.push(await runCase(run, 'twilio', endpoint, connections, o.durationS));
      }
    }
    const ratios = cases.filter((c) => c.server === 'twilio').map((t) => {
      const b = cases.find((c) => c.server === 'bare' && c.run === t.run && c.connections === t.connections)?.requestsPerSecond ?? 0;
      return { run: t.run, connections: t.connections, ratio: Math.round((t.requestsPerSecond / Math.max(1, b)) * 1000) / 1000, twilioP99Ms: t.latencyMs.p99 };
    });
    const answered200 = warm200 + cases.filter((c) => c.server === 'twilio').reduce((sum, c) => sum + c.answered2xx, 0);
    const stats = (connector as { stats?: () => { captured: number; replayed: number; rejectedSignatures: number } }).stats?.() ?? { captured: -1, replayed: -1, rejectedSignatures: -1 };
    return {
      setup: { cpus: cpus().length, node: process.version, loadAverage: loadavg(), durationS: o.durationS, runs: o.runs, logLevel: o.logLevel },
      cases, ratios,
      raw: { answered200, onTopic: await topicMessages(kafka.brokers, `${id}.raw`), captured: stats.captured, replayed: stats.replayed, rejectedSignatures: stats.rejectedSignatures, bareRejected: started.rejected() },
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

if (process.argv[2] === '--load-child') {
  try {
    await loadChild(JSON.parse(process.argv[3] ?? '{}') as { url: string; connections: number; seconds: number });
    process.exit(0);
  } catch (error) {
    process.stderr.write(`load failed: ${(error as Error)?.stack ?? String(error)}\n`);
    process.exit(1);
  }
} else {
  const options = parseArgs(process.argv.slice(2));
  try {
    const report = await main(options);
    process.stdout.write(options.json ? `${JSON.stringify(report, null, 2)}\n` : `${table(report)}\n`);
    process.exit(0);
  } catch (error) {
    process.stderr.write(`bench failed: ${(error as Error)?.stack ?? String(error)}\n`);
    process.exit(1);
  }
}
