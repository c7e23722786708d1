/**
 * Backlog drain (issue 11): how fast the daemon works off a backlog of raw items that piled up
 * while it was down, and whether its memory stays flat while it does. N raw items (default
 * 100,000, bench/items.ts) are produced to a fresh raw topic with no daemon running; then
 * `intake daemon` starts with the normalizer only (`connectors.webform.enabled: false`) and the
 * bench follows the drain: rows in the table every second (`SELECT count(*)`), and the daemon's
 * RSS (/proc/<pid>/status VmRSS). Then, in the same run and over the same backlog, a plain
 * kafkajs eachBatch consume-and-produce process (bench/backlog-passthrough.ts) is followed the
 * same way, as the baseline.
 *
 *   npm run bench:backlog -- [--items 100000] [--json]
 *
 * A script, not a test: it checks no limit, and exits 0 unless it could not run. Every phase is
 * bounded (`--phase-timeout-s`), and so is the whole run (`--max-seconds`).
 *
 * Infrastructure (127.0.0.1 only): KAFKA_BROKERS, else a fresh broker of the run's own (never the
 * shared one on 19392), stopped at the end; PostgreSQL at DATABASE_URL, else
 * postgres://postgres@127.0.0.1:5432/test. The run's schema, topics, groups and data dir are
 * removed at the end (`--keep` keeps them and the logs).
 */
