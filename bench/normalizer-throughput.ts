/**
 * Normalizer throughput: how many raw items per second the real normalizer (startNormalizer with
 * our Kafka bus and the PostgreSQL sink) gets from a preloaded raw topic into the CRM database,
 * next to a plain kafkajs consume-and-produce loop over a copy of the same items, and next to the
 * pure decide() function in-process. Prints figures; asserts nothing about speed.
 *
 *   npm run bench -- [--items 5000] [--runs 1] [--json] [--log-level info]
 *   node dist/bench/normalizer-throughput.js --items 5000 --runs 2
 *
 * Infrastructure: KAFKA_BROKERS, else a local broker of its own (.intake/bench/kafka, port 19392)
 * started and stopped here; PostgreSQL at DATABASE_URL, else postgres://postgres@127.0.0.1:5432/test.
 * Every repetition gets fresh topics, consumer groups and a PostgreSQL schema, removed at the end.
 */
import { openSync, readFileSync } from 'node:fs';
import { writeFile } from 'node:fs/promises';
import { Session } from 'node:inspector/promises';
import { join } from 'node:path';
import { cpus, loadavg } from 'node:os';
import { Kafka, Partitioners, logLevel as KafkaLogLevel, type Admin, type IHeaders } from 'kafkajs';
import pg from 'pg';
import { defaultCatalogue } from '../normalizer/catalogue/index.js';
import { decide } from '../normalizer/decide.js';
import { readRawItem } from '../normalizer/read-raw-item.js';
import { startNormalizer, type NormalizerHandle } from '../normalizer/runner.js';
import { createBus } from '../runtime/kafka/bus.js';
import { prefixedTopics, type TopicNames } from '../runtime/kafka/topics.js';
import type { Bus, Publisher } from '../runtime/kafka/types.js';
import { loadConfig } from '../runtime/config.js';
import { createLogger } from '../runtime/logger.js';
import { validateRawItem } from '../runtime/schemas.js';
import type { DecisionKind } from '../schemas/types.generated.js';
import { openSink, type Sink } from '../sink/index.js';
import { benchBrokers, cleanup, createRunTopics, databaseUrl, dropSchema, note, runId } from './infra.js';
import { makeItems, type BenchItem } from './items.js';
import { collectGarbage, round, startPhase, waitForCount, type PhaseFigures } from './measure.js';

// ---------------------------------------------------------------------------------------------
// Options

interface Options { items: number; runs: number; warmup: number | null; json: boolean; logLevel: string; partitions: number; concurrentBatches: number; cpuProfile: string | null }

const usage = `usage: node dist/bench/normalizer-throughput.js [--items N] [--runs R] [--json] [--log-level L]
  --items N      raw items preloaded per copy (default 5000)
  --runs R       repetitions, each on fresh topics, groups and schema (default 1)
  --warmup W     items of an unmeasured first pass through every phase (default: as many as --items;
                 0 skips it). A fresh broker's JVM and V8's JIT are slow at first: with a 1000-item
                 warm-up the first measured baseline still ran at half the speed of the next ones
  --json         print one JSON object on stdout instead of the table (progress stays on stderr)
  --log-level L  the normalizer's log level; lines go to /dev/null (default info, as in production)
  --concurrent-batches N  partitions' batches decided at once (default: normalizer.concurrentBatches)
  --cpu-profile DIR  write each measured run's candidate phase as DIR/candidate-r<n>.cpuprofile`;

