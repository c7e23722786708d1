/**
 * The e-mail channel's throughput (issue 8): mails per second from a local Dovecot through the
 * e-mail connector, Kafka, the normalizer and the sink into PostgreSQL records, beside mailparser
 * alone (simpleParser) on the same mails in the same run, and the ratio of the two (target ≥ 0.5).
 *
 *   npm run bench:email -- [--mails 2000] [--runs 3] [--split] [--batch N] [--json]
 *
 * Each run: a fresh Dovecot, schema and topics; the mails (fixtures/email, each copy under a
 * Message-ID of its own) are delivered into a staging folder first, untimed; mailparser reads them
 * all; the daemon starts and reads warm-up mails (copies under other Message-IDs) until they are
 * records, so its consumer group is joined and its code warm, as mailparser's is; then one IMAP
 * MOVE puts the mails into the inbox, and the clock runs from that MOVE until every mail is a
 * record. Mailparser reads them again afterwards, and the ratio is taken against the mean of its
 * two rates, as the machine's load drifts over a run. Prints figures, asserts nothing about speed.
 *
 * A clock started at the first record would leave untimed the capture done while the normalizer
 * joined its group: about 40% of it in one profiled run.
 */
import { spawn, type ChildProcess } from 'node:child_process';
import { mkdtempSync, openSync, readFileSync, readdirSync, writeFileSync } from 'node:fs';
import { rm } from 'node:fs/promises';
import { loadavg } from 'node:os';
import { join } from 'node:path';
import { ImapFlow } from 'imapflow';
import { simpleParser } from 'mailparser';
import { startDaemon, type RunningDaemon } from '../cli/daemon.js';
import { startDovecot, type DovecotServer } from '../infra/dovecot/server.js';
import { prefixedTopics } from '../runtime/kafka/topics.js';
import { loadConfig, type Config } from '../runtime/config.js';
import { createLogger } from '../runtime/logger.js';
import { benchBrokers, cleanup, databaseUrl, dropSchema, note, repoRoot, runId } from './infra.js';
import { round, waitForCount } from './measure.js';

/** `batch`: the connector's `batchMaxMails`, null for its default. */
interface Options { mails: number; runs: number; json: boolean; split: boolean; batch: number | null }
/**
 * `cpu` and `mailparserCpu`: this process's CPU ms per mail over the timed window (the daemon, or
 * with `--split` the capturing daemon alone; not Kafka, PostgreSQL nor Dovecot) and over
 * mailparser's. On a shared machine they move less with the load than the rates do.
 */
interface Run { load: number; pipeline: number; mailparser: number; ratio: number; cpu: number; mailparserCpu: number }

/** Read through the daemon before the clock starts, as many as mailparser's warm-up. */
const WARM_UP_MAILS = 200;
const STAGING = 'Bench-Staging';

const usage = `usage: node dist/bench/email-throughput.js [--mails N] [--runs R] [--split] [--batch N] [--json]
  --split  the normalizer in a daemon process of its own beside the capturing one, as on a machine
           with cores to spare (one daemon runs both on one thread)
  --batch  connectors.email.batchMaxMails, to weigh another batch size against the default`;

function parseArgs(argv: string[]): Options {
  const o: Options = { mails: 2000, runs: 3, json: false, split: false, batch: null };
  for (let i = 0; i < argv.length; i++) {
    const a = argv[i];
    const n = Number(argv[i + 1]);
    if (a === '--mails' || a === '--runs' || a === '--batch') {
      if (!Number.isInteger(n) || n <= 0) throw new Error(`${a} needs a positive integer\n${usage}`);
      if (a === '--mails') o.mails = n;
      else if (a === '--runs') o.runs = n;
      else o.batch = n;
      i++;
    } else if (a === '--json') o.json = true;
    else if (a === '--split') o.split = true;
    else throw new Error(`unknown argument ${a}\n${usage}`);
  }
  return o;
}

/** The fixture mails, repeated to `count`, each under a Message-ID of its own (`<id>-<n>`) so each is an item. */
function benchMails(count: number, id: string): Buffer[] {
  const dir = join(repoRoot, 'fixtures/email');
  const originals = readdirSync(dir).filter((f) => f.endsWith('.eml')).sort().map((f) => readFileSync(join(dir, f), 'latin1'));
  return Array.from({ length: count }, (_, i) => {
    const text = originals[i % originals.length] ?? '';
    const headerEnd = text.search(/\r?\n\r?\n/);
    const head = text.slice(0, headerEnd).replace(/^Message-ID:.*(\r?\n[ \t].*)*\r?\n?/im, '');
    return Buffer.from(`Message-ID: <${id}-${i}@bench.example>\r\n${head}${text.slice(headerEnd)}`, 'latin1');
  });
}