import { randomBytes } from 'node:crypto';
import { mkdtempSync, rmSync } from 'node:fs';
import { cpus, loadavg, tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { Kafka, logLevel as KafkaLogLevel, type Admin } from 'kafkajs';
import pg from 'pg';
import { followDrain } from './backlog-drain.js';
import { preloadBacklog } from './backlog-preload.js';
import { backlogReport, phaseFigures, type BacklogResult, type PhaseFigures } from './backlog-report.js';
import { numberFlag, runMain, UsageError } from './cli.js';
import { cleanup, createRunTopics, databaseUrl, repoRoot } from './infra.js';
import { assertLoopback, runBroker } from './latency-broker.js';
import { daemonSetup, runTopics, spawnChild, spawnDaemon, type ChildRun } from './latency-daemon.js';
import { warmBroker } from './latency-warmup.js';
import { round } from './measure.js';

const TARGETS = { itemsPerSecond: 5000, ratio: 0.25 };

interface Options { items: number; partitions: number; windowS: number; phaseTimeoutS: number; maxSeconds: number; seed: number; json: boolean; keep: boolean }

const usage = `usage: npm run bench:backlog -- [flags]    (or: node dist/bench/backlog.js [flags])
  --items N            raw items in the backlog (default 100000)
  --partitions P       partitions of the raw topic (default 3, the daemon's default)
  --window-s S         the report's window (default 10)
  --phase-timeout-s S  each drain gives up after this from its spawn (default 600)
  --max-seconds S      the whole run gives up after this (default 2400)
  --seed N             the items' seed (default 20261124, as bench/items.ts)
  --json               one JSON object on stdout instead of the report (progress stays on stderr)
  --keep               keep the schema, topics, groups and logs`;


function parseArgs(argv: string[]): Options {
  const o: Options = { items: 100_000, partitions: 3, windowS: 10, phaseTimeoutS: 600, maxSeconds: 2400, seed: 20261124, json: false, keep: false };
  const num = numberFlag;
  for (let i = 0; i < argv.length; i++) {
    const a = argv[i];
    if (a === '--items') o.items = Math.floor(num(a, argv[++i], 1, 10_000_000));
    else if (a === '--partitions') o.partitions = Math.floor(num(a, argv[++i], 1, 64));
    else if (a === '--window-s') o.windowS = num(a, argv[++i], 1, 3600);
    else if (a === '--phase-timeout-s') o.phaseTimeoutS = num(a, argv[++i], 10, 24 * 3600);
    else if (a === '--max-seconds') o.maxSeconds = num(a, argv[++i], 30, 48 * 3600);
    else if (a === '--seed') o.seed = Math.floor(num(a, argv[++i], 0, 2 ** 31));
    else if (a === '--json') o.json = true;
    else if (a === '--keep') o.keep = true;
    else if (a === '--help' || a === '-h') { process.stdout.write(`${usage}\n`); process.exit(0); }
    else throw new UsageError(`unknown argument ${a}`);
  }
  return o;
}

function note(message: string): void {
  process.stderr.write(`[backlog] ${new Date().toISOString().slice(11, 23)} ${message}\n`);
}

/**
 * Messages on a topic (high − low watermark over its partitions); 0 while it does not exist. Give
 * it an admin without retries: kafkajs retries an unknown topic for about 1.5 s, which would hold
 * up the once-a-second samples until the daemon has created its topics.
 */
async function messagesOn(admin: Admin, topic: string): Promise<number> {
  return admin.fetchTopicOffsets(topic).then((ps) => ps.reduce((a, p) => a + Number(p.high) - Number(p.low), 0), () => 0);
}

/**
 * Rows in the run's table; 0 until the daemon has created it (asked first, rather than filling the
 * server log with failed queries).
 */
async function rowCount(db: pg.Client, schema: string): Promise<number> {
  const exists = (await db.query<{ ok: boolean }>('SELECT to_regclass($1) IS NOT NULL AS ok', [`${schema}.applications`])).rows[0]?.ok === true;
  if (!exists) return 0;
  return (await db.query<{ n: number }>(`SELECT count(*)::int AS n FROM ${schema}.applications`)).rows[0]?.n ?? 0;
}

async function run(o: Options): Promise<BacklogResult> {
  const t0 = performance.now();
  const watchdog = setTimeout(() => { note(`ran past --max-seconds ${o.maxSeconds}; giving up`); process.exit(2); }, o.maxSeconds * 1000);
  watchdog.unref();
  assertLoopback('DATABASE_URL', new URL(databaseUrl).hostname);
  const loadBefore = round(loadavg()[0] ?? 0, 2);
  const id = `blg_${randomBytes(4).toString('hex')}`;
  const topics = runTopics(id);
  const passthroughOut = `${id}.passthrough-out`;
  const groups = [`${id}-normalizer`, `${id}-passthrough`];
  const work = mkdtempSync(join(tmpdir(), 'intake-backlog-'));
  let keepWork = o.keep;

  const broker = await runBroker(id, (msg) => note(msg));
  const kafka = new Kafka({ clientId: `${id}-bench`, brokers: broker.brokers, logLevel: KafkaLogLevel.NOTHING, connectionTimeout: 3000, retry: { retries: 5, initialRetryTime: 200, maxRetryTime: 5000 } });
  const admin = kafka.admin();
  const probe = new Kafka({ clientId: `${id}-probe`, brokers: broker.brokers, logLevel: KafkaLogLevel.NOTHING, connectionTimeout: 3000, retry: { retries: 0 } }).admin();
  const db = new pg.Client({ connectionString: databaseUrl, connectionTimeoutMillis: 5000 });
  const running: ChildRun[] = [];
  try {
    await admin.connect();
    await probe.connect();
    await db.connect();
    const postgres = String((await db.query<{ v: string }>(`SELECT current_setting('server_version') AS v`)).rows[0]?.v);
    note(`run ${id}: warming the broker (${broker.describe})`);
    await warmBroker(kafka, id);

    await createRunTopics(admin, [topics.raw, passthroughOut], o.partitions);
    note(`preloading ${o.items} raw items into ${topics.raw}`);
    const preloaded = await preloadBacklog(kafka, admin, {
      topic: topics.raw, count: o.items, salt: id, seed: o.seed,
      progress: (n) => { if (n % 25_000 === 0 || n === o.items) note(`  ${n}/${o.items} produced`); },
    });
    note(`preloaded in ${round(preloaded.seconds, 1)} s`);

    // Phase 1: the daemon, normalizer only.
    const setup = daemonSetup({ id, work, brokers: broker.brokers, databaseUrl, partitions: o.partitions, webformPort: null });
    note(`spawning the daemon (normalizer only; schema ${id}; log ${setup.logFile})`);
    const daemon = spawnDaemon(setup);
    running.push(daemon);
    const rowsAndDeadLetters = async (): Promise<number> => {
      const [rows, dead] = await Promise.all([rowCount(db, id), messagesOn(probe, topics.deadLetter)]);
      return rows + dead;
    };
    const daemonDrain = await followDrain(daemon, o.items, rowsAndDeadLetters, { timeoutS: o.phaseTimeoutS, progress: (s) => note(`  daemon: ${s.done}/${o.items} after ${round(s.t, 0)} s, RSS ${round(s.rssMb ?? 0, 0)} MB`) });
    note(daemonDrain.unfinished ?? `drained in ${round(daemonDrain.doneS ?? 0, 2)} s; SIGTERM to the daemon`);
    const daemonStop = await daemon.stop(60_000);
    const daemonFigures: PhaseFigures = { ...phaseFigures(daemonDrain, o.items, o.windowS), stop: { code: daemonStop.exit.code, signal: daemonStop.exit.signal, seconds: daemonStop.seconds, killed: daemonStop.killed } };
    const kinds: Record<string, number> = {};
    for (const r of (await db.query<{ kind: string; n: number }>(`SELECT kind, count(*)::int AS n FROM ${id}.applications GROUP BY kind ORDER BY kind`)).rows) kinds[r.kind] = r.n;
    const rows = { total: Object.values(kinds).reduce((a, b) => a + b, 0), kinds, deadLettered: await messagesOn(admin, topics.deadLetter) };

    // Phase 2: the passthrough over the same raw topic, in a group of its own.
    note('spawning the kafkajs eachBatch passthrough over the same backlog');
    const passthrough = spawnChild(resolve(repoRoot, 'dist/bench/backlog-passthrough.js'), [broker.brokers.join(','), topics.raw, passthroughOut, `${id}-passthrough`], { env: { PATH: process.env.PATH ?? '' }, logFile: join(work, 'passthrough.log') });
    running.push(passthrough);
    const passDrain = await followDrain(passthrough, o.items, () => messagesOn(probe, passthroughOut), { timeoutS: o.phaseTimeoutS, progress: (s) => note(`  passthrough: ${s.done}/${o.items} after ${round(s.t, 0)} s`) });
    note(passDrain.unfinished ?? `passed through in ${round(passDrain.doneS ?? 0, 2)} s; SIGTERM to it`);
    const passStop = await passthrough.stop(30_000);
    const passFigures: PhaseFigures = { ...phaseFigures(passDrain, o.items, o.windowS), stop: { code: passStop.exit.code, signal: passStop.exit.signal, seconds: passStop.seconds, killed: passStop.killed } };

    if (daemonDrain.unfinished || passDrain.unfinished || daemonStop.exit.code !== 0) keepWork = true;
    const ratio = (a: number | null, b: number | null): number | null => (a === null || b === null ? null : round(a / b, 3));
    return {
      id, options: { items: o.items, partitions: o.partitions, windowS: o.windowS, seed: o.seed },
      env: { node: process.version, cpus: cpus().length, loadAverage1mBefore: loadBefore, loadAverage1mAfter: round(loadavg()[0] ?? 0, 2), kafka: broker.describe, postgres },
      preload: { items: preloaded.items, mb: round(preloaded.bytes / 1024 / 1024, 1), seconds: round(preloaded.seconds, 1), perPartition: preloaded.perPartition },
      daemon: daemonFigures, rows, passthrough: passFigures,
      ratio: { fromSpawn: ratio(daemonFigures.itemsPerSecond, passFigures.itemsPerSecond), afterFirstItem: ratio(daemonFigures.itemsPerSecondAfterFirst, passFigures.itemsPerSecondAfterFirst) },
      totalS: round((performance.now() - t0) / 1000, 1),
    };
  } catch (error) {
    keepWork = true;
    throw error;
  } finally {
    clearTimeout(watchdog);
    for (const child of running) {
      if (child.exit() === null) await cleanup(`child ${child.pid}`, () => child.stop(10_000), 20_000);
    }
    if (!o.keep) {
      await cleanup(`schema ${id}`, () => db.query(`DROP SCHEMA IF EXISTS ${id} CASCADE`));
      await cleanup('consumer groups', () => admin.deleteGroups(groups));
      await cleanup('topics', () => admin.deleteTopics({ topics: [...Object.values(topics), passthroughOut], timeout: 10_000 }));
    }
    await cleanup('database client', () => db.end());
    await cleanup('Kafka admin', () => admin.disconnect());
    await cleanup('Kafka probe', () => probe.disconnect());
    if (keepWork) note(`kept ${work}`);
    else rmSync(work, { recursive: true, force: true });
    await cleanup('the run\'s broker', () => broker.release(), 60_000);
  }
}

async function main(): Promise<number> {
  const o = parseArgs(process.argv.slice(2));
  const result = await run(o);
  process.stdout.write(o.json ? `${JSON.stringify(result)}\n` : backlogReport(result, TARGETS));
  return 0;
}

// Ctrl-C: the exit handlers SIGKILL the children and the run's broker; the schema and topics stay.
process.on('SIGINT', () => { note('interrupted'); process.exit(130); });

runMain({ name: 'backlog', tag: 'backlog', usage, main });