function parseArgs(argv: string[]): Options {
  const o: Options = { items: 5000, runs: 1, warmup: null, json: false, logLevel: 'info', partitions: 3, concurrentBatches: loadConfig({}).normalizer.concurrentBatches, cpuProfile: null };
  const int = (flag: string, v: string | undefined): number => {
    const n = Number(v);
    if (!Number.isInteger(n) || n < 1) throw new Error(`${flag} needs a positive integer\n${usage}`);
    return n;
  };
  for (let i = 0; i < argv.length; i++) {
    const a = argv[i];
    if (a === '--items') o.items = int(a, argv[++i]);
    else if (a === '--runs') o.runs = int(a, argv[++i]);
    else if (a === '--warmup') o.warmup = argv[i + 1] === '0' ? (i++, 0) : int(a, argv[++i]);
    else if (a === '--json') o.json = true;
    else if (a === '--log-level') o.logLevel = argv[++i] ?? 'info';
    else if (a === '--concurrent-batches') o.concurrentBatches = int(a, argv[++i]);
    else if (a === '--cpu-profile') o.cpuProfile = argv[++i] ?? null;
    else if (a === '--help' || a === '-h') { process.stdout.write(`${usage}\n`); process.exit(0); }
    else throw new Error(`unknown argument ${a}\n${usage}`);
  }
  if (!['fatal', 'error', 'warn', 'info', 'debug', 'trace', 'silent'].includes(o.logLevel)) throw new Error(`bad --log-level ${o.logLevel}`);
  return o;
}

// ---------------------------------------------------------------------------------------------
// Shared pieces

const POLL_MS = 50;
const STALL_MS = 90_000;
const SESSION_TIMEOUT_MS = 10_000;
const stopping = new AbortController();

type Kinds = Record<DecisionKind, number>;
const noKinds = (): Kinds => ({ crm: 0, 'needs-info': 0, 'archive-only': 0, ignored: 0 });

interface RunTopics { candidate: TopicNames; baselineRaw: string; baselineOut: string; batchRaw: string; batchOut: string }

function topicsFor(prefix: string): RunTopics {
  return {
    candidate: prefixedTopics(prefix),
    baselineRaw: `${prefix}.baseline-raw`,
    baselineOut: `${prefix}.baseline-out`,
    batchRaw: `${prefix}.batch-raw`,
    batchOut: `${prefix}.batch-out`,
  };
}

const allTopics = (t: RunTopics): string[] => [...Object.values(t.candidate), t.baselineRaw, t.baselineOut, t.batchRaw, t.batchOut];

/** kafkajs clients of the bench; quiet (a fresh broker's retried "coordinator loading" is noise), failures still throw. */
function kafkaClient(brokers: string[], clientId: string): Kafka {
  return new Kafka({ clientId, brokers, logLevel: KafkaLogLevel.NOTHING, connectionTimeout: 3000, retry: { retries: 5, initialRetryTime: 200, maxRetryTime: 5000 } });
}

/** Writes the items to `topic` as the web-form connector would (key = item id, same headers). */
async function preload(kafka: Kafka, admin: Admin, topic: string, items: BenchItem[]): Promise<number[]> {
  // Idempotent: a fresh topic may answer NOT_LEADER for one partition, and kafkajs then retries the
  // whole send; without sequence numbers the partitions that had succeeded would get duplicates.
  const producer = kafka.producer({ idempotent: true, maxInFlightRequests: 1, createPartitioner: Partitioners.DefaultPartitioner });
  await producer.connect();
  try {
    for (let i = 0; i < items.length; i += 500) {
      await producer.send({
        topic, acks: -1,
        messages: items.slice(i, i + 500).map(({ item, json }) => ({
          key: item.itemId, value: json, headers: { 'content-type': 'application/json', schema: 'raw-item/1', channel: item.channel },
        })),
      });
    }
  } finally {
    await producer.disconnect();
  }
  const offsets = await admin.fetchTopicOffsets(topic);
  const perPartition = offsets.sort((a, b) => a.partition - b.partition).map((o) => Number(o.high) - Number(o.low));
  const total = perPartition.reduce((a, b) => a + b, 0);
  if (total !== items.length) throw new Error(`preload of ${topic}: ${total} messages on the topic, expected ${items.length}`);
  return perPartition;
}

/** Per-call time of an async function, aggregated. */
class Timer {
  n = 0;
  totalMs = 0;
  async time<T>(work: () => Promise<T>): Promise<T> {
    const t = performance.now();
    try {
      return await work();
    } finally {
      this.n += 1;
      this.totalMs += performance.now() - t;
    }
  }
  /** Per item, ms: the runner calls once per batch, so the total is shared out over the items. */
  perItem(items: number): number { return round(this.totalMs / items, 3); }
}

