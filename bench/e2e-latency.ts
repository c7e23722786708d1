/**
 * End-to-end latency (issue 11): how long from a web-form POST until its row is in the CRM table,
 * from the daemon's very first seconds on. `intake daemon` runs as a child process; from the moment
 * it is spawned, applications are posted open-loop at a steady rate (one every 10 ms at 100/s,
 * whatever the answers), each with its own Idempotency-Key (bench/sigkill-forms.ts).
 *
 *   npm run bench:latency -- [--rate 100] [--duration-s 60] [--json]
 *
 * Per application it prints POST → recorded_at (the row's write time, taken by the normalizer
 * before its transaction, so early by the transaction), POST → the first poll that saw the row (a
 * late bound), and POST → 202, for the first `--window-s` seconds after the spawn and for the
 * rest. A script, not a test: it checks no time limit, and exits 0 unless it could not run.
 *
 * Infrastructure (127.0.0.1 only): KAFKA_BROKERS, else a fresh broker of the run's own (never the
 * shared one on 19392), stopped at the end; PostgreSQL at DATABASE_URL, else
 * postgres://postgres@127.0.0.1:5432/test. The run's schema, topics, group and data dir are
 * removed at the end (`--keep` keeps them and the daemon log).
 */
import { randomBytes } from 'node:crypto';
import { mkdtempSync, rmSync } from 'node:fs';
import { cpus, loadavg, tmpdir } from 'node:os';
import { join } from 'node:path';
import { setTimeout as sleep } from 'node:timers/promises';
import { Kafka, logLevel as KafkaLogLevel } from 'kafkajs';
import pg from 'pg';
import { freePort, numberFlag, runMain, UsageError } from './cli.js';
import { cleanup, databaseUrl } from './infra.js';
import { assertLoopback, runBroker } from './latency-broker.js';
import { cpuSeconds, daemonSetup, runTopics, spawnDaemon, type ChildRun } from './latency-daemon.js';
import { openLoop } from './latency-load.js';
import { latencyReport, measure, windowFigures, type LatencyResult } from './latency-report.js';
import { percentiles } from './latency-stats.js';
import { watchRows, type RowWatch } from './latency-watch.js';
import { warmBroker } from './latency-warmup.js';
import { round } from './measure.js';
import { soakApplications } from './sigkill-forms.js';

const TARGET_MS = 50;
// While the web form refuses connections, the port is probed this often (see latency-load.ts).
const PROBE_EVERY_MS = 5;

interface Options {
  rate: number; durationS: number; windowS: number; pollMs: number; retryPauseMs: number; drainTimeoutS: number; maxSeconds: number;
  seed: number; json: boolean; keep: boolean;
}

const usage = `usage: npm run bench:latency -- [flags]    (or: node dist/bench/e2e-latency.js [flags])
  --rate R             applications per second, open-loop from the spawn (default 100)
  --duration-s S       how long to post (default 60)
  --window-s S         the first window after the spawn, reported apart (default 10)
  --poll-ms M          pause between polls of the table for new rows (default 5)
  --retry-pause-ms M   pause before re-sending an attempt that failed after reaching the daemon
                       (default 10); one refused before the port opened is re-sent once it opens
  --drain-timeout-s S  every accepted row must be seen within this after the last 202 (default 60)
  --max-seconds S      the whole run gives up after this (default 600)
  --seed N             the applications' seed (default: random, printed)
  --json               one JSON object on stdout instead of the report (progress stays on stderr)
  --keep               keep the schema, topics, group and daemon log`;


function parseArgs(argv: string[]): Options {
  const o: Options = { rate: 100, durationS: 60, windowS: 10, pollMs: 5, retryPauseMs: 10, drainTimeoutS: 60, maxSeconds: 600, seed: randomBytes(4).readUInt32BE(0), json: false, keep: false };
  const num = numberFlag;
  for (let i = 0; i < argv.length; i++) {
    const a = argv[i];
    if (a === '--rate') o.rate = num(a, argv[++i], 1, 1000);
    else if (a === '--duration-s') o.durationS = num(a, argv[++i], 1, 3600);
    else if (a === '--window-s') o.windowS = num(a, argv[++i], 1, 3600);
    else if (a === '--poll-ms') o.pollMs = num(a, argv[++i], 1, 1000);
    else if (a === '--retry-pause-ms') o.retryPauseMs = num(a, argv[++i], 1, 1000);
    else if (a === '--drain-timeout-s') o.drainTimeoutS = num(a, argv[++i], 1, 3600);
    else if (a === '--max-seconds') o.maxSeconds = num(a, argv[++i], 10, 24 * 3600);
    else if (a === '--seed') o.seed = Math.floor(num(a, argv[++i], 0, 2 ** 32 - 1));
    else if (a === '--json') o.json = true;
    else if (a === '--keep') o.keep = true;
    else if (a === '--help' || a === '-h') { process.stdout.write(`${usage}\n`); process.exit(0); }
    else throw new UsageError(`unknown argument ${a}`);
  }
  return o;
}

