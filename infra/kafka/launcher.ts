// Single-node Apache Kafka broker (KRaft, combined broker+controller) without
// Docker: the broker's jars come from Maven Central through the machine's
// `mvn` (once, cached) and it runs on the machine's Java 17+.
//
// Layout (dir = KafkaLauncherOptions.dir, e.g. .intake/kafka):
//   <dir>/server.properties      written on every fresh start
//   <dir>/log4j2.properties      broker logging -> stdout -> server.log
//   <dir>/server.log             broker stdout/stderr (previous run: server.log.1)
//   <dir>/format.log             output of the one-off StorageTool format
//   <dir>/data/                  log.dirs (and KRaft metadata log); meta.properties marks "formatted"
//   <dir>/cluster.id             the cluster id the storage was formatted with
//   <dir>/kafka.pid              pid of the detached java process
//   <dir>/kafka.state.json       pid, ports and version of the running broker
//
// Jar cache: <cacheDir>/kafka-<version>/lib, where cacheDir defaults to
// `<dir>/../cache` (so .intake/kafka and .intake/test-kafka share
// .intake/cache). It is filled by
//   mvn -B -q -f infra/kafka/pom.xml dependency:copy-dependencies
// into a temporary folder that is renamed into place only after Maven
// succeeded and a `.complete` marker was written; a folder without the marker
// is a half-download and is fetched again. Maven's output goes to
// <cacheDir>/kafka-<version>/maven.log.
//
// Only node built-ins are used here; readiness is checked with a raw Metadata
// request (./probe.ts).

import { spawn, type ChildProcess } from 'node:child_process';
import fs from 'node:fs';
import fsp from 'node:fs/promises';
import net from 'node:net';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { randomBytes } from 'node:crypto';
import { probeKafkaMetadata } from './probe.js';

/** Kafka release fetched from Maven Central (org.apache.kafka:kafka_2.13). */
export const KAFKA_VERSION = '4.1.1';
const SCALA_BINARY_VERSION = '2.13';
const MIN_JAVA = KAFKA_VERSION.startsWith('3.') ? 11 : 17;

export interface KafkaLauncherOptions {
  /** State directory, e.g. `.intake/kafka`. */
  dir: string;
  /** PLAINTEXT listener on 127.0.0.1; default 19092. */
  port?: number;
  /** KRaft CONTROLLER listener on 127.0.0.1; default port + 1. */
  controllerPort?: number;
  /** Progress messages (download, format, spawn, ready). */
  log?: (msg: string) => void;
  /** Jar cache root; default `<dir>/../cache`. */
  cacheDir?: string;
  /** How long startKafka waits for the broker to answer; default 90 s. */
  startTimeoutMs?: number;
}

export interface KafkaStatus {
  /** A broker started from `dir` is alive and answers a Metadata request. */
  running: boolean;
  /** Pid of the broker process while it is alive (even if not answering yet), else null. */
  pid: number | null;
  /** Bootstrap servers (`127.0.0.1:<port>`) when running, else null. */
  brokers: string | null;
  version: string;
}

const DEFAULT_PORT = 19092;
const HOST = '127.0.0.1';
const DEFAULT_START_TIMEOUT_MS = 90_000;
const MAVEN_TIMEOUT_MS = 15 * 60_000;
const FORMAT_TIMEOUT_MS = 120_000;
const STOP_GRACE_MS = 30_000;
const KILL_WAIT_MS = 10_000;
const COMPLETE_MARKER = '.complete';

interface State {
  pid: number;
  port: number;
  controllerPort: number;
  version: string;
  startedAt: string;
}

interface Paths {
  dir: string;
  props: string;
  log4j: string;
  serverLog: string;
  formatLog: string;
  data: string;
  clusterId: string;
  pid: string;
  state: string;
  lock: string;
  cacheRoot: string;
  lib: string;
  mavenLog: string;
}