// ---------------------------------------------------------------------------------------------
// Candidate: the real normalizer

interface CandidateFigures extends PhaseFigures {
  /** Average time per item inside our code, ms: the whole handler, and its two I/O calls. */
  perItemMs: { wall: number; handler: number; lookups: number; sinkRecord: number; publish: number; rest: number };
  /** CPU per item, µs: this Node process, and the PostgreSQL backends of the sink's pool (null when not on this machine). */
  cpuUsPerItem: { node: number; postgres: number | null };
  kinds: Kinds;
}

/**
 * The CPU time so far of the PostgreSQL backends named `appName`, ns, read from /proc: null when
 * the server is not on this machine or not readable. A backend the pool closed in between is lost,
 * so the phase should stay under the pool's 10 s idle timeout.
 */
async function postgresCpuNs(appName: string): Promise<Map<number, number> | null> {
  const client = new pg.Client({ connectionString: databaseUrl });
  await client.connect();
  try {
    const { rows } = await client.query<{ pid: number }>('SELECT pid FROM pg_stat_activity WHERE application_name = $1', [appName]);
    return new Map(rows.map(({ pid }) => [pid, Number(readFileSync(`/proc/${pid}/schedstat`, 'utf8').split(' ')[0])]));
  } catch {
    return null;
  } finally {
    await client.end();
  }
}

function postgresCpuUsPerItem(before: Map<number, number> | null, after: Map<number, number> | null, items: number): number | null {
  if (before === null || after === null) return null;
  let ns = 0;
  for (const [pid, n] of after) ns += n - (before.get(pid) ?? 0);
  return round(ns / 1000 / items, 1);
}

/** The CPU profile of this process while `work` runs, written to `file`; just `work` when `file` is null. */
async function profiled<T>(file: string | null, work: () => Promise<T>): Promise<T> {
  if (file === null) return work();
  const session = new Session();
  session.connect();
  try {
    await session.post('Profiler.enable');
    await session.post('Profiler.start');
    const result = await work();
    const { profile } = await session.post('Profiler.stop');
    await writeFile(file, JSON.stringify(profile));
    return result;
  } finally {
    session.disconnect();
  }
}

