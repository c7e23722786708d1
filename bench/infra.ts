/**
 * The benchmark's infrastructure: the brokers of KAFKA_BROKERS or a local broker of its own
 * (own state dir and port, so it never meets the test-suite's or the daemon's), PostgreSQL at
 * DATABASE_URL, and clean-up helpers that cannot hang the run.
 */
import { randomBytes } from 'node:crypto';
import { resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import type { Admin } from 'kafkajs';
import pg from 'pg';
import { startKafka, stopKafka, type KafkaLauncherOptions } from '../infra/kafka/launcher.js';

export const repoRoot = fileURLToPath(new URL('../../', import.meta.url));
export const databaseUrl = process.env.DATABASE_URL ?? 'postgres://postgres@127.0.0.1:5432/test';

/** Progress goes to stderr, so that `--json` leaves stdout to the result. */
export function note(message: string): void {
  process.stderr.write(`[bench] ${message}\n`);
}

/** A lower-case name unique to this run: a topic prefix, a consumer-group prefix and a schema name. */
export function runId(): string {
  return `bench_${randomBytes(4).toString('hex')}`;
}

const localKafka: KafkaLauncherOptions = {
  dir: resolve(repoRoot, '.intake/bench/kafka'),
  port: 19392,
  // The jars the daemon and tests already fetched, instead of a second download next to the state dir.
  cacheDir: resolve(repoRoot, '.intake/cache'),
  log: (msg) => note(msg),
};

/** KAFKA_BROKERS, or a local broker started for this run (stopped by `stop`). */
export async function benchBrokers(): Promise<{ brokers: string[]; local: boolean; stop: () => Promise<void> }> {
  const configured = process.env.KAFKA_BROKERS;
  if (configured) return { brokers: configured.split(',').map((s) => s.trim()).filter(Boolean), local: false, stop: async () => undefined };
  let started = false;
  try {
    const status = await startKafka(localKafka);
    started = true;
    return { brokers: [status.brokers ?? `127.0.0.1:${localKafka.port}`], local: true, stop: () => stopKafka(localKafka) };
  } finally {
    // A start that failed half-way (e.g. timed out) may still have left a process behind.
    if (!started) await stopKafka(localKafka).catch(() => undefined);
  }
}

/** Drops the run's schema and everything in it. */
export async function dropSchema(schema: string): Promise<void> {
  if (!/^[a-z_][a-z0-9_]{0,62}$/.test(schema)) throw new Error(`not a plain schema name: ${schema}`);
  const client = new pg.Client({ connectionString: databaseUrl, connectionTimeoutMillis: 5000 });
  await client.connect();
  try {
    await client.query(`DROP SCHEMA IF EXISTS ${schema} CASCADE`);
  } finally {
    await client.end();
  }
}

/** Runs a clean-up step, reporting rather than throwing, and giving up after `ms`. */
export async function cleanup(what: string, step: () => Promise<unknown>, ms = 30_000): Promise<void> {
  let timer: NodeJS.Timeout | undefined;
  try {
    await Promise.race([
      step(),
      new Promise((_, reject) => { timer = setTimeout(() => reject(new Error(`timed out after ${ms} ms`)), ms); }),
    ]);
  } catch (error) {
    note(`clean-up of ${what} failed: ${(error as Error).message}`);
  } finally {
    clearTimeout(timer);
  }
}

/**
 * Creates the run's topics, trying again on a retriable error for up to a minute: a broker busy
 * with the previous run's deletions answers "does not host this topic-partition" for a while, as
 * the daemon's own topic set-up allows for.
 */
export async function createRunTopics(admin: Admin, topics: readonly string[], partitions: number): Promise<void> {
  const until = Date.now() + 60_000;
  for (let wait = 250; ; wait = Math.min(wait * 2, 5000)) {
    try {
      await admin.createTopics({ waitForLeaders: true, topics: topics.map((topic) => ({ topic, numPartitions: partitions, replicationFactor: 1 })) });
      return;
    } catch (error) {
      if ((error as { retriable?: unknown } | null)?.retriable !== true || Date.now() + wait > until) throw error;
      note(`topic set-up: ${(error as Error).message}; trying again in ${wait} ms`);
      await new Promise((r) => setTimeout(r, wait));
    }
  }
}
