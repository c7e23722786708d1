/**
 * SIGKILL soak: does anything the web form accepted (answered 202) get lost or recorded twice when
 * the daemon is killed with SIGKILL again and again under load? Measured from the outside, the way
 * an operator would: `intake daemon` as a child process, applications over HTTP, the CRM table read
 * back from PostgreSQL at the end.
 *
 *   npm run soak -- [--kills 20] [--rate 40] [--clients 4] [--session-timeout-ms 6000] [--json]
 *
 * Each cycle: 2–5 s of load, SIGKILL, restart at once, and the time from the spawn to the web form
 * answering at all and to the first 202 answered by the new process. At the end: stop the load, wait
 * until every accepted item id is in the database, SIGTERM (must exit 0), then count lost, duplicated
 * and dead-lettered items. Exit 0 when all is well, 1 when a check failed, 2 when the soak could not
 * run to the end.
 *
 * Infrastructure (127.0.0.1 only): KAFKA_BROKERS, else the bench's local broker (.intake/bench/kafka,
 * port 19392, started if needed and left as found); PostgreSQL at DATABASE_URL, else
 * postgres://postgres@127.0.0.1:5432/test. The run gets its own topics, consumer group, PostgreSQL
 * schema and data dir, removed at the end (`--keep` keeps them, and the daemon log).
 */