async function runCandidate(o: { brokers: string[]; topics: TopicNames; groupId: string; schema: string; items: number; logLevel: string; concurrentBatches: number; profile: string | null }): Promise<CandidateFigures> {
  const logger = createLogger({ level: o.logLevel, destination: openSync('/dev/null', 'w') });
  // The connection string's application_name wins over the sink's, so its backends can be found.
  const named = new URL(databaseUrl);
  named.searchParams.set('application_name', o.schema);
  const sink: Sink = await openSink({ databaseUrl: named.toString(), embeddedDir: null, pgSchema: o.schema });
  const bus: Bus = createBus({ brokers: o.brokers, clientId: `${o.groupId}-client`, logger, logLevel: o.logLevel });
  let handle: NormalizerHandle | null = null;
  try {
    // Timing wrappers around the seams the runner calls, so the figures say where the time goes.
    const handler = new Timer();
    const record = new Timer();
    const lookups = new Timer();
    const publish = new Timer();
    const timedBus: Bus = { ...bus, subscribe: (s) => bus.subscribe({ ...s, handleBatch: (ms, control) => handler.time(() => s.handleBatch(ms, control)) }) };
    const realPublisher = bus.publisher();
    const publisher: Publisher = { publish: (topic, messages) => publish.time(() => realPublisher.publish(topic, messages)), close: () => realPublisher.close() };
    const timedSink: Sink = {
      ...sink,
      recordAll: (decisions, now) => record.time(() => sink.recordAll(decisions, now)),
      findSubscribers: (accounts) => lookups.time(() => sink.findSubscribers(accounts)),
      recentApplicationsOf: (persons, from, to) => lookups.time(() => sink.recentApplicationsOf(persons, from, to)),
    };

    let fatal: Error | null = null;
    // Polled on a connection of its own, so its 20 queries a second are not counted as the sink's CPU.
    const poller = new pg.Client({ connectionString: databaseUrl });
    await poller.connect();
    const recorded = async (): Promise<number> => Number((await poller.query<{ n: string }>(`SELECT count(*) AS n FROM ${o.schema}.applications`)).rows[0]?.n ?? 0);
    const postgresBefore = await postgresCpuNs(o.schema);
    const phase = startPhase();
    await profiled(o.profile, async () => {
      handle = await startNormalizer({
        bus: timedBus, publisher, store: timedSink, topics: o.topics, groupId: o.groupId, sessionTimeoutMs: SESSION_TIMEOUT_MS, concurrentBatches: o.concurrentBatches, duplicateWindowHours: 72, minFieldConfidence: 0.6, logger,
        retry: { attempts: 8, initialMs: 200, maxMs: 10_000 }, now: () => new Date(), onFatal: (e) => { fatal = e; },
      });
      phase.joined();
      await waitForCount('candidate', recorded, o.items, {
        pollMs: POLL_MS, stallMs: STALL_MS, signal: stopping.signal, failed: () => fatal,
        progress: (n) => note(`  candidate: ${n}/${o.items} recorded`),
      }).finally(() => poller.end());
    });
    const figures = phase.finish(o.items);
    const postgresAfter = await postgresCpuNs(o.schema);
    const afterJoinMsPerItem = ((figures.seconds - figures.joinSeconds) * 1000) / o.items;
    return {
      ...figures,
      perItemMs: {
        wall: round(afterJoinMsPerItem, 3), handler: handler.perItem(o.items), lookups: lookups.perItem(o.items), sinkRecord: record.perItem(o.items), publish: publish.perItem(o.items),
        rest: round(handler.perItem(o.items) - lookups.perItem(o.items) - record.perItem(o.items) - publish.perItem(o.items), 3),
      },
      cpuUsPerItem: { node: round((figures.nodeCpuPercent / 100) * figures.seconds * 1e6 / o.items, 1), postgres: postgresCpuUsPerItem(postgresBefore, postgresAfter, o.items) },
      kinds: await sink.countByKind(),
    };
  } finally {
    await cleanup('normalizer', async () => handle?.stop());
    await cleanup('bus', () => bus.close());
    await cleanup('sink', () => sink.close());
    logger.flush();
  }
}

// ---------------------------------------------------------------------------------------------
// Baselines: plain kafkajs, consume and produce, no decision, no database

/**
 * The same consumer and producer settings as our bus (idempotent producer, one request in flight,
 * acks=all, autoCommit, fromBeginning); `batch` swaps eachMessage for eachBatch with one send per batch.
 */
async function runBaseline(o: { brokers: string[]; raw: string; out: string; groupId: string; items: number; batch: boolean }): Promise<PhaseFigures> {
  const kafka = kafkaClient(o.brokers, `${o.groupId}-client`);
  const producer = kafka.producer({ idempotent: true, maxInFlightRequests: 1, createPartitioner: Partitioners.DefaultPartitioner });
  const consumer = kafka.consumer({ groupId: o.groupId, sessionTimeout: SESSION_TIMEOUT_MS, heartbeatInterval: 3000, allowAutoTopicCreation: false });
  let produced = 0;
  let fatal: Error | null = null;
  consumer.on(consumer.events.CRASH, (event) => { if (!event.payload.restart) fatal = event.payload.error; });
  const forward = (m: { key: Buffer | null; value: Buffer | null; headers?: IHeaders }): { key: Buffer | null; value: Buffer | null; headers: IHeaders } =>
    ({ key: m.key, value: m.value, headers: m.headers ?? {} });
  try {
    const phase = startPhase();
    await producer.connect();
    await consumer.connect();
    await consumer.subscribe({ topics: [o.raw], fromBeginning: true });
    if (o.batch) {
      await consumer.run({
        autoCommit: true,
        eachBatch: async ({ batch, resolveOffset, heartbeat, isRunning, isStale }) => {
          if (!isRunning() || isStale() || batch.messages.length === 0) return;
          await producer.send({ topic: o.out, acks: -1, messages: batch.messages.map(forward) });
          produced += batch.messages.length;
          resolveOffset(batch.lastOffset());
          await heartbeat();
        },
      });
    } else {
      await consumer.run({
        autoCommit: true,
        eachMessage: async ({ message }) => {
          await producer.send({ topic: o.out, acks: -1, messages: [forward(message)] });
          produced += 1;
        },
      });
    }
    phase.joined();
    await waitForCount(o.batch ? 'baseline (batch)' : 'baseline', () => produced, o.items, {
      pollMs: POLL_MS, stallMs: STALL_MS, signal: stopping.signal, failed: () => fatal,
      progress: (n) => note(`  baseline: ${n}/${o.items} produced`),
    });
    return phase.finish(o.items);
  } finally {
    await cleanup('baseline consumer', () => consumer.disconnect());
    await cleanup('baseline producer', () => producer.disconnect());
  }
}