async function connected(imap: DovecotServer): Promise<ImapFlow> {
  const client = new ImapFlow({ host: imap.host, port: imap.port, secure: false, auth: { user: 'intake', pass: 'bench' }, logger: false });
  await client.connect();
  return client;
}

async function deliver(client: ImapFlow, folder: string, mails: readonly Buffer[]): Promise<void> {
  for (const raw of mails) await client.append(folder, raw);
}

/** Moves every staged mail into the inbox in one command: they arrive there at once. */
async function release(client: ImapFlow): Promise<void> {
  const lock = await client.getMailboxLock(STAGING);
  try {
    await client.messageMove('1:*', 'INBOX');
  } finally {
    lock.release();
  }
}

/** CPU ms per mail of this process since `start`. */
function cpuPerMail(start: NodeJS.CpuUsage, mails: number): number {
  const used = process.cpuUsage(start);
  return (used.user + used.system) / 1000 / mails;
}

async function mailparserRate(mails: readonly Buffer[]): Promise<{ rate: number; cpu: number }> {
  // Warmed up first, as the daemon's parser is by the time the clock starts.
  for (const raw of mails.slice(0, WARM_UP_MAILS)) await simpleParser(raw);
  const t = performance.now();
  const cpu = process.cpuUsage();
  for (const raw of mails) await simpleParser(raw);
  return { rate: mails.length / ((performance.now() - t) / 1000), cpu: cpuPerMail(cpu, mails.length) };
}

function daemonConfig(id: string, brokers: string[], imap: DovecotServer, dataDir: string, o: Options): Config {
  const base = loadConfig({ file: null, env: { INTAKE_IMAP_PASSWORDS: 'bench=bench' } });
  const topics = prefixedTopics(id);
  return {
    ...base,
    dataDir,
    database: { url: databaseUrl, schema: id },
    kafka: { ...base.kafka, brokers, clientId: id, topics },
    normalizer: { ...base.normalizer, enabled: !o.split, consumerGroup: `${id}-normalizer`, sessionTimeoutMs: 6000 },
    connectors: {
      ...base.connectors,
      webform: { ...base.connectors.webform, enabled: false },
      email: { ...base.connectors.email, enabled: true, ...(o.batch === null ? {} : { batchMaxMails: o.batch }), mailboxes: [{ id: 'bench', host: imap.host, port: imap.port, secure: false, user: 'intake', folder: 'INBOX', markSeen: true, moveTo: null, failedFolder: 'Intake-Failed' }] },
    },
    reports: { ...base.reports, enabled: false },
    transcription: { ...base.transcription, enabled: false },
  };
}

/** `intake daemon` with the normalizer alone, on the same topics, group and schema. */
function normalizerProcess(config: Config): ChildProcess {
  const file = join(config.dataDir, 'normalizer.json');
  writeFileSync(file, JSON.stringify({
    dataDir: join(config.dataDir, 'normalizer'),
    kafka: { topics: config.kafka.topics, clientId: `${config.kafka.clientId}-normalizer` },
    normalizer: { consumerGroup: config.normalizer.consumerGroup, sessionTimeoutMs: config.normalizer.sessionTimeoutMs },
    connectors: { webform: { enabled: false } },
    reports: { enabled: false },
    transcription: { enabled: false },
    log: { level: 'warn' },
  }));
  return spawn(process.execPath, [join(repoRoot, 'bin/intake.js'), 'daemon', '--config', file], {
    env: { PATH: process.env.PATH ?? '', KAFKA_BROKERS: (config.kafka.brokers ?? []).join(','), DATABASE_URL: databaseUrl, INTAKE_DB_SCHEMA: config.database.schema ?? '' },
    stdio: ['ignore', 'ignore', 'inherit'],
  });
}

async function stopProcess(child: ChildProcess | null): Promise<void> {
  if (child === null || child.exitCode !== null) return;
  const exited = new Promise((done) => child.once('exit', done));
  child.kill('SIGTERM');
  await exited;
}