import { spawn, type ChildProcess } from 'node:child_process';
import { randomBytes } from 'node:crypto';
import { closeSync, mkdtempSync, openSync, rmSync, writeFileSync, writeSync } from 'node:fs';
import { cpus, loadavg, tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { setTimeout as sleep } from 'node:timers/promises';
import { Kafka, logLevel as KafkaLogLevel } from 'kafkajs';
import pg from 'pg';
import { freePort, numberFlag, runMain, UsageError } from './cli.js';
import { kafkaStatus, startKafka, stopKafka, type KafkaLauncherOptions } from '../infra/kafka/launcher.js';
import { cleanup, databaseUrl, repoRoot } from './infra.js';
import { round } from './measure.js';
import { prng } from './random.js';
import { soakApplications } from './sigkill-forms.js';
import { startLoad, type Load, type LoadFigures } from './sigkill-load.js';
import { prefixedTopics } from '../runtime/kafka/topics.js';

// ---------------------------------------------------------------------------------------------
// Options

interface Options {
  kills: number; rate: number; clients: number; minLoadS: number; maxLoadS: number; sessionTimeoutMs: number;
  restartTimeoutS: number; drainTimeoutS: number; maxSeconds: number; seed: number; resendShare: number;
  json: boolean; keep: boolean; keepBroker: boolean;
}

const usage = `usage: npm run soak -- [flags]    (or: node dist/bench/sigkill-soak.js [flags])
  --kills N              SIGKILL/restart cycles (default 20, at most 500)
  --rate R               applications per second over all clients (default 40)
  --clients C            concurrent clients (default 4)
  --min-load-s S         load before each kill, drawn between min and max seconds (default 2)
  --max-load-s S         (default 5)
  --session-timeout-ms M the daemon's normalizer.sessionTimeoutMs (default 6000, the broker's minimum,
                         which keeps 20 kills to ~4 min; the shipped default is 30000)
  --restart-timeout-s S  a restarted daemon must answer a 202 within this (default 120)
  --drain-timeout-s S    every accepted item must be in the database within this after the load (default 120)
  --max-seconds S        the whole soak gives up after this (default 900)
  --seed N               the applications' seed and the kill times (default: random, printed)
  --resend-share X       share of posts that re-send an accepted application (default 0.03)
  --json                 one JSON object on stdout instead of the report (progress stays on stderr)
  --keep                 keep the schema, topics, consumer group and daemon log
  --keep-broker          leave the local broker running even if this run started it`;

function parseArgs(argv: string[]): Options {
  const o: Options = {
    kills: 20, rate: 40, clients: 4, minLoadS: 2, maxLoadS: 5, sessionTimeoutMs: 6000, restartTimeoutS: 120, drainTimeoutS: 120, maxSeconds: 900,
    seed: randomBytes(4).readUInt32BE(0), resendShare: 0.03, json: false, keep: false, keepBroker: false,
  };
  const num = numberFlag;
  for (let i = 0; i < argv.length; i++) {
    const a = argv[i];
    if (a === '--kills') o.kills = Math.floor(num(a, argv[++i], 0, 500));
    else if (a === '--rate') o.rate = num(a, argv[++i], 1, 500);
    else if (a === '--clients') o.clients = Math.floor(num(a, argv[++i], 1, 64));
    else if (a === '--min-load-s') o.minLoadS = num(a, argv[++i], 0.1, 600);
    else if (a === '--max-load-s') o.maxLoadS = num(a, argv[++i], 0.1, 600);
    else if (a === '--session-timeout-ms') o.sessionTimeoutMs = Math.floor(num(a, argv[++i], 6000, 300_000));
    else if (a === '--restart-timeout-s') o.restartTimeoutS = num(a, argv[++i], 1, 3600);
    else if (a === '--drain-timeout-s') o.drainTimeoutS = num(a, argv[++i], 1, 3600);
    else if (a === '--max-seconds') o.maxSeconds = num(a, argv[++i], 10, 24 * 3600);
    else if (a === '--seed') o.seed = Math.floor(num(a, argv[++i], 0, 2 ** 32 - 1));
    else if (a === '--resend-share') o.resendShare = num(a, argv[++i], 0, 0.5);
    else if (a === '--json') o.json = true;
    else if (a === '--keep') o.keep = true;
    else if (a === '--keep-broker') o.keepBroker = true;
    else if (a === '--help' || a === '-h') { process.stdout.write(`${usage}\n`); process.exit(0); }
    else throw new UsageError(`unknown argument ${a}`);
  }
  if (o.minLoadS > o.maxLoadS) throw new UsageError('--min-load-s is above --max-load-s');
  return o;
}

/** The soak could not run to the end (infrastructure, a daemon that never came back, the time limit). */
class SoakAborted extends Error {}

// ---------------------------------------------------------------------------------------------
// Infrastructure: loopback only

function note(message: string): void {
  process.stderr.write(`[soak] ${new Date().toISOString().slice(11, 23)} ${message}\n`);
}

const loopback = new Set(['127.0.0.1', 'localhost', '::1', '[::1]']);

/** The soak kills processes and floods an endpoint: it refuses to point anything off this machine. */
function assertLoopback(what: string, host: string): void {
  if (!loopback.has(host)) throw new UsageError(`${what} is on ${host}; the soak talks to 127.0.0.1 only`);
}

const benchKafka: KafkaLauncherOptions = {
  // The same broker as `npm run bench`: its own state dir and port, the shared jar cache.
  dir: resolve(repoRoot, '.intake/bench/kafka'),
  port: 19392,
  cacheDir: resolve(repoRoot, '.intake/cache'),
  log: (msg) => note(msg),
};

async function brokersForSoak(keepBroker: boolean): Promise<{ brokers: string[]; describe: string; release: () => Promise<void> }> {
  const configured = process.env.KAFKA_BROKERS;
  if (configured) {
    const brokers = configured.split(',').map((s) => s.trim()).filter(Boolean);
    for (const b of brokers) assertLoopback('KAFKA_BROKERS', b.slice(0, b.lastIndexOf(':')));
    return { brokers, describe: `KAFKA_BROKERS ${brokers.join(',')}`, release: async () => undefined };
  }
  const before = await kafkaStatus(benchKafka);
  const status = await startKafka(benchKafka);
  const brokers = [status.brokers ?? `127.0.0.1:${benchKafka.port}`];
  const startedHere = !before.running;
  return {
    brokers,
    describe: `local ${brokers.join(',')} (${startedHere ? 'started for the soak' : 'already running'})`,
    release: async () => { if (startedHere && !keepBroker) await stopKafka(benchKafka); },
  };
}


async function within<T>(what: string, work: Promise<T>, ms: number): Promise<T> {
  let timer: NodeJS.Timeout | undefined;
  try {
    return await Promise.race([work, new Promise<never>((_, reject) => { timer = setTimeout(() => reject(new SoakAborted(`${what}: no result after ${Math.round(ms / 1000)} s`)), ms); })]);
  } finally {
    clearTimeout(timer);
  }
}

// ---------------------------------------------------------------------------------------------
// The daemon as a child process

interface Exit { code: number | null; signal: NodeJS.Signals | null }

interface Daemon {
  generation: number;
  child: ChildProcess;
  spawnedAt: number;
  exited: Promise<Exit>;
  exit: Exit | null;
  /** Set before we signal it, so an exit of its own is told apart. */
  signalled: boolean;
  /** From the spawn until /healthz answered anything, and until its first 202 (ms). */
  webformMs: number | null;
  first202Ms: number | null;
}

interface DaemonSetup { configFile: string; logFile: string; logFd: number; env: Record<string, string> }

function spawnDaemon(s: DaemonSetup, generation: number): Daemon {
  writeSync(s.logFd, `--- soak: daemon ${generation} spawned at ${new Date().toISOString()}\n`);
  // The daemon writes its log straight into the file, so nothing of it waits on this process.
  const child = spawn(process.execPath, [resolve(repoRoot, 'bin/intake.js'), 'daemon', '--config', s.configFile], { env: s.env, stdio: ['ignore', s.logFd, s.logFd] });
  const exited = new Promise<Exit>((done) => child.once('exit', (code, signal) => { d.exit = { code, signal }; done(d.exit); }));
  const d: Daemon = { generation, child, spawnedAt: performance.now(), exited, exit: null, signalled: false, webformMs: null, first202Ms: null };
  live.add(d);
  void d.exited.then(() => live.delete(d));
  return d;
}

/** Every daemon not yet seen exiting: killed on the way out, whatever happens. */
const live = new Set<Daemon>();
process.on('exit', () => { for (const d of live) d.child.kill('SIGKILL'); });

/** Polls /healthz from the spawn until it answers (any status): the web form is open. */
async function probeWebform(d: Daemon, endpoint: string, until: number): Promise<void> {
  while (d.webformMs === null && d.exit === null && performance.now() < until) {
    try {
      await fetch(`${endpoint}/healthz`, { signal: AbortSignal.timeout(1000) });
      d.webformMs = performance.now() - d.spawnedAt;
      return;
    } catch {
      await sleep(20);
    }
  }
}

// ---------------------------------------------------------------------------------------------
// The run

interface KillRow {
  kill: number;
  /** Load on the killed daemon after its first 202, s. */
  loadS: number;
  /** HTTP attempts on the wire when SIGKILL was sent. */
  inFlight: number;
  acceptedSoFar: number;
  /** From the spawn of the new daemon, s. */
  webformS: number | null;
  first202S: number | null;
}

interface DbFigures {
  rows: number;
  kinds: Record<string, number>;
  linked: number;
  emergencies: number;
  lost: string[];
  itemIdsTwice: number;
  numbersTwice: number;
  unaccounted: number;
  numbered: number;
  numberGaps: number;
  gasSmellRecordedAsEmergency: number;
}

interface Result {
  id: string;
  options: Options;
  env: { node: string; cpus: number; loadAverage1m: number; kafka: string; postgres: string };
  kills: KillRow[];
  load: LoadFigures;
  accepted: number;
  gasSmellAccepted: number;
  gasSmellAnswered187: number;
  maxAttemptsForOneApplication: number;
  drainS: number | null;
  drained: boolean;
  sigterm: { code: number | null; signal: string | null; seconds: number } | null;
  rawMessages: number | null;
  deadLettered: number | null;
  db: DbFigures | null;
  first202S: Stats | null;
  webformS: Stats | null;
  totalS: number;
  failures: string[];
}

interface Stats { min: number; median: number; max: number; list: number[] }

function stats(xs: number[]): Stats | null {
  if (xs.length === 0) return null;
  const s = [...xs].sort((a, b) => a - b);
  const mid = Math.floor(s.length / 2);
  const median = s.length % 2 === 1 ? (s[mid] ?? 0) : ((s[mid - 1] ?? 0) + (s[mid] ?? 0)) / 2;
  return { min: round(s[0] ?? 0, 2), median: round(median, 2), max: round(s[s.length - 1] ?? 0, 2), list: xs.map((x) => round(x, 2)) };
}

const aborting = new AbortController();

async function soak(o: Options): Promise<Result> {
  const t0 = performance.now();
  const deadline = t0 + o.maxSeconds * 1000;
  const watchdog = setTimeout(() => aborting.abort(new SoakAborted(`the soak ran past --max-seconds ${o.maxSeconds}`)), o.maxSeconds * 1000);
  watchdog.unref();
  const checkAbort = (): void => { if (aborting.signal.aborted) throw aborting.signal.reason instanceof Error ? aborting.signal.reason : new SoakAborted('interrupted'); };

  const dbUrl = new URL(databaseUrl);
  assertLoopback('DATABASE_URL', dbUrl.hostname);
  const random = prng(o.seed ^ 0x5eed);
  const id = `soak_${randomBytes(4).toString('hex')}`;
  const topics = prefixedTopics(id);
  const groupId = `${id}-normalizer`;
  const work = mkdtempSync(join(tmpdir(), 'intake-soak-'));
  const configFile = join(work, 'intake.json');
  const logFile = join(work, 'daemon.log');
  const staffApiKey = `soak-${randomBytes(12).toString('hex')}`;
  const failures: string[] = [];
  let keepWork = o.keep;

  const { brokers, describe: kafkaDescribe, release: releaseBrokers } = await brokersForSoak(o.keepBroker);
  const kafka = new Kafka({ clientId: `${id}-soak`, brokers, logLevel: KafkaLogLevel.NOTHING, connectionTimeout: 3000, retry: { retries: 5, initialRetryTime: 200, maxRetryTime: 5000 } });
  const admin = kafka.admin();
  const db = new pg.Client({ connectionString: databaseUrl, connectionTimeoutMillis: 5000 });
  const logFd = openSync(logFile, 'a');
  let load: Load | null = null;
  let current: Daemon | null = null;
  try {
    await admin.connect();
    await db.connect();
    const pgVersion = String((await db.query<{ v: string }>(`SELECT current_setting('server_version') AS v`)).rows[0]?.v);
    const port = await freePort();
    const endpoint = `http://127.0.0.1:${port}`;
    writeFileSync(configFile, JSON.stringify({
      dataDir: join(work, 'data'),
      kafka: { clientId: id, topics, partitions: 3 },
      normalizer: { consumerGroup: groupId, sessionTimeoutMs: o.sessionTimeoutMs },
      connectors: { webform: { host: '127.0.0.1', port } },
      reports: { enabled: false },
    }, null, 2));
    const setup: DaemonSetup = {
      configFile, logFile, logFd,
      env: { PATH: process.env.PATH ?? '', KAFKA_BROKERS: brokers.join(','), DATABASE_URL: databaseUrl, INTAKE_DB_SCHEMA: id, INTAKE_STAFF_API_KEYS: `soak-agent=${staffApiKey}` },
    };
    note(`run ${id}: ${o.kills} kills, ${o.rate} applications/s over ${o.clients} clients, session timeout ${o.sessionTimeoutMs} ms, seed ${o.seed}`);
    note(`Kafka ${kafkaDescribe}; PostgreSQL ${pgVersion} schema ${id}; web form ${endpoint}; daemon log ${logFile}`);

    const restartMs = o.restartTimeoutS * 1000;
    const kills: KillRow[] = [];
    /** Waits for the daemon's web form and first 202; fails if it exits on its own or takes too long. */
    const awaitServing = async (d: Daemon): Promise<void> => {
      const until = Math.min(performance.now() + restartMs, deadline);
      const probing = probeWebform(d, endpoint, until);
      while (d.first202Ms === null) {
        checkAbort();
        if (d.exit) throw new SoakAborted(`daemon ${d.generation} exited on its own during start-up (${JSON.stringify(d.exit)}); see ${logFile}`);
        if (performance.now() > until) throw new SoakAborted(`daemon ${d.generation} answered no 202 within ${o.restartTimeoutS} s of its spawn (web form ${d.webformMs === null ? 'closed' : 'open'}); see ${logFile}`);
        await sleep(10);
      }
      await probing;
    };
    /** Load for `ms`, watching that the daemon stays up. */
    const loadFor = async (d: Daemon, ms: number): Promise<void> => {
      const until = performance.now() + ms;
      while (performance.now() < until) {
        checkAbort();
        if (d.exit) throw new SoakAborted(`daemon ${d.generation} exited on its own under load (${JSON.stringify(d.exit)}); see ${logFile}`);
        await sleep(Math.min(50, Math.max(0, until - performance.now())));
      }
    };

    current = spawnDaemon(setup, 0);
    const next = soakApplications(id, o.seed);
    load = startLoad({
      endpoint, rate: o.rate, clients: o.clients, staffApiKey, requestTimeoutMs: 10_000, applicationTimeoutMs: restartMs + 60_000,
      maxApplications: Math.ceil((o.kills + 1) * (o.maxLoadS + o.restartTimeoutS) * o.rate) + 1000, resendShare: o.resendShare, next, random,
      onAccepted: (sentAt, receivedAt) => {
        // Sent after the spawn: only the new daemon can have answered it (the old one was already gone).
        if (current && current.first202Ms === null && sentAt >= current.spawnedAt) current.first202Ms = receivedAt - current.spawnedAt;
      },
    });
    await awaitServing(current);
    note(`daemon 0 serving: web form after ${round((current.webformMs ?? 0) / 1000, 2)} s, first 202 after ${round((current.first202Ms ?? 0) / 1000, 2)} s`);

    for (let k = 1; k <= o.kills; k++) {
      const loadMs = (o.minLoadS + random() * (o.maxLoadS - o.minLoadS)) * 1000;
      await loadFor(current, loadMs);
      // Aim the kill at a moment with requests on the wire (waiting at most 1 s for one), so that some
      // are cut off before their answer: published or not, their clients must retry them.
      for (const until = performance.now() + 1000; load.inFlight() === 0 && performance.now() < until;) await sleep(1);
      const inFlight = load.inFlight();
      const acceptedSoFar = load.accepted.size;
      const killed: Daemon = current;
      killed.signalled = true;
      killed.child.kill('SIGKILL');
      await within(`daemon ${killed.generation} to die of SIGKILL`, killed.exited, 10_000);
      current = spawnDaemon(setup, k);
      await awaitServing(current);
      const row: KillRow = {
        kill: k, loadS: round(loadMs / 1000, 2), inFlight, acceptedSoFar,
        webformS: current.webformMs === null ? null : round(current.webformMs / 1000, 2), first202S: round((current.first202Ms ?? 0) / 1000, 2),
      };
      kills.push(row);
      note(`kill ${k}/${o.kills}: after ${row.loadS} s of load, ${inFlight} requests in flight, ${acceptedSoFar} accepted so far; restarted: web form after ${row.webformS} s, first 202 after ${row.first202S} s`);
    }

    // The last daemon gets its share of load too, then the clients finish what they hold.
    await loadFor(current, (o.minLoadS + random() * (o.maxLoadS - o.minLoadS)) * 1000);
    note('stopping the load; clients finish the application in hand');
    if (!(await load.stop(restartMs + 60_000))) failures.push('the clients did not finish their last applications in time');
    const figures = load.figures();
    const accepted = [...load.accepted.values()];
    const acceptedIds = accepted.map((a) => a.itemId);
    note(`${accepted.length} applications accepted; waiting for all of them in the database (at most ${o.drainTimeoutS} s)`);

    // Drain: every accepted item id in the CRM table, bounded.
    const table = `${id}.applications`;
    const drainStart = performance.now();
    const drainUntil = Math.min(drainStart + o.drainTimeoutS * 1000, deadline);
    let drained = false;
    let lastReport = drainStart;
    for (;;) {
      checkAbort();
      if (current.exit) throw new SoakAborted(`the last daemon exited on its own while draining (${JSON.stringify(current.exit)}); see ${logFile}`);
      const n = await db.query<{ n: number }>(`SELECT count(*)::int AS n FROM ${table} WHERE item_id = ANY($1::text[])`, [acceptedIds]).then((q) => q.rows[0]?.n ?? 0);
      if (n >= acceptedIds.length) { drained = true; break; }
      if (performance.now() > drainUntil) break;
      if (performance.now() - lastReport > 5000) { lastReport = performance.now(); note(`  ${n}/${acceptedIds.length} in the database`); }
      await sleep(250);
    }
    const drainS = drained ? round((performance.now() - drainStart) / 1000, 2) : null;
    if (!drained) failures.push(`not every accepted item reached the database within ${o.drainTimeoutS} s`);

    // SIGTERM: stop intake, drain, commit, exit 0.
    note(`${drained ? `drained in ${drainS} s` : 'drain timed out'}; SIGTERM to daemon ${current.generation}`);
    const termStart = performance.now();
    current.signalled = true;
    current.child.kill('SIGTERM');
    let exit: Exit;
    try {
      exit = await within('the daemon to exit after SIGTERM', current.exited, 60_000);
    } catch {
      current.child.kill('SIGKILL');
      exit = await within('the daemon to die of SIGKILL', current.exited, 10_000);
      failures.push('the daemon did not exit within 60 s of SIGTERM');
    }
    const sigterm = { code: exit.code, signal: exit.signal, seconds: round((performance.now() - termStart) / 1000, 2) };
    if (exit.code !== 0) failures.push(`the daemon exited with ${exit.code ?? exit.signal ?? '?'} after SIGTERM, not 0`);

    // What the database holds, after the last daemon is gone.
    const rows = (await db.query<{ item_id: string; application_number: string | null; kind: string; emergency: boolean; linked_to_item_id: string | null }>(
      `SELECT item_id, application_number, kind, emergency, linked_to_item_id FROM ${table}`,
    )).rows;
    const countOf = <T>(xs: T[]): Map<T, number> => { const m = new Map<T, number>(); for (const x of xs) m.set(x, (m.get(x) ?? 0) + 1); return m; };
    const byItem = countOf(rows.map((r) => r.item_id));
    const numbers = rows.map((r) => r.application_number).filter((x): x is string => x !== null);
    const byNumber = countOf(numbers);
    const acceptedSet = new Set(acceptedIds);
    const kinds: Record<string, number> = {};
    for (const r of [...rows].sort((a, b) => a.kind.localeCompare(b.kind))) kinds[r.kind] = (kinds[r.kind] ?? 0) + 1;
    let numberGaps = 0;
    for (const year of new Set(numbers.map((x) => x.slice(0, 4)))) {
      const seqs = numbers.filter((x) => x.startsWith(`${year}-`)).map((x) => Number(x.slice(5)));
      numberGaps += Math.max(...seqs) - new Set(seqs).size;
    }
    const gasSmellIds = new Set([...load.accepted.entries()].filter(([key]) => load?.applications.get(key)?.emergency).map(([, a]) => a.itemId));
    const dbFigures: DbFigures = {
      rows: rows.length, kinds, linked: rows.filter((r) => r.linked_to_item_id !== null).length, emergencies: rows.filter((r) => r.emergency).length,
      lost: acceptedIds.filter((x) => !byItem.has(x)),
      itemIdsTwice: [...byItem.values()].filter((c) => c > 1).length,
      numbersTwice: [...byNumber.values()].filter((c) => c > 1).length,
      unaccounted: rows.filter((r) => !acceptedSet.has(r.item_id)).length,
      numbered: numbers.length, numberGaps,
      gasSmellRecordedAsEmergency: rows.filter((r) => gasSmellIds.has(r.item_id) && r.emergency).length,
    };

    const offsets = async (topic: string): Promise<number | null> =>
      admin.fetchTopicOffsets(topic).then((ps) => ps.reduce((a, p) => a + Number(p.high) - Number(p.low), 0), () => null);
    const rawMessages = await offsets(topics.raw);
    const deadLettered = await offsets(topics.deadLetter);

    const distinctIds = new Set(acceptedIds).size;
    if (dbFigures.lost.length > 0) failures.push(`${dbFigures.lost.length} accepted item(s) missing from the database`);
    if (dbFigures.itemIdsTwice > 0) failures.push(`${dbFigures.itemIdsTwice} item id(s) recorded more than once`);
    if (dbFigures.numbersTwice > 0) failures.push(`${dbFigures.numbersTwice} application number(s) given twice`);
    if (distinctIds !== acceptedIds.length) failures.push(`${acceptedIds.length - distinctIds} item id(s) answered for two different applications`);
    if (figures.keysWithTwoItemIds > 0 || figures.resentOtherItemId > 0) failures.push(`${figures.keysWithTwoItemIds + figures.resentOtherItemId} Idempotency-Key(s) answered with two different item ids`);
    if (figures.resentNot202 > 0) failures.push(`${figures.resentNot202} re-sent application(s) got no 202`);
    if (figures.gaveUp > 0) failures.push(`${figures.gaveUp} application(s) never got a 202 (gave up after ${o.restartTimeoutS + 60} s of retries)`);
    const refused = Object.values(figures.refused).reduce((a, b) => a + b, 0);
    if (refused > 0) failures.push(`${refused} valid application(s) refused: ${JSON.stringify(figures.refused)}`);
    if (figures.clientErrors.length > 0) failures.push(`client errors: ${figures.clientErrors.join('; ')}`);
    if (deadLettered !== null && deadLettered > 0) failures.push(`${deadLettered} message(s) dead-lettered`);
    if (failures.length > 0) keepWork = true;

    const gasSmellAccepted = [...load.accepted.keys()].filter((key) => load?.applications.get(key)?.emergency).length;
    return {
      id, options: o,
      env: { node: process.version, cpus: cpus().length, loadAverage1m: round(loadavg()[0] ?? 0, 2), kafka: kafkaDescribe, postgres: pgVersion },
      kills, load: figures, accepted: accepted.length, gasSmellAccepted,
      gasSmellAnswered187: [...load.accepted.entries()].filter(([key, a]) => load?.applications.get(key)?.emergency && a.emergency).length,
      maxAttemptsForOneApplication: Math.max(0, ...accepted.map((a) => a.attempts)),
      drainS, drained, sigterm, rawMessages, deadLettered, db: dbFigures,
      first202S: stats(kills.map((k) => k.first202S ?? 0)),
      webformS: stats(kills.flatMap((k) => (k.webformS === null ? [] : [k.webformS]))),
      totalS: round((performance.now() - t0) / 1000, 1),
      failures,
    };
  } catch (error) {
    keepWork = true;
    throw error;
  } finally {
    clearTimeout(watchdog);
    if (load) await cleanup('the load', () => load?.stop(5000) ?? Promise.resolve(), 10_000);
    for (const d of [...live]) {
      note(`killing daemon ${d.generation}, still running`);
      d.signalled = true;
      d.child.kill('SIGKILL');
      await cleanup(`daemon ${d.generation}`, () => d.exited, 10_000);
    }
    if (!o.keep) {
      await cleanup(`schema ${id}`, () => db.query(`DROP SCHEMA IF EXISTS ${id} CASCADE`));
      await cleanup('consumer group', () => admin.deleteGroups([groupId]));
      await cleanup('topics', () => admin.deleteTopics({ topics: Object.values(topics), timeout: 10_000 }));
    }
    await cleanup('database client', () => db.end());
    await cleanup('Kafka admin', () => admin.disconnect());
    closeSync(logFd);
    if (keepWork) note(`kept ${work} (daemon log: ${logFile})`);
    else rmSync(work, { recursive: true, force: true });
    await cleanup('local Kafka broker', () => releaseBrokers(), 60_000);
  }
}

// ---------------------------------------------------------------------------------------------
// Output

function report(r: Result): string {
  const o = r.options;
  const l = r.load;
  const d = r.db;
  const s = (x: Stats | null): string => (x === null ? '-' : `min ${x.min} / median ${x.median} / max ${x.max}`);
  const lines = [
    `SIGKILL soak ${r.id}: ${r.kills.length} kills, ${o.rate} applications/s over ${o.clients} clients, ${o.minLoadS}–${o.maxLoadS} s of load per daemon, normalizer.sessionTimeoutMs ${o.sessionTimeoutMs}, seed ${o.seed}`,
    `  node ${r.env.node}, ${r.env.cpus} CPUs, load average ${r.env.loadAverage1m}; Kafka ${r.env.kafka}; PostgreSQL ${r.env.postgres}; ${r.totalS} s in all`,
    '',
    `applications posted:   ${l.applications} (each with its own Idempotency-Key), plus ${l.resent} re-sends of accepted ones`,
    `accepted (202):        ${r.accepted}   (${r.gasSmellAccepted} gas-smell reports, ${r.gasSmellAnswered187} answered with the 187 message)`,
    `HTTP attempts:         ${l.attempts}; retried after a connection error ${l.retries.connection}, a timeout ${l.retries.timeout}, a 503 ${l.retries.unavailable503}; most attempts for one application ${r.maxAttemptsForOneApplication}`,
    `refused / gave up:     ${JSON.stringify(l.refused)} / ${l.gaveUp}`,
    `re-sent after a 202:   ${l.resent}, answered with another item id ${l.resentOtherItemId}, not answered 202 ${l.resentNot202}`,
    `raw topic:             ${r.rawMessages ?? '?'} messages for ${r.accepted} accepted items (the extra ones: an item id published again, by a retry cut off by a kill or a re-send to a new daemon; the sink keeps one row)`,
    '',
    `in the database:       ${d?.rows ?? '?'} rows (${d ? Object.entries(d.kinds).map(([k, n]) => `${k} ${n}`).join(', ') : '?'}); ${d?.emergencies ?? '?'} emergencies (${d?.gasSmellRecordedAsEmergency ?? '?'} of the gas-smell reports); ${d?.linked ?? '?'} linked as duplicates`,
    `LOST:                  ${d?.lost.length ?? '?'} accepted item ids missing from the database${d && d.lost.length > 0 ? ` (${d.lost.slice(0, 10).join(', ')}${d.lost.length > 10 ? ', …' : ''})` : ''}`,
    `DUPLICATED:            ${d?.itemIdsTwice ?? '?'} item ids recorded more than once, ${d?.numbersTwice ?? '?'} application numbers given twice, ${l.keysWithTwoItemIds + l.resentOtherItemId} keys answered with two item ids`,
    `dead-lettered:         ${r.deadLettered ?? '?'}`,
    `not accounted for:     ${d?.unaccounted ?? '?'} rows whose application never got a 202`,
    `application numbers:   ${d?.numbered ?? '?'} given, ${d?.numberGaps ?? '?'} gaps`,
    `drain after the load:  ${r.drained ? `${r.drainS} s until every accepted item was in the database` : 'TIMED OUT'}`,
    `SIGTERM:               exit ${r.sigterm?.code ?? r.sigterm?.signal ?? '?'} after ${r.sigterm?.seconds ?? '?'} s`,
    '',
    'after each SIGKILL and immediate restart, seconds from the spawn:',
    `  web form answers:    ${s(r.webformS)}`,
    `  first 202:           ${s(r.first202S)}`,
    '',
    table([
      ['kill', 'load s', 'in flight', 'accepted so far', 'web form s', 'first 202 s'],
      ...r.kills.map((k) => [String(k.kill), k.loadS.toFixed(2), String(k.inFlight), String(k.acceptedSoFar), k.webformS?.toFixed(2) ?? '-', k.first202S?.toFixed(2) ?? '-']),
    ]),
    '',
    r.failures.length === 0 ? 'RESULT: PASS (nothing accepted was lost or duplicated)' : `RESULT: FAIL\n${r.failures.map((f) => `  - ${f}`).join('\n')}`,
  ];
  return `${lines.join('\n')}\n`;
}

function table(rows: string[][]): string {
  const widths = rows[0]?.map((_, c) => Math.max(...rows.map((r) => (r[c] ?? '').length))) ?? [];
  return rows.map((r) => `  ${r.map((cell, c) => cell.padStart(widths[c] ?? 0)).join('  ')}`).join('\n');
}

// ---------------------------------------------------------------------------------------------

process.on('SIGINT', () => {
  if (aborting.signal.aborted) process.exit(130);
  note('interrupted: stopping the daemon and cleaning up (Ctrl-C again to leave at once)');
  aborting.abort(new SoakAborted('interrupted'));
});

async function main(): Promise<number> {
  const o = parseArgs(process.argv.slice(2));
  const result = await soak(o);
  if (o.json) process.stdout.write(`${JSON.stringify(result)}\n`);
  else process.stdout.write(report(result));
  return result.failures.length === 0 ? 0 : 1;
}

runMain({ name: 'sigkill-soak', tag: 'soak', usage, main, describe: (error) => (error instanceof SoakAborted ? error.message : (error.stack ?? error.message)) });