// ---------------------------------------------------------------------------------------------
// Micro: decide() alone, and the runner's in-process work (parse + schema check + decide)

interface MicroFigures { items: number; rounds: number; seconds: number; itemsPerSecond: number; kinds: Kinds }

function micro(run: () => Kinds, items: number): MicroFigures {
  run(); // warm-up: JIT, regexes, catalogue
  const rates: number[] = [];
  let seconds = 0;
  let kinds = noKinds();
  const t0 = performance.now();
  while (rates.length < 5 || (performance.now() - t0 < 1000 && rates.length < 50)) {
    const t = performance.now();
    kinds = run();
    const s = (performance.now() - t) / 1000;
    seconds += s;
    rates.push(items / s);
  }
  rates.sort((a, b) => a - b);
  return { items, rounds: rates.length, seconds: round(seconds / rates.length, 4), itemsPerSecond: round(rates[Math.floor(rates.length / 2)] ?? 0, 0), kinds };
}

function runMicro(items: BenchItem[]): { decide: MicroFigures; readAndDecide: MicroFigures } {
  collectGarbage();
  const parsed = items.map((i) => i.item);
  const buffers = items.map((i) => Buffer.from(i.json));
  const ctx = { catalogue: defaultCatalogue };
  const decideOnly = micro(() => {
    const k = noKinds();
    for (const item of parsed) k[decide(item, ctx).kind] += 1;
    return k;
  }, items.length);
  const readAndDecide = micro(() => {
    const k = noKinds();
    for (const b of buffers) k[decide(readRawItem(b), ctx).kind] += 1;
    return k;
  }, items.length);
  return { decide: decideOnly, readAndDecide };
}

// ---------------------------------------------------------------------------------------------
// One repetition

interface RunFigures {
  run: number;
  /** 1-minute load average of the machine when the run started (2 cores: above ~2 means others compete). */
  loadAverage1m: number;
  concurrentBatches: number;
  partitionsLoad: number[];
  candidate: CandidateFigures;
  baseline: PhaseFigures;
  baselineBatch: PhaseFigures;
  decide: MicroFigures;
  readAndDecide: MicroFigures;
  ratio: { candidateToBaseline: number; afterJoin: number };
  kindsMatch: boolean;
}