async function oneRun(o: Options, brokers: string[]): Promise<Run> {
  const id = runId();
  const load = round(loadavg()[0] ?? 0, 2);
  const imapDir = mkdtempSync('/tmp/intake-bench-imap-');
  const dataDir = mkdtempSync('/tmp/intake-bench-data-');
  const imap = await startDovecot({ dir: imapDir, users: [{ user: 'intake', password: 'bench' }] });
  let daemon: RunningDaemon | null = null;
  let normalizer: ChildProcess | null = null;
  let client: ImapFlow | null = null;
  try {
    client = await connected(imap);
    const mails = benchMails(o.mails, id);
    note(`${id}: delivering ${mails.length} mails into Dovecot`);
    await client.mailboxCreate(STAGING);
    await deliver(client, STAGING, mails);
    await deliver(client, 'INBOX', benchMails(WARM_UP_MAILS, `${id}-warm-up`));
    const mailparserBefore = await mailparserRate(mails);
    const config = daemonConfig(id, brokers, imap, dataDir, o);
    if (o.split) normalizer = normalizerProcess(config);
    daemon = await startDaemon(config, createLogger({ level: 'warn', destination: openSync('/dev/null', 'w') }));
    const sink = daemon.sink;
    const recorded = async (): Promise<number> => Object.values(await sink.countByKind()).reduce((a, b) => a + b, 0);
    const stop = new AbortController();
    const waiting = { pollMs: 20, stallMs: 60_000, signal: stop.signal, progress: (n: number) => note(`${n - WARM_UP_MAILS}/${mails.length} recorded`) };
    // Joining the consumer group is not the channel's time; the warm-up's records say it is joined.
    await waitForCount('warm-up mails recorded', recorded, WARM_UP_MAILS, waiting);
    const started = performance.now();
    const monotonicStart = process.hrtime.bigint() / 1000n;
    const cpuStart = process.cpuUsage();
    await release(client);
    await waitForCount('mails recorded', recorded, WARM_UP_MAILS + mails.length, waiting);
    const pipeline = mails.length / ((performance.now() - started) / 1000);
    const cpu = cpuPerMail(cpuStart, mails.length);
    // On the clock `node --cpu-prof` stamps its samples with, so a profile can be cut to the timed window.
    note(`timed window, monotonic µs: ${monotonicStart}-${process.hrtime.bigint() / 1000n}`);
    const mailparserAfter = await mailparserRate(mails);
    const mailparser = (mailparserBefore.rate + mailparserAfter.rate) / 2;
    const mailparserCpu = (mailparserBefore.cpu + mailparserAfter.cpu) / 2;
    return { load, pipeline: round(pipeline, 0), mailparser: round(mailparser, 0), ratio: round(pipeline / mailparser, 3), cpu: round(cpu, 3), mailparserCpu: round(mailparserCpu, 3) };
  } finally {
    await cleanup('imap client', async () => client?.logout());
    await cleanup('daemon', async () => daemon?.stop());
    await cleanup('normalizer process', () => stopProcess(normalizer));
    await cleanup('dovecot', () => imap.stop());
    await cleanup('schema', () => dropSchema(id));
    // The run's mailbox and blob store: a few hundred MB over a session of runs.
    await cleanup('folders', () => Promise.all([imapDir, dataDir].map((dir) => rm(dir, { recursive: true, force: true }))));
  }
}

const median = (xs: readonly number[]): number => [...xs].sort((a, b) => a - b)[Math.floor(xs.length / 2)] ?? 0;

async function main(): Promise<void> {
  const o = parseArgs(process.argv.slice(2));
  const { brokers, stop } = await benchBrokers();
  const runs: Run[] = [];
  try {
    for (let r = 0; r < o.runs; r++) runs.push(await oneRun(o, brokers));
  } finally {
    await cleanup('kafka', stop);
  }
  if (o.json) {
    process.stdout.write(`${JSON.stringify({ mails: o.mails, runs })}\n`);
    return;
  }
  const figures = (key: 'pipeline' | 'mailparser' | 'ratio' | 'cpu' | 'mailparserCpu'): string => { const xs = runs.map((r) => r[key]); return `${Math.min(...xs)} / ${median(xs)} / ${Math.max(...xs)}`; };
  process.stdout.write([
    `e-mail: ${o.mails} mails (fixtures/email, repeated) from Dovecot to records${o.split ? ', the normalizer in a process of its own' : ''}${o.batch === null ? '' : `, batches of ${o.batch}`}; node ${process.version}`,
    `| run | load | Dovecot → records, mails/s | mailparser alone, mails/s | ratio | CPU ms/mail, ${o.split ? 'capturing daemon' : 'daemon'} | CPU ms/mail, mailparser |`,
    '|---|---|---|---|---|---|---|',
    ...runs.map((r, i) => `| ${i + 1} | ${r.load} | ${r.pipeline} | ${r.mailparser} | ${r.ratio} | ${r.cpu} | ${r.mailparserCpu} |`),
    '',
    `min / median / max: pipeline ${figures('pipeline')} mails/s; mailparser ${figures('mailparser')} mails/s; ratio ${figures('ratio')}; CPU ms/mail ${figures('cpu')}, mailparser ${figures('mailparserCpu')}`,
    '',
  ].join('\n'));
}

main().catch((error: unknown) => {
  process.stderr.write(`${error instanceof Error ? error.stack ?? error.message : String(error)}\n`);
  process.exitCode = 1;
});