/** The smallest value, Infinity for none (no spread: a long run has more values than a call takes arguments). */
function earliest(xs: Iterable<number>): number {
  let min = Number.POSITIVE_INFINITY;
  for (const x of xs) if (x < min) min = x;
  return min;
}

function note(message: string): void {
  process.stderr.write(`[latency] ${new Date().toISOString().slice(11, 23)} ${message}\n`);
}

async function run(o: Options): Promise<LatencyResult> {
  const t0 = performance.now();
  const watchdog = setTimeout(() => { note(`ran past --max-seconds ${o.maxSeconds}; giving up`); process.exit(2); }, o.maxSeconds * 1000);
  watchdog.unref();
  assertLoopback('DATABASE_URL', new URL(databaseUrl).hostname);
  const loadBefore = round(loadavg()[0] ?? 0, 2);
  const id = `lat_${randomBytes(4).toString('hex')}`;
  const topics = runTopics(id);
  const work = mkdtempSync(join(tmpdir(), 'intake-latency-'));
  const staffApiKey = `lat-${randomBytes(12).toString('hex')}`;
  let keepWork = o.keep;

  const broker = await runBroker(id, (msg) => note(msg));
  const kafka = new Kafka({ clientId: `${id}-bench`, brokers: broker.brokers, logLevel: KafkaLogLevel.NOTHING, connectionTimeout: 3000, retry: { retries: 5, initialRetryTime: 200, maxRetryTime: 5000 } });
  const admin = kafka.admin();
  const db = new pg.Client({ connectionString: databaseUrl, connectionTimeoutMillis: 5000 });
  let daemon: ChildRun | null = null;
  let watch: RowWatch | null = null;
  try {
    await admin.connect();
    await db.connect();
    const postgres = String((await db.query<{ v: string }>(`SELECT current_setting('server_version') AS v`)).rows[0]?.v);
    note(`run ${id}: warming the broker (${broker.describe})`);
    await warmBroker(kafka, id);

    const port = await freePort();
    const endpoint = `http://127.0.0.1:${port}`;
    const setup = daemonSetup({ id, work, brokers: broker.brokers, databaseUrl, partitions: 3, webformPort: port, staffApiKeys: `lat-agent=${staffApiKey}` });
    const count = Math.round(o.rate * o.durationS);
    note(`spawning the daemon (web form ${endpoint}, schema ${id}, log ${setup.logFile}); posting ${count} applications at ${o.rate}/s from now`);
    watch = watchRows(db, id, o.pollMs);
    const seenAt = watch.seenAt;
    const benchCpu0 = process.cpuUsage();
    daemon = spawnDaemon(setup);
    const spawnedAt = daemon.spawnedAt;
    const posting = openLoop({
      endpoint, start: spawnedAt, intervalMs: 1000 / o.rate, count, next: soakApplications(id, o.seed), staffApiKey,
      retryPauseMs: o.retryPauseMs, probeEveryMs: PROBE_EVERY_MS, requestTimeoutMs: 10_000, applicationTimeoutMs: 30_000,
    });
    // The daemon dying on its own ends the run early, rather than at the drain's timeout.
    const died = daemon.exited.then((exit) => { throw new Error(`the daemon exited on its own (${JSON.stringify(exit)}); see ${setup.logFile}`); });
    died.catch(() => undefined);
    const posted = await Promise.race([posting, died]);
    const accepted = posted.filter((p) => p.itemId !== null);
    note(`${accepted.length}/${posted.length} accepted; waiting for their rows (at most ${o.drainTimeoutS} s)`);

    const drainUntil = performance.now() + o.drainTimeoutS * 1000;
    while (accepted.some((p) => !seenAt.has(p.itemId as string)) && performance.now() < drainUntil && daemon.exit() === null) await sleep(50);
    // CPU over the run so far, in % of one core: the daemon's, and the bench's own (load and poll).
    const elapsedS = (performance.now() - spawnedAt) / 1000;
    const daemonCpuS = cpuSeconds(daemon.pid);
    const benchCpu = process.cpuUsage(benchCpu0);
    const cpuPercent = {
      daemon: daemonCpuS === null ? null : round((daemonCpuS / elapsedS) * 100, 0),
      bench: round(((benchCpu.user + benchCpu.system) / 1e6 / elapsedS) * 100, 0),
    };
    const { missedBehind } = await watch.stop();
    const polls = watch.polls().total;
    watch = null;
    const recordedMs = new Map((await db.query<{ item_id: string; ms: number }>(
      `SELECT item_id, (extract(epoch FROM recorded_at) * 1000)::float8 AS ms FROM ${id}.applications`,
    )).rows.map((r) => [r.item_id, r.ms]));
    note('SIGTERM to the daemon');
    const stopped = await daemon.stop(60_000);

    const measured = measure(posted, spawnedAt, recordedMs, seenAt);
    const first = measured.filter((m) => m.sentS < o.windowS);
    const rest = measured.filter((m) => m.sentS >= o.windowS);
    const firstSeen = earliest(seenAt.values());
    const failed: Record<string, number> = {};
    for (const p of posted) if (p.failedStatus !== null) failed[String(p.failedStatus)] = (failed[String(p.failedStatus)] ?? 0) + 1;
    const firstThrough = earliest(posted.flatMap((p) => (p.sentAt === null ? [] : [p.sentAt])));
    const first202 = earliest(posted.flatMap((p) => (p.answeredAt === null ? [] : [p.answeredAt])));
    const sinceSpawn = (t: number): number | null => (Number.isFinite(t) ? round((t - spawnedAt) / 1000, 2) : null);
    const notInTable = accepted.filter((p) => !recordedMs.has(p.itemId as string)).length;
    if (notInTable > 0 || stopped.exit.code !== 0) keepWork = true;
    return {
      id, options: { rate: o.rate, durationS: o.durationS, windowS: o.windowS, pollMs: o.pollMs, retryPauseMs: o.retryPauseMs, probeEveryMs: PROBE_EVERY_MS, seed: o.seed },
      env: { node: process.version, cpus: cpus().length, loadAverage1mBefore: loadBefore, loadAverage1mAfter: round(loadavg()[0] ?? 0, 2), kafka: broker.describe, postgres },
      startup: { firstThroughS: sinceSpawn(firstThrough), first202S: sinceSpawn(first202), firstRowSeenS: sinceSpawn(firstSeen) },
      posted: posted.length, accepted: accepted.length,
      refusedAtConnect: { attempts: posted.reduce((a, p) => a + p.refusedAtConnect, 0), applications: posted.filter((p) => p.refusedAtConnect > 0).length },
      retriedAfterSend: posted.reduce((a, p) => a + p.retriedAfterSend, 0),
      failed, gaveUp: posted.filter((p) => p.itemId === null && p.failedStatus === null).length,
      notInTable, missedByPoll: missedBehind, polls, cpuPercent,
      benchLateMs: percentiles(posted.map((p) => p.lateMs)),
      windows: [windowFigures(`first ${o.windowS} s`, first), windowFigures(`after ${o.windowS} s`, rest), windowFigures('all', measured)],
      firstSeconds: Array.from({ length: Math.ceil(o.windowS) }, (_, second) => ({
        second, toRecordedAt: percentiles(first.flatMap((m) => (Math.floor(m.sentS) === second && m.toRecordedAt !== null ? [m.toRecordedAt] : []))),
      })),
      seenMinusRecordedAt: percentiles(measured.flatMap((m) => (m.toSeen === null || m.toRecordedAt === null ? [] : [m.toSeen - m.toRecordedAt]))),
      sigterm: { code: stopped.exit.code, signal: stopped.exit.signal, seconds: stopped.seconds, killed: stopped.killed },
      totalS: round((performance.now() - t0) / 1000, 1),
    };
  } catch (error) {
    keepWork = true;
    throw error;
  } finally {
    clearTimeout(watchdog);
    const watching = watch as RowWatch | null;
    if (watching) await cleanup('row watch', () => watching.stop(), 10_000);
    if (daemon && daemon.exit() === null) {
      note('stopping the daemon, still running');
      await cleanup('daemon', () => (daemon as ChildRun).stop(10_000), 20_000);
    }
    if (!o.keep) {
      await cleanup(`schema ${id}`, () => db.query(`DROP SCHEMA IF EXISTS ${id} CASCADE`));
      await cleanup('consumer group', () => admin.deleteGroups([`${id}-normalizer`]));
      await cleanup('topics', () => admin.deleteTopics({ topics: Object.values(topics), timeout: 10_000 }));
    }
    await cleanup('database client', () => db.end());
    await cleanup('Kafka admin', () => admin.disconnect());
    if (keepWork) note(`kept ${work}`);
    else rmSync(work, { recursive: true, force: true });
    await cleanup('the run\'s broker', () => broker.release(), 60_000);
  }
}

async function main(): Promise<number> {
  const o = parseArgs(process.argv.slice(2));
  const result = await run(o);
  process.stdout.write(o.json ? `${JSON.stringify(result)}\n` : latencyReport(result, TARGET_MS));
  return 0;
}

// Ctrl-C: the exit handlers SIGKILL the daemon and the run's broker; the schema and topics stay.
process.on('SIGINT', () => { note('interrupted'); process.exit(130); });

runMain({ name: 'e2e-latency', tag: 'latency', usage, main });