async function oneRun(o: Options, id: string, run: number, brokers: string[], items: BenchItem[], measured: boolean): Promise<RunFigures> {
  const prefix = `${id}-r${run}`;
  const schema = `${id}_r${run}`;
  const topics = topicsFor(prefix);
  const kafka = kafkaClient(brokers, `${prefix}-setup`);
  const admin = kafka.admin();
  const groups = { candidate: `${prefix}-normalizer`, baseline: `${prefix}-baseline`, batch: `${prefix}-baseline-batch` };
  const usedGroups: string[] = [];
  let schemaOpened = false;
  const loadAverage1m = round(loadavg()[0] ?? 0, 2);
  try {
    await admin.connect();
    await createRunTopics(admin, allTopics(topics), o.partitions);
    note(`run ${run}: preloading ${o.items} items into ${topics.candidate.raw}, ${topics.baselineRaw}, ${topics.batchRaw}`);
    const partitionsLoad = await preload(kafka, admin, topics.candidate.raw, items);
    await preload(kafka, admin, topics.baselineRaw, items);
    await preload(kafka, admin, topics.batchRaw, items);
    note(`run ${run}: per partition ${partitionsLoad.join(' / ')}`);

    note(`run ${run}: baseline (kafkajs eachMessage → send)`);
    usedGroups.push(groups.baseline);
    const baseline = await runBaseline({ brokers, raw: topics.baselineRaw, out: topics.baselineOut, groupId: groups.baseline, items: o.items, batch: false });
    note(`run ${run}: baseline (kafkajs eachBatch → one send per batch)`);
    usedGroups.push(groups.batch);
    const baselineBatch = await runBaseline({ brokers, raw: topics.batchRaw, out: topics.batchOut, groupId: groups.batch, items: o.items, batch: true });
    note(`run ${run}: candidate (startNormalizer → PostgreSQL schema ${schema})`);
    schemaOpened = true;
    usedGroups.push(groups.candidate);
    const candidate = await runCandidate({ brokers, topics: topics.candidate, groupId: groups.candidate, schema, items: o.items, logLevel: o.logLevel, concurrentBatches: o.concurrentBatches,
      profile: measured && o.cpuProfile !== null ? join(o.cpuProfile, `candidate-r${run}.cpuprofile`) : null });
    note(`run ${run}: decide() in-process`);
    const { decide: decideFigures, readAndDecide } = runMicro(items);

    const kindsMatch = (Object.keys(candidate.kinds) as DecisionKind[]).every((k) => candidate.kinds[k] === decideFigures.kinds[k]);
    if (!kindsMatch) note(`run ${run}: WARNING recorded kinds ${JSON.stringify(candidate.kinds)} differ from decide() ${JSON.stringify(decideFigures.kinds)}`);
    return {
      run, loadAverage1m, concurrentBatches: o.concurrentBatches, partitionsLoad, candidate, baseline, baselineBatch, decide: decideFigures, readAndDecide,
      ratio: {
        candidateToBaseline: round(candidate.itemsPerSecond / baseline.itemsPerSecond, 3),
        afterJoin: round(candidate.itemsPerSecondAfterJoin / baseline.itemsPerSecondAfterJoin, 3),
      },
      kindsMatch,
    };
  } finally {
    if (schemaOpened) await cleanup(`schema ${schema}`, () => dropSchema(schema));
    if (usedGroups.length > 0) await cleanup('consumer groups', () => admin.deleteGroups(usedGroups));
    await cleanup('topics', () => admin.deleteTopics({ topics: allTopics(topics), timeout: 10_000 }));
    await cleanup('admin', () => admin.disconnect());
  }
}

// ---------------------------------------------------------------------------------------------
// Output

function median(xs: number[]): number {
  const s = [...xs].sort((a, b) => a - b);
  const mid = Math.floor(s.length / 2);
  return round(s.length % 2 === 1 ? (s[mid] ?? 0) : ((s[mid - 1] ?? 0) + (s[mid] ?? 0)) / 2, 3);
}

function table(rows: string[][]): string {
  const widths = rows[0]?.map((_, c) => Math.max(...rows.map((r) => (r[c] ?? '').length))) ?? [];
  return rows.map((r) => r.map((cell, c) => (c === 0 ? cell.padEnd(widths[c] ?? 0) : cell.padStart(widths[c] ?? 0))).join('  ')).join('\n');
}