function pathsOf(o: KafkaLauncherOptions): Paths {
  const dir = path.resolve(o.dir);
  const cacheRoot = path.join(o.cacheDir ? path.resolve(o.cacheDir) : path.join(path.dirname(dir), 'cache'), `kafka-${KAFKA_VERSION}`);
  return {
    dir,
    props: path.join(dir, 'server.properties'),
    log4j: path.join(dir, 'log4j2.properties'),
    serverLog: path.join(dir, 'server.log'),
    formatLog: path.join(dir, 'format.log'),
    data: path.join(dir, 'data'),
    clusterId: path.join(dir, 'cluster.id'),
    pid: path.join(dir, 'kafka.pid'),
    state: path.join(dir, 'kafka.state.json'),
    lock: path.join(dir, 'start.lock'),
    cacheRoot,
    lib: path.join(cacheRoot, 'lib'),
    mavenLog: path.join(cacheRoot, 'maven.log'),
  };
}

function portsOf(o: KafkaLauncherOptions): { port: number; controllerPort: number } {
  const port = o.port ?? DEFAULT_PORT;
  const controllerPort = o.controllerPort ?? port + 1;
  for (const [name, p] of [['port', port], ['controllerPort', controllerPort]] as const) {
    if (!Number.isInteger(p) || p < 1 || p > 65535) throw new Error(`kafka launcher: invalid ${name} ${p}`);
  }
  if (port === controllerPort) throw new Error(`kafka launcher: port and controllerPort must differ (both ${port})`);
  return { port, controllerPort };
}

const sleep = (ms: number): Promise<void> => new Promise((r) => setTimeout(r, ms));

function errCode(e: unknown): string | undefined {
  return (e as NodeJS.ErrnoException | null)?.code;
}

