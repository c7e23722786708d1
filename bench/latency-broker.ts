/**
 * The Kafka broker of one latency or backlog run (shared by bench/e2e-latency.ts and
 * bench/backlog.ts): KAFKA_BROKERS when set (loopback only), else a fresh single-node broker in a
 * state dir of the run's own on free ports. Other sessions share the bench broker on 19392; a
 * broker nobody else knows about is one this run can stop at the end without stopping theirs.
 */
import { rmSync } from 'node:fs';
import { resolve } from 'node:path';
import { startKafka, stopKafka, type KafkaLauncherOptions } from '../infra/kafka/launcher.js';
import { repoRoot } from './infra.js';
import { freePort } from './cli.js';

export interface RunBroker {
  brokers: string[];
  /** For the report: which cluster, and whether this run started it. */
  describe: string;
  /** Stops the broker this run started and removes its state dir; a no-op for KAFKA_BROKERS. */
  release: () => Promise<void>;
}

const loopback = new Set(['127.0.0.1', 'localhost', '::1', '[::1]']);

/** The benches flood what they point at: they refuse anything off this machine. */
export function assertLoopback(what: string, host: string): void {
  if (!loopback.has(host)) throw new Error(`${what} is on ${host}; this bench talks to 127.0.0.1 only`);
}


/** Broker pids started here and not yet stopped: killed if the bench dies without its `finally`. */
const started = new Set<number>();
process.on('exit', () => {
  for (const pid of started) {
    try { process.kill(pid, 'SIGKILL'); } catch { /* gone already */ }
  }
});

/**
 * KAFKA_BROKERS, or a broker started for `runId` under `.intake/bench/<runId>-kafka` (the jars come
 * from the shared cache `.intake/cache`, so nothing is downloaded twice).
 * @throws when KAFKA_BROKERS names another host, or the broker does not start (the launcher's error)
 */
export async function runBroker(runId: string, log: (msg: string) => void): Promise<RunBroker> {
  const configured = process.env.KAFKA_BROKERS;
  if (configured) {
    const brokers = configured.split(',').map((s) => s.trim()).filter(Boolean);
    for (const b of brokers) assertLoopback('KAFKA_BROKERS', b.slice(0, b.lastIndexOf(':')));
    return { brokers, describe: `KAFKA_BROKERS ${brokers.join(',')}`, release: async () => undefined };
  }
  const options: KafkaLauncherOptions = {
    dir: resolve(repoRoot, '.intake/bench', `${runId}-kafka`),
    port: await freePort(),
    controllerPort: await freePort(),
    cacheDir: resolve(repoRoot, '.intake/cache'),
    log,
  };
  const release = async (): Promise<void> => {
    await stopKafka(options);
    started.clear();
    rmSync(options.dir, { recursive: true, force: true });
  };
  try {
    const status = await startKafka(options);
    if (status.pid !== null) started.add(status.pid);
    const brokers = [status.brokers ?? `127.0.0.1:${options.port}`];
    return { brokers, describe: `own broker ${brokers.join(',')} (fresh, stopped at the end)`, release };
  } catch (error) {
    // A start that failed half-way (e.g. timed out) may still have left a process behind.
    await release().catch(() => undefined);
    throw error;
  }
}
