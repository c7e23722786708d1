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
import { randomBytes } from 'node:crypto';
import { mkdtempSync, openSync } from 'node:fs';
import { createRequire } from 'node:module';
import { cpus, loadavg, tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import type { FastifyInstance } from 'fastify';
import { encodeFormParams, parseFormParams, type FormParams } from '../connectors/twilio/form-params.js';
import { checkSignature, SIGNATURE_HEADER, signedUrl, twilioSignature } from '../connectors/twilio/signature.js';
import type { RunningDaemon } from '../cli/daemon.js';
import type { Config } from '../runtime/config.js';
import { databaseUrl, dropSchema, note, runId } from './infra.js';
import {
  assertLoopbackDatabase, brokersForRun, caseColumns, caseColumnsHeader, endRun, intArg, listenLoopback, loadOptionDefaults, measureCase,
  parseLoadArgs, printReport, runLoadProcess, topicMessages, warmUp, withAdmin, type LoadFigures, type LoadOptions, type LoadResult,
} from './http-load.js';

// The load process (`--load-child`) imports only the signing modules above (and bench/infra.js,
// which loads pg alone, and bench/http-load.js, which loads kafkajs only when asked); the daemon's
// modules and fastify are imported by the parent only.
const parentModules = async () => ({
  Fastify: (await import('fastify')).default,
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

interface Options extends LoadOptions {
  runs: number;
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
  const o: Options = { ...loadOptionDefaults(), runs: 1 };
  return parseLoadArgs(argv, o, usage, (a, next) => {
    if (a === '--runs') o.runs = intArg(a, next(), 1, usage);
    else return false;
    return true;
  });
}

// ---------------------------------------------------------------------------------------------
// The load (child process): one new, signed inbound SMS per request

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
const load = (url: string, connections: number, seconds: number): Promise<LoadResult> =>
  runLoadProcess([fileURLToPath(import.meta.url), '--load-child', JSON.stringify({ url, connections, seconds })], seconds, 'the load process');

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
  return { app, url: `http://127.0.0.1:${await listenLoopback(app)}`, rejected: () => rejected };
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
      // The media workers run as in the daemon (the load sends no MMS), in the run's own group.
      twilio: { ...base.connectors.twilio, enabled: true, host: '127.0.0.1', port: 0, publicBaseUrl, accountSid, authToken, media: { ...base.connectors.twilio.media, consumerGroup: `${id}-media` } },
    },
    transcription: { ...base.transcription, enabled: false },
    reports: { ...base.reports, enabled: false },
  };
}

// ---------------------------------------------------------------------------------------------
// Cases

interface CaseFigures extends LoadFigures {
  run: number;
  server: 'bare' | 'twilio';
  connections: number;
  seconds: number;
}

async function runCase(run: number, server: CaseFigures['server'], url: string, connections: number, seconds: number): Promise<CaseFigures> {
  return { run, server, connections, seconds, ...await measureCase(`run ${run}, ${server}`, load, url, connections, seconds, true) };
}

/** Messages on a topic (all partitions). */
const rawMessages = (brokers: string[], topic: string): Promise<number> => topicMessages('bench-twilio-admin', brokers, topic);

const deleteRunTopics = (brokers: string[], id: string): Promise<void> => withAdmin('bench-twilio-admin', brokers, async (admin) => {
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
    `run  server  ${caseColumnsHeader}`,
  ];
  for (const c of report.cases) {
    lines.push(`${String(c.run).padStart(3)}  ${c.server.padEnd(6)} ${caseColumns(c)}`);
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

/** This bench's own broker (state dir and port), apart from the other benches' and the soak's. */
const ownBroker = { dir: '.intake/bench-twilio/kafka', port: 19592 };

async function main(o: Options): Promise<Report> {
  assertLoopbackDatabase();
  modules = await parentModules();
  if ((await import('../connectors/twilio/server.js')).SMS_PATH !== SMS_PATH) throw new Error('SMS_PATH moved: update the bench');
  const kafka = await brokersForRun(o.keepBroker, ownBroker);
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

    const warm200 = await warmUp(o, load, started.url, endpoint);
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
      raw: { answered200, onTopic: await rawMessages(kafka.brokers, `${id}.raw`), captured: stats.captured, replayed: stats.replayed, rejectedSignatures: stats.rejectedSignatures, bareRejected: started.rejected() },
    };
  } finally {
    await endRun({
      bare: async () => bare?.close(), daemon: async () => daemon?.stop(), topics: () => deleteRunTopics(kafka.brokers, id), schema: () => dropSchema(id),
      dataDir, broker: () => kafka.stop(),
    });
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
  await printReport(options.json, () => main(options), table);
}
