// A real single-node Apache Kafka broker (KRaft, combined broker and controller) for
// development and tests, without Docker: jars from Maven Central, run on the machine's
// Java 17+. This file is the whole public API; README.md describes the state dir layout.

import fsp from 'node:fs/promises';
import { ensureKafkaJars, MAVEN_TIMEOUT_MS } from './maven-jars.js';
import { findJava } from './java.js';
import { isOurBroker, spawnBroker, stopBroker } from './broker-process.js';
import { log4jProperties } from './log4j-properties.js';
import { kafkaPaths, type KafkaPaths } from './paths.js';
import { assertPortsFree, HOST, resolvePorts } from './ports.js';
import { brokerReady, waitReady } from './readiness.js';
import { readState, recordedPid, removeRunFiles, writeRunFiles } from './run-files.js';
import { serverProperties } from './server-properties.js';
import { withStartLock } from './start-lock.js';
import { formatStorageIfNeeded } from './storage-format.js';
import { KAFKA_VERSION } from './version.js';

export { KAFKA_VERSION };

const DEFAULT_START_TIMEOUT_MS = 90_000;

/** Where and how to run the broker; only `dir` is required. */
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
  /** How long startKafka waits for the broker to answer (ms); default 90 s. */
  startTimeoutMs?: number;
}

/** The broker started from a state dir, as seen now. */
export interface KafkaStatus {
  /** A broker started from `dir` is alive and answers a Metadata request. */
  running: boolean;
  /** Pid of the broker process while it is alive (even if not answering yet), else null. */
  pid: number | null;
  /** Bootstrap servers (`127.0.0.1:<port>`) when running, else null. */
  brokers: string | null;
  /** Kafka version of that broker, from its state file; else {@link KAFKA_VERSION}. */
  version: string;
}

/**
 * Reports on the broker started from `o.dir`, without starting or stopping anything. The port
 * comes from the broker's state file, so a broker started with other options is still found.
 * @throws IntakeError INTAKE_INFRA_FAILED for invalid ports, only consulted when there is no state file
 */
export async function kafkaStatus(o: KafkaLauncherOptions): Promise<KafkaStatus> {
  const p = kafkaPaths(o.dir, o.cacheDir);
  const state = readState(p);
  const pid = recordedPid(p, state);
  const version = state?.version ?? KAFKA_VERSION;
  if (pid === null || !isOurBroker(pid, p.props)) return { running: false, pid: null, brokers: null, version };
  const port = state?.port ?? resolvePorts(o.port, o.controllerPort).port;
  const running = await brokerReady(port);
  return { running, pid, brokers: running ? `${HOST}:${port}` : null, version };
}

/**
 * Starts the broker for `o.dir` and resolves once it answers, or returns the one already
 * running from that dir (keeping its ports). Idempotent and serialised per dir, also across
 * processes. The first start downloads the jars with Maven (minutes at most); the broker is
 * detached and outlives this process until {@link stopKafka}.
 * @throws IntakeError INTAKE_INFRA_FAILED for invalid or busy ports, missing or old Java,
 *   missing Maven, a failed download or format, or a broker that exits or stays silent past
 *   `startTimeoutMs` (it is then killed; the message carries the tail of server.log)
 */
export async function startKafka(o: KafkaLauncherOptions): Promise<KafkaStatus> {
  const log = o.log ?? ((): void => {});
  const p = kafkaPaths(o.dir, o.cacheDir);
  const ports = resolvePorts(o.port, o.controllerPort);
  const timeoutMs = o.startTimeoutMs ?? DEFAULT_START_TIMEOUT_MS;
  await fsp.mkdir(p.dir, { recursive: true });

  // The lock may have to wait for another start's first jar download.
  return withStartLock(p.lock, MAVEN_TIMEOUT_MS + timeoutMs, async () => {
    const existingPid = recordedPid(p);
    if (existingPid !== null) {
      if (isOurBroker(existingPid, p.props)) {
        const port = readState(p)?.port ?? ports.port;
        await waitReady(p, existingPid, port, timeoutMs);
        const st = readyStatus(p, existingPid, port);
        if (port !== ports.port) log(`kafka: already running at ${st.brokers} (requested port ${ports.port} ignored)`);
        else log(`kafka: already running at ${st.brokers} (pid ${existingPid})`);
        return st;
      }
      log(`kafka: removing stale pid file (pid ${existingPid} is not running)`);
      await removeRunFiles(p);
    }

    await assertPortsFree(ports, p.dir);
    const java = await findJava();
    await ensureKafkaJars(p, log);
    await fsp.mkdir(p.data, { recursive: true });
    await fsp.writeFile(p.props, serverProperties(p.data, ports));
    await fsp.writeFile(p.log4j, log4jProperties('INFO'));
    await formatStorageIfNeeded(p, java, log);

    const broker = await spawnBroker(p, java);
    await writeRunFiles(p, { pid: broker.pid, ...ports, version: KAFKA_VERSION, startedAt: new Date().toISOString() });
    log(`kafka: started pid ${broker.pid}, waiting for ${HOST}:${ports.port} (log: ${p.serverLog})`);
    const t0 = Date.now();
    await waitReady(p, broker.pid, ports.port, timeoutMs, broker.exitReason);
    const st = readyStatus(p, broker.pid, ports.port);
    log(`kafka: ready at ${st.brokers} after ${((Date.now() - t0) / 1000).toFixed(1)} s`);
    return st;
  });
}

/**
 * Stops the broker started from `o.dir` (SIGTERM, SIGKILL after 30 s) and removes its pid and
 * state files. A no-op when none runs; pid files naming a dead or foreign process are removed.
 * @throws IntakeError INTAKE_INFRA_FAILED when the process survives SIGKILL
 */
export async function stopKafka(o: KafkaLauncherOptions): Promise<void> {
  const log = o.log ?? ((): void => {});
  const p = kafkaPaths(o.dir, o.cacheDir);
  const pid = recordedPid(p);
  if (pid === null) return;
  if (isOurBroker(pid, p.props)) await stopBroker(pid, log);
  await removeRunFiles(p);
}

function readyStatus(p: KafkaPaths, pid: number, port: number): KafkaStatus {
  return { running: true, pid, brokers: `${HOST}:${port}`, version: readState(p)?.version ?? KAFKA_VERSION };
}