function printRun(r: RunFigures, total: number): void {
  const phaseRow = (name: string, f: PhaseFigures): string[] => [
    name, String(f.items), f.seconds.toFixed(2), f.itemsPerSecond.toFixed(0), f.joinSeconds.toFixed(2), f.itemsPerSecondAfterJoin.toFixed(0),
    f.nodeCpuPercent.toFixed(0), `${f.rssStartMb.toFixed(0)} → ${f.rssPeakMb.toFixed(0)}`,
  ];
  const microRow = (name: string, f: MicroFigures): string[] => [name, String(f.items), f.seconds.toFixed(4), f.itemsPerSecond.toFixed(0), '-', '-', '-', '-'];
  const c = r.candidate;
  process.stdout.write(`\nrun ${r.run}/${total} (load average at start ${r.loadAverage1m})\n`);
  process.stdout.write(`${table([
    ['phase', 'items', 'seconds', 'items/s', 'join s', 'items/s after join', 'node CPU %', 'RSS MB start → peak'],
    phaseRow('candidate: startNormalizer + bus + PostgreSQL sink', c),
    phaseRow('baseline: kafkajs eachMessage → send (no decide, no DB)', r.baseline),
    phaseRow('extra: kafkajs eachBatch → one send per batch', r.baselineBatch),
    microRow('decide() in-process (median round)', r.decide),
    microRow('readRawItem() + decide() in-process', r.readAndDecide),
  ])}\n`);
  process.stdout.write(`ratio candidate/baseline: ${r.ratio.candidateToBaseline.toFixed(3)} (after join: ${r.ratio.afterJoin.toFixed(3)}); candidate/eachBatch passthrough: ${(c.itemsPerSecond / r.baselineBatch.itemsPerSecond).toFixed(3)}\n`);
  // Up to concurrentBatches handlers run at once, so their summed times may exceed the wall time.
  process.stdout.write(`candidate per item, ms: wall ${c.perItemMs.wall}; summed over handlers (up to ${r.concurrentBatches} at once): handler ${c.perItemMs.handler} = look-ups ${c.perItemMs.lookups} + sink.recordAll ${c.perItemMs.sinkRecord} + publish ${c.perItemMs.publish} + the rest ${c.perItemMs.rest} (parse, decide, link, log, waiting for the recording turn)\n`);
  process.stdout.write(`candidate CPU per item, µs: Node ${c.cpuUsPerItem.node}, PostgreSQL ${c.cpuUsPerItem.postgres ?? 'not readable'}\n`);
  process.stdout.write(`recorded kinds: ${Object.entries(c.kinds).map(([k, n]) => `${k} ${n}`).join(', ')} (${r.kindsMatch ? 'same as decide()' : 'DIFFERENT from decide()'}); items per partition ${r.partitionsLoad.join('/')}\n`);
}

// ---------------------------------------------------------------------------------------------

