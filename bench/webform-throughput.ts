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
import { openSync, mkdtempSync } from 'node:fs';
import { createRequire } from 'node:module';
import { cpus, loadavg, tmpdir } from 'node:os';
import { join } from 'node:path';
import Fastify, { type FastifyInstance } from 'fastify';
import { startDaemon, type RunningDaemon } from '../cli/daemon.js';
import { loadConfig, type Config } from '../runtime/config.js';
import { prefixedTopics } from '../runtime/kafka/topics.js';
import { createLogger } from '../runtime/logger.js';
import { databaseUrl, dropSchema, note, runId } from './infra.js';
import {
  assertLoopbackDatabase, brokersForRun, caseColumns, caseColumnsHeader, endRun, listenLoopback, loadOptionDefaults, measureCase, parseLoadArgs,
  intArg, printReport, runLoadProcess, topicMessages, warmUp, withAdmin, type LoadFigures, type LoadOptions, type LoadResult,
} from './http-load.js';

// ---------------------------------------------------------------------------------------------
// Options

interface Options extends LoadOptions {
  withNormalizer: boolean;
  lingerMs: number | null;
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
  const o: Options = { ...loadOptionDefaults(), withNormalizer: false, lingerMs: null };
  return parseLoadArgs(argv, o, usage, (a, next) => {
    if (a === '--with-normalizer') o.withNormalizer = true;
    else if (a === '--linger-ms') o.lingerMs = intArg(a, next(), 0, usage);
    else return false;
    return true;
  });
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
  return { app, url: `http://127.0.0.1:${await listenLoopback(app)}/v1/applications` };
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

interface CaseFigures extends LoadFigures {
  server: 'bare' | 'webform';
  connections: number;
  seconds: number;
}

/** autocannon itself in a process of its own (see runLoadProcess), posting the one body. */
const load = (url: string, connections: number, seconds: number): Promise<LoadResult> => runLoadProcess(
  [autocannonCli, '--json', '-c', String(connections), '-d', String(seconds), '-t', '10', '-m', 'POST', '-H', 'content-type=application/json', '-b', body, url],
  seconds, 'autocannon');

async function runCase(server: CaseFigures['server'], url: string, connections: number, seconds: number): Promise<CaseFigures> {
  return { server, connections, seconds, ...await measureCase(server, load, url, connections, seconds, false) };
}

/** Messages on the raw topic: every 202 must be there (more only if a failed send had still written). */
const rawMessages = (brokers: string[], topic: string): Promise<number> => topicMessages('bench-webform-admin', brokers, topic);

const deleteRunTopics = (brokers: string[], id: string): Promise<void> => withAdmin('bench-webform-admin', brokers, async (admin) => {
  const mine = (await admin.listTopics()).filter((t) => t.startsWith(`${id}.`));
  if (mine.length > 0) await admin.deleteTopics({ topics: mine });
  await admin.deleteGroups([`${id}-normalizer`]).catch(() => undefined);
});

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
    `server   ${caseColumnsHeader}`,
  ];
  for (const c of report.cases) {
    lines.push(`${c.server.padEnd(8)} ${caseColumns(c)}`);
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

/** This bench's own broker (state dir and port), apart from the other benches' and the soak's. */
const ownBroker = { dir: '.intake/bench-webform/kafka', port: 19492 };

async function main(o: Options): Promise<Report> {
  assertLoopbackDatabase();
  const kafka = await brokersForRun(o.keepBroker, ownBroker);
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

    const warm202 = await warmUp(o, load, started.url, webformUrl);
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
    await endRun({
      bare: async () => bare?.close(), daemon: async () => daemon?.stop(), topics: () => deleteRunTopics(kafka.brokers, id), schema: () => dropSchema(id),
      dataDir, broker: () => kafka.stop(),
    });
  }
}

const options = parseArgs(process.argv.slice(2));
await printReport(options.json, () => main(options), table);
