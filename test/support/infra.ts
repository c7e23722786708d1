/**
 * The real infrastructure for integration tests: the Kafka broker named by KAFKA_BROKERS, or one
 * launched locally for the run; the PostgreSQL of DATABASE_URL, or the local server on 127.0.0.1:5432.
 * Each run isolates itself with its own topic names, consumer group and database schema.
 */
import { randomBytes } from 'node:crypto';
import { fileURLToPath } from 'node:url';
import { resolve } from 'node:path';
import pg from 'pg';
import { startKafka, stopKafka } from '../../infra/kafka/launcher.js';

export const repoRoot = fileURLToPath(new URL('../../../', import.meta.url));
export const databaseUrl = process.env.DATABASE_URL ?? 'postgres://postgres@127.0.0.1:5432/test';

const localKafka = { dir: resolve(repoRoot, '.intake/test-e2e/kafka'), port: 19292 };

/** Brokers to test against; starts a local broker when none is configured. */
export async function testBrokers(): Promise<{ brokers: string[]; stop: () => Promise<void> }> {
  const configured = process.env.KAFKA_BROKERS;
  if (configured) return { brokers: configured.split(','), stop: async () => undefined };
  const status = await startKafka(localKafka);
  return { brokers: [status.brokers ?? `127.0.0.1:${localKafka.port}`], stop: () => stopKafka(localKafka) };
}

/** Stops the broker testBrokers launched, if it did: some suites leave it up for the next. */
export async function stopTestBroker(): Promise<void> {
  if (!process.env.KAFKA_BROKERS) await stopKafka(localKafka);
}

/** A name unique to this run, usable as a topic suffix and a PostgreSQL schema. */
export function runId(prefix: string): string {
  return `${prefix}_${randomBytes(4).toString('hex')}`;
}

/** Drops a run's PostgreSQL schema and everything in it. */
export async function dropSchema(schema: string): Promise<void> {
  const client = new pg.Client({ connectionString: databaseUrl });
  await client.connect();
  try {
    await client.query(`DROP SCHEMA IF EXISTS ${schema} CASCADE`);
  } finally {
    await client.end();
  }
}