async function main(): Promise<number> {
  const o = parseArgs(process.argv.slice(2));
  const id = runId();
  const items = makeItems(o.items, id);
  const invalid = items.filter((i) => !validateRawItem(JSON.parse(i.json)));
  if (invalid.length > 0) throw new Error(`${invalid.length} generated items do not match raw-item.schema.json`);
  note(`run id ${id}: ${o.items} items, ${o.runs} run(s), log level ${o.logLevel}`);

  const results: RunFigures[] = [];
  let brokers: string[] = [];
  let local = false;
  let stopBrokers: () => Promise<void> = async () => undefined;
  let pgInfo: Record<string, string> = {};
  try {
    ({ brokers, local, stop: stopBrokers } = await benchBrokers());
    note(`brokers ${brokers.join(',')} (${local ? 'local, started for the bench' : 'KAFKA_BROKERS'})`);
    pgInfo = await postgresInfo();
    const w = Math.min(o.warmup ?? o.items, o.items);
    if (w > 0) {
      note(`warm-up: ${w} items through every phase, not reported`);
      await oneRun({ ...o, items: w }, id, 0, brokers, items.slice(0, w), false);
    }
    for (let run = 1; run <= o.runs; run++) {
      if (stopping.signal.aborted) break;
      results.push(await oneRun(o, id, run, brokers, items, true));
    }
  } finally {
    if (local) await cleanup('local Kafka broker', () => stopBrokers(), 60_000);
  }

  const env = {
    node: process.version, cpus: cpus().length, kafka: local ? `local ${brokers.join(',')}` : 'KAFKA_BROKERS',
    postgres: pgInfo, normalizerLogLevel: o.logLevel, partitions: o.partitions, warmupItems: Math.min(o.warmup ?? o.items, o.items),
  };
  const summary = results.length === 0 ? null : {
    candidateItemsPerSecond: median(results.map((r) => r.candidate.itemsPerSecond)),
    candidateItemsPerSecondAfterJoin: median(results.map((r) => r.candidate.itemsPerSecondAfterJoin)),
    baselineItemsPerSecond: median(results.map((r) => r.baseline.itemsPerSecond)),
    baselineItemsPerSecondAfterJoin: median(results.map((r) => r.baseline.itemsPerSecondAfterJoin)),
    baselineBatchItemsPerSecond: median(results.map((r) => r.baselineBatch.itemsPerSecond)),
    decideItemsPerSecond: median(results.map((r) => r.decide.itemsPerSecond)),
    readAndDecideItemsPerSecond: median(results.map((r) => r.readAndDecide.itemsPerSecond)),
    ratioCandidateToBaseline: median(results.map((r) => r.ratio.candidateToBaseline)),
    candidateRssPeakMb: Math.max(...results.map((r) => r.candidate.rssPeakMb)),
    spread: {
      candidateItemsPerSecond: [Math.min(...results.map((r) => r.candidate.itemsPerSecond)), Math.max(...results.map((r) => r.candidate.itemsPerSecond))],
      baselineItemsPerSecond: [Math.min(...results.map((r) => r.baseline.itemsPerSecond)), Math.max(...results.map((r) => r.baseline.itemsPerSecond))],
    },
  };
  if (o.json) {
    process.stdout.write(`${JSON.stringify({ items: o.items, runs: results, summary, env })}\n`);
  } else {
    process.stdout.write(`normalizer throughput: ${o.items} items, ${results.length} run(s); node ${env.node}, ${env.cpus} CPUs; Kafka ${env.kafka}; PostgreSQL ${pgInfo.version ?? '?'} (synchronous_commit=${pgInfo.synchronous_commit ?? '?'})\n`);
    for (const r of results) printRun(r, results.length);
    if (summary && results.length > 1) {
      const f = (x: number): string => x.toFixed(0);
      const [cMin, cMax] = summary.spread.candidateItemsPerSecond;
      const [bMin, bMax] = summary.spread.baselineItemsPerSecond;
      process.stdout.write(`\nmedian of ${results.length} runs: candidate ${f(summary.candidateItemsPerSecond)} items/s (${f(cMin ?? 0)}–${f(cMax ?? 0)}), baseline ${f(summary.baselineItemsPerSecond)} items/s (${f(bMin ?? 0)}–${f(bMax ?? 0)}), ratio ${summary.ratioCandidateToBaseline.toFixed(3)}; eachBatch ${f(summary.baselineBatchItemsPerSecond)} items/s; decide() ${f(summary.decideItemsPerSecond)} items/s; peak RSS (candidate) ${summary.candidateRssPeakMb} MB\n`);
    }
  }
  return 0;
}

async function postgresInfo(): Promise<Record<string, string>> {
  const client = new pg.Client({ connectionString: databaseUrl, connectionTimeoutMillis: 5000 });
  await client.connect();
  try {
    const out: Record<string, string> = {};
    out.version = String((await client.query<{ v: string }>(`SELECT current_setting('server_version') AS v`)).rows[0]?.v);
    for (const s of ['synchronous_commit', 'fsync']) out[s] = String((await client.query<{ v: string }>(`SELECT current_setting($1) AS v`, [s])).rows[0]?.v);
    return out;
  } finally {
    await client.end();
  }
}

process.on('SIGINT', () => {
  if (stopping.signal.aborted) process.exit(130);
  note('interrupted: cleaning up (Ctrl-C again to leave at once)');
  stopping.abort();
});

main().then(
  (code) => process.exit(code),
  (error: unknown) => {
    process.stderr.write(`[bench] failed: ${error instanceof Error ? (error.stack ?? error.message) : String(error)}\n`);
    process.exit(1);
  },
);