async function tailOf(file: string, lines = 40): Promise<string> {
  try {
    // eslint-disable-next-line no-control-regex -- strip ANSI colour codes (Maven 3.8 prints some even with -B -q)
    const text = (await fsp.readFile(file, 'utf8')).replace(/\x1b\[[0-9;]*m/g, '');
    return text.split('\n').slice(-lines - 1).join('\n').trimEnd();
  } catch {
    return `(no ${path.basename(file)})`;
  }
}

// ---------------------------------------------------------------- processes

/** True while `pid` is a live (non-zombie) process we may signal. */
function isAlive(pid: number): boolean {
  try {
    process.kill(pid, 0);
  } catch (e) {
    return errCode(e) === 'EPERM';
  }
  try {
    // "pid (comm) S ...": the state letter follows the last ')'.
    const stat = fs.readFileSync(`/proc/${pid}/stat`, 'utf8');
    const state = stat.slice(stat.lastIndexOf(')') + 2, stat.lastIndexOf(')') + 3);
    if (state === 'Z' || state === 'X') return false;
  } catch {
    /* no procfs (macOS): trust kill(0) */
  }
  return true;
}

/** True if `pid` is alive and is the broker of this state dir (guards against pid reuse). */
function isOurBroker(pid: number, p: Paths): boolean {
  if (!isAlive(pid)) return false;
  let cmdline: string;
  try {
    cmdline = fs.readFileSync(`/proc/${pid}/cmdline`, 'utf8').split('\0').join(' ');
  } catch {
    return true; // no procfs: cannot tell, assume it is ours
  }
  return cmdline.includes('kafka.Kafka') && cmdline.includes(p.props);
}

function readPid(p: Paths): number | null {
  try {
    const n = Number.parseInt(fs.readFileSync(p.pid, 'utf8').trim(), 10);
    return Number.isInteger(n) && n > 0 ? n : null;
  } catch {
    return null;
  }
}

function readState(p: Paths): State | null {
  try {
    const s = JSON.parse(fs.readFileSync(p.state, 'utf8')) as Partial<State>;
    if (typeof s.pid === 'number' && typeof s.port === 'number' && typeof s.controllerPort === 'number') {
      return { pid: s.pid, port: s.port, controllerPort: s.controllerPort, version: s.version ?? KAFKA_VERSION, startedAt: s.startedAt ?? '' };
    }
  } catch {
    /* missing or corrupt */
  }
  return null;
}

async function removeRunFiles(p: Paths): Promise<void> {
  await fsp.rm(p.pid, { force: true });
  await fsp.rm(p.state, { force: true });
}

async function waitForExit(pid: number, ms: number): Promise<boolean> {
  const deadline = Date.now() + ms;
  while (Date.now() < deadline) {
    if (!isAlive(pid)) return true;
    await sleep(100);
  }
  return !isAlive(pid);
}

async function killHard(pid: number): Promise<void> {
  try {
    process.kill(pid, 'SIGKILL');
  } catch {
    /* already gone */
  }
  await waitForExit(pid, KILL_WAIT_MS);
}

interface RunResult {
  code: number | null;
  signal: NodeJS.Signals | null;
  timedOut: boolean;
}

/** Runs a command to completion with stdout+stderr appended to `logFile`. */
async function runLogged(cmd: string, args: string[], logFile: string, timeoutMs: number, cwd?: string): Promise<RunResult> {
  const fd = fs.openSync(logFile, 'a');
  try {
    fs.writeSync(fd, `$ ${cmd} ${args.join(' ')}\n`);
    const child = spawn(cmd, args, { stdio: ['ignore', fd, fd], cwd });
    return await new Promise<RunResult>((resolve, reject) => {
      let timedOut = false;
      const timer = setTimeout(() => {
        timedOut = true;
        child.kill('SIGKILL');
      }, timeoutMs);
      child.once('error', (e) => {
        clearTimeout(timer);
        reject(e);
      });
      child.once('exit', (code, signal) => {
        clearTimeout(timer);
        resolve({ code, signal, timedOut });
      });
    });
  } finally {
    fs.closeSync(fd);
  }
}

// ---------------------------------------------------------------- tools

/** `$JAVA_HOME/bin/java` if JAVA_HOME is set, else `java` from PATH; checks it runs and is new enough. */
async function findJava(): Promise<string> {
  const home = process.env.JAVA_HOME?.trim();
  const java = home ? path.join(home, 'bin', process.platform === 'win32' ? 'java.exe' : 'java') : 'java';
  const where = home ? `JAVA_HOME/bin/java (${java})` : '`java` on PATH (JAVA_HOME is not set)';
  const out = await new Promise<string>((resolve, reject) => {
    let text = '';
    let child: ChildProcess;
    try {
      child = spawn(java, ['-version'], { stdio: ['ignore', 'pipe', 'pipe'] });
    } catch (e) {
      reject(e);
      return;
    }
    child.stdout?.on('data', (d: Buffer) => (text += d.toString()));
    child.stderr?.on('data', (d: Buffer) => (text += d.toString()));
    child.once('error', reject);
    child.once('close', () => resolve(text));
  }).catch((e: unknown) => {
    throw new Error(
      `kafka launcher: Java not found: tried ${where}: ${(e as Error).message}. ` +
        `Kafka ${KAFKA_VERSION} needs Java ${MIN_JAVA}+ (Debian: apt-get install openjdk-17-jre-headless, or set JAVA_HOME).`,
    );
  });
  const m = /version "(\d+)(?:\.(\d+))?/.exec(out);
  if (m) {
    const major = m[1] === '1' ? Number(m[2]) : Number(m[1]);
    if (major < MIN_JAVA) {
      throw new Error(`kafka launcher: ${where} is Java ${major}; Kafka ${KAFKA_VERSION} needs Java ${MIN_JAVA}+.`);
    }
  }
  return java;
}

function findPom(): string {
  const candidates = [
    fileURLToPath(new URL('./pom.xml', import.meta.url)), // running from infra/kafka (source)
    fileURLToPath(new URL('../../../infra/kafka/pom.xml', import.meta.url)), // running from dist/infra/kafka
  ];
  const hit = candidates.find((c) => fs.existsSync(c));
  if (!hit) throw new Error(`kafka launcher: infra/kafka/pom.xml not found (looked at ${candidates.join(', ')})`);
  return hit;
}

function cacheComplete(p: Paths): boolean {
  try {
    const marker = JSON.parse(fs.readFileSync(path.join(p.lib, COMPLETE_MARKER), 'utf8')) as { version?: string };
    return marker.version === KAFKA_VERSION && fs.existsSync(path.join(p.lib, `kafka_${SCALA_BINARY_VERSION}-${KAFKA_VERSION}.jar`));
  } catch {
    return false;
  }
}

/** Fills <cacheRoot>/lib with the broker's runtime jars via Maven, once. */
async function ensureJars(p: Paths, log: (m: string) => void): Promise<string> {
  if (cacheComplete(p)) return p.lib;
  const pom = findPom();
  await fsp.mkdir(p.cacheRoot, { recursive: true });
  const tmp = `${p.lib}.partial-${process.pid}`;
  await fsp.rm(tmp, { recursive: true, force: true });
  await fsp.writeFile(p.mavenLog, `# ${new Date().toISOString()} kafka ${KAFKA_VERSION}\n`);
  log(`kafka: fetching Kafka ${KAFKA_VERSION} jars with Maven into ${p.lib} (log: ${p.mavenLog})`);
  const t0 = Date.now();
  const args = [
    '-B',
    '-q',
    '-ntp',
    '-Dstyle.color=never',
    '-f',
    pom,
    `-Dkafka.version=${KAFKA_VERSION}`,
    'dependency:copy-dependencies',
    '-DincludeScope=runtime',
    `-DoutputDirectory=${tmp}`,
  ];
  let res: RunResult;
  try {
    res = await runLogged('mvn', args, p.mavenLog, MAVEN_TIMEOUT_MS, p.cacheRoot);
  } catch (e) {
    if (errCode(e) === 'ENOENT') {
      throw new Error(
        `kafka launcher: Maven (\`mvn\`) not found on PATH; it is needed once to download the Kafka ${KAFKA_VERSION} jars into ${p.lib} ` +
          `(Debian: apt-get install maven).`,
      );
    }
    throw e;
  }
  const jar = path.join(tmp, `kafka_${SCALA_BINARY_VERSION}-${KAFKA_VERSION}.jar`);
  if (res.code !== 0 || !fs.existsSync(jar)) {
    await fsp.rm(tmp, { recursive: true, force: true });
    const why = res.timedOut ? `timed out after ${MAVEN_TIMEOUT_MS / 1000} s` : `exit ${res.code ?? res.signal}`;
    throw new Error(`kafka launcher: Maven failed to fetch Kafka ${KAFKA_VERSION} jars (${why}). Tail of ${p.mavenLog}:\n${await tailOf(p.mavenLog)}`);
  }
  const jars = (await fsp.readdir(tmp)).filter((f) => f.endsWith('.jar')).sort();
  await fsp.writeFile(
    path.join(tmp, COMPLETE_MARKER),
    JSON.stringify({ version: KAFKA_VERSION, jars, completedAt: new Date().toISOString() }, null, 2) + '\n',
  );
  // A lib folder without the marker is a half-download from an older run.
  if (!cacheComplete(p)) await fsp.rm(p.lib, { recursive: true, force: true });
  try {
    await fsp.rename(tmp, p.lib);
  } catch (e) {
    // Another process finished first: keep its copy.
    await fsp.rm(tmp, { recursive: true, force: true });
    if (!cacheComplete(p)) throw e;
  }
  log(`kafka: ${jars.length} jars cached in ${((Date.now() - t0) / 1000).toFixed(1)} s`);
  return p.lib;
}

// ---------------------------------------------------------------- config

function propValue(v: string): string {
  // java.util.Properties escaping for paths (backslashes, e.g. on Windows).
  return v.replace(/\\/g, '\\\\');
}

function serverProperties(p: Paths, port: number, controllerPort: number): string {
  const props: [string, string | number][] = [
    ['process.roles', 'broker,controller'],
    ['node.id', 1],
    ['controller.quorum.voters', `1@${HOST}:${controllerPort}`],
    ['listeners', `PLAINTEXT://${HOST}:${port},CONTROLLER://${HOST}:${controllerPort}`],
    ['advertised.listeners', `PLAINTEXT://${HOST}:${port}`],
    ['inter.broker.listener.name', 'PLAINTEXT'],
    ['controller.listener.names', 'CONTROLLER'],
    ['listener.security.protocol.map', 'PLAINTEXT:PLAINTEXT,CONTROLLER:PLAINTEXT'],
    ['log.dirs', propValue(p.data)],
    ['auto.create.topics.enable', 'false'],
    ['num.partitions', 1],
    ['default.replication.factor', 1],
    ['min.insync.replicas', 1],
    ['offsets.topic.replication.factor', 1],
    ['offsets.topic.num.partitions', 10],
    ['transaction.state.log.replication.factor', 1],
    ['transaction.state.log.min.isr', 1],
    ['transaction.state.log.num.partitions', 10],
    ['share.coordinator.state.topic.replication.factor', 1],
    ['share.coordinator.state.topic.min.isr', 1],
    ['group.initial.rebalance.delay.ms', 0],
    // Small machine (2 cores): fewer threads than the defaults.
    ['num.network.threads', 2],
    ['num.io.threads', 4],
    ['num.recovery.threads.per.data.dir', 1],
  ];
  return `# Written by infra/kafka/launcher.ts (Kafka ${KAFKA_VERSION}); regenerated on every start.\n` + props.map(([k, v]) => `${k}=${v}`).join('\n') + '\n';
}

function log4jProperties(level: 'INFO' | 'WARN'): string {
  return [
    '# Written by infra/kafka/launcher.ts: everything to stdout, which the launcher sends to server.log.',
    'status = warn',
    // Kafka logs its own shutdown from a JVM shutdown hook: keep log4j alive for it.
    'shutdownHook = disable',
    'appender.out.type = Console',
    'appender.out.name = STDOUT',
    'appender.out.layout.type = PatternLayout',
    'appender.out.layout.pattern = [%d] %p %m (%c)%n',
    `rootLogger.level = ${level}`,
    'rootLogger.appenderRef.out.ref = STDOUT',
    // The full config dumps of every internal client are noise here.
    'logger.config.name = org.apache.kafka.common.config.AbstractConfig',
    'logger.config.level = WARN',
    'logger.request.name = kafka.request.logger',
    'logger.request.level = WARN',
    '',
  ].join('\n');
}

function jvmArgs(p: Paths, log4jFile: string): string[] {
  return [
    '-Xms128m',
    '-Xmx512m',
    '-XX:+UseG1GC',
    '-XX:MaxGCPauseMillis=20',
    '-XX:InitiatingHeapOccupancyPercent=35',
    '-XX:+ExplicitGCInvokesConcurrent',
    '-Djava.awt.headless=true',
    `-Dlog4j2.configurationFile=${log4jFile}`,
    '-cp',
    `${p.lib}${path.sep}*`,
  ];
}

function newClusterId(): string {
  // Kafka Uuid: 16 random bytes, base64url without padding; the CLI
  // rejects ids starting with '-', so draw again in that case.
  for (;;) {
    const id = randomBytes(16).toString('base64url');
    if (!id.startsWith('-')) return id;
  }
}

async function formatIfNeeded(p: Paths, java: string, log: (m: string) => void): Promise<void> {
  if (fs.existsSync(path.join(p.data, 'meta.properties'))) return;
  let clusterId = '';
  try {
    clusterId = (await fsp.readFile(p.clusterId, 'utf8')).trim();
  } catch {
    /* first format */
  }
  if (!/^[A-Za-z0-9_-]{22}$/.test(clusterId)) {
    clusterId = newClusterId();
    await fsp.writeFile(p.clusterId, clusterId + '\n');
  }
  const toolLog4j = path.join(p.dir, 'log4j2-tools.properties');
  await fsp.writeFile(toolLog4j, log4jProperties('WARN'));
  log(`kafka: formatting ${p.data} (cluster id ${clusterId})`);
  const args = [
    ...jvmArgs(p, toolLog4j).filter((a) => !a.startsWith('-Xms')),
    'kafka.tools.StorageTool',
    'format',
    '--cluster-id',
    clusterId,
    '--config',
    p.props,
    '--ignore-formatted',
  ];
  const res = await runLogged(java, args, p.formatLog, FORMAT_TIMEOUT_MS, p.dir);
  if (res.code !== 0 || !fs.existsSync(path.join(p.data, 'meta.properties'))) {
    throw new Error(`kafka launcher: formatting ${p.data} failed (exit ${res.code ?? res.signal}). Tail of ${p.formatLog}:\n${await tailOf(p.formatLog)}`);
  }
}

// ---------------------------------------------------------------- network

/** Resolves true if something listens on host:port. */
function tcpAnswers(port: number, timeoutMs = 1000): Promise<boolean> {
  return new Promise((resolve) => {
    const s = net.connect({ host: HOST, port });
    const done = (ok: boolean): void => {
      clearTimeout(t);
      s.destroy();
      resolve(ok);
    };
    const t = setTimeout(() => done(false), timeoutMs);
    s.once('connect', () => done(true));
    s.once('error', () => done(false));
  });
}

/** Resolves true if we can bind host:port right now. */
function portFree(port: number): Promise<boolean> {
  return new Promise((resolve) => {
    const srv = net.createServer();
    srv.once('error', () => resolve(false));
    srv.listen({ host: HOST, port, exclusive: true }, () => srv.close(() => resolve(true)));
  });
}

async function brokerReady(port: number, timeoutMs = 3000): Promise<boolean> {
  if (!(await tcpAnswers(port, timeoutMs))) return false;
  try {
    const md = await probeKafkaMetadata(HOST, port, timeoutMs);
    return md.brokers.length > 0;
  } catch {
    return false;
  }
}

// ---------------------------------------------------------------- lock

/** Serialises startKafka calls on the same dir (also across processes). */
async function withStartLock<T>(p: Paths, timeoutMs: number, fn: () => Promise<T>): Promise<T> {
  const deadline = Date.now() + timeoutMs;
  for (;;) {
    try {
      const fd = fs.openSync(p.lock, 'wx');
      fs.writeSync(fd, String(process.pid));
      fs.closeSync(fd);
      break;
    } catch (e) {
      if (errCode(e) !== 'EEXIST') throw e;
      let holder = NaN;
      try {
        holder = Number.parseInt(fs.readFileSync(p.lock, 'utf8'), 10);
      } catch {
        /* vanished or empty: retry */
      }
      if (Number.isInteger(holder) && (holder === process.pid ? false : !isAlive(holder))) {
        fs.rmSync(p.lock, { force: true }); // stale lock
        continue;
      }
      if (Date.now() > deadline) throw new Error(`kafka launcher: ${p.lock} is held by pid ${holder}; another start is in progress`);
      await sleep(200);
    }
  }
  try {
    return await fn();
  } finally {
    fs.rmSync(p.lock, { force: true });
  }
}

// ---------------------------------------------------------------- API

export async function kafkaStatus(o: KafkaLauncherOptions): Promise<KafkaStatus> {
  const p = pathsOf(o);
  const state = readState(p);
  const pid = readPid(p) ?? state?.pid ?? null;
  const version = state?.version ?? KAFKA_VERSION;
  if (pid === null || !isOurBroker(pid, p)) return { running: false, pid: null, brokers: null, version };
  const port = state?.port ?? portsOf(o).port;
  const running = await brokerReady(port);
  return { running, pid, brokers: running ? `${HOST}:${port}` : null, version };
}

export async function startKafka(o: KafkaLauncherOptions): Promise<KafkaStatus> {
  const log = o.log ?? ((): void => {});
  const p = pathsOf(o);
  const { port, controllerPort } = portsOf(o);
  const timeoutMs = o.startTimeoutMs ?? DEFAULT_START_TIMEOUT_MS;
  await fsp.mkdir(p.dir, { recursive: true });

  return withStartLock(p, MAVEN_TIMEOUT_MS + timeoutMs, async () => {
    // Already started from this dir?
    const existingPid = readPid(p) ?? readState(p)?.pid ?? null;
    if (existingPid !== null) {
      if (isOurBroker(existingPid, p)) {
        const st = await waitReady(p, existingPid, readState(p)?.port ?? port, timeoutMs, null);
        if (st.running && st.brokers !== `${HOST}:${port}`) log(`kafka: already running at ${st.brokers} (requested port ${port} ignored)`);
        else log(`kafka: already running at ${st.brokers} (pid ${existingPid})`);
        return st;
      }
      log(`kafka: removing stale pid file (pid ${existingPid} is not running)`);
      await removeRunFiles(p);
    }

    for (const [name, n] of [['port', port], ['controllerPort', controllerPort]] as const) {
      if (!(await portFree(n))) {
        throw new Error(`kafka launcher: ${name} ${HOST}:${n} is already in use by another process (not a broker started from ${p.dir})`);
      }
    }

    const java = await findJava();
    await ensureJars(p, log);

    await fsp.mkdir(p.data, { recursive: true });
    await fsp.writeFile(p.props, serverProperties(p, port, controllerPort));
    await fsp.writeFile(p.log4j, log4jProperties('INFO'));
    await formatIfNeeded(p, java, log);

    // Keep the previous run's log for post-mortems.
    try {
      if (fs.statSync(p.serverLog).size > 0) fs.renameSync(p.serverLog, `${p.serverLog}.1`);
    } catch {
      /* no previous log */
    }
    const out = fs.openSync(p.serverLog, 'a');
    let child: ChildProcess;
    try {
      child = spawn(java, [...jvmArgs(p, p.log4j), 'kafka.Kafka', p.props], {
        cwd: p.dir,
        detached: true, // own process group: outlives this node process
        stdio: ['ignore', out, out],
      });
    } finally {
      fs.closeSync(out);
    }
    const exited: { code: number | null; signal: NodeJS.Signals | null } | { error: Error } | null = await new Promise((resolve) => {
      child.once('error', (error) => resolve({ error }));
      child.once('spawn', () => resolve(null));
    });
    if (exited && 'error' in exited) throw new Error(`kafka launcher: could not start ${java}: ${exited.error.message}`);
    const pid = child.pid as number;
    const exitInfo: { v: string | null } = { v: null };
    child.once('exit', (code, signal) => (exitInfo.v = `exit code ${code ?? signal}`));
    child.unref();

    const state: State = { pid, port, controllerPort, version: KAFKA_VERSION, startedAt: new Date().toISOString() };
    await fsp.writeFile(p.pid, `${pid}\n`);
    await fsp.writeFile(p.state, JSON.stringify(state, null, 2) + '\n');
    log(`kafka: started pid ${pid}, waiting for ${HOST}:${port} (log: ${p.serverLog})`);
    const t0 = Date.now();
    const st = await waitReady(p, pid, port, timeoutMs, exitInfo);
    log(`kafka: ready at ${st.brokers} after ${((Date.now() - t0) / 1000).toFixed(1)} s`);
    return st;
  });
}

/** Polls until the broker answers a Metadata request; on failure kills it and throws with the log tail. */
async function waitReady(p: Paths, pid: number, port: number, timeoutMs: number, exitInfo: { v: string | null } | null): Promise<KafkaStatus> {
  const deadline = Date.now() + timeoutMs;
  let why = `did not answer on ${HOST}:${port} within ${timeoutMs / 1000} s`;
  for (;;) {
    if (exitInfo?.v || !isAlive(pid)) {
      why = `exited during startup (${exitInfo?.v ?? 'process gone'})`;
      break;
    }
    if (await brokerReady(port, 2000)) {
      return { running: true, pid, brokers: `${HOST}:${port}`, version: readState(p)?.version ?? KAFKA_VERSION };
    }
    if (Date.now() > deadline) break;
    await sleep(250);
  }
  if (isAlive(pid)) await killHard(pid);
  await removeRunFiles(p);
  throw new Error(`kafka launcher: broker (pid ${pid}) ${why}. Tail of ${p.serverLog}:\n${await tailOf(p.serverLog)}`);
}

export async function stopKafka(o: KafkaLauncherOptions): Promise<void> {
  const log = o.log ?? ((): void => {});
  const p = pathsOf(o);
  const pid = readPid(p) ?? readState(p)?.pid ?? null;
  if (pid === null) return;
  if (!isOurBroker(pid, p)) {
    await removeRunFiles(p);
    return;
  }
  log(`kafka: stopping pid ${pid}`);
  try {
    process.kill(pid, 'SIGTERM');
  } catch {
    /* gone already */
  }
  if (!(await waitForExit(pid, STOP_GRACE_MS))) {
    log(`kafka: pid ${pid} still alive after ${STOP_GRACE_MS / 1000} s, sending SIGKILL`);
    await killHard(pid);
  }
  if (isAlive(pid)) throw new Error(`kafka launcher: could not stop broker pid ${pid}`);
  await removeRunFiles(p);
}
