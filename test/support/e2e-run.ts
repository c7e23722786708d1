/**
 * What the end-to-end suites' daemons share: a config file naming this run's topics, groups and
 * data dir (the suite adds its connectors), and an environment pointing at the test broker and
 * this run's database schema.
 */
import { writeFileSync } from 'node:fs';
import { join } from 'node:path';
import type { TopicNames } from '../../runtime/kafka/topics.js';
import { databaseUrl } from './infra.js';

export interface E2eRun { id: string; work: string; topics: TopicNames }

export function writeRunConfig(configFile: string, run: E2eRun, more: Record<string, unknown> = {}): void {
  writeFileSync(configFile, JSON.stringify({
    dataDir: join(run.work, 'data'),
    kafka: { topics: run.topics, partitions: 3 },
    normalizer: { consumerGroup: `${run.id}-normalizer`, sessionTimeoutMs: 10000 },
    transcription: { consumerGroup: `${run.id}-transcription` },
    ...more,
  }));
}

export function runEnv(id: string, brokers: readonly string[], more: Record<string, string> = {}): Record<string, string> {
  return { KAFKA_BROKERS: brokers.join(','), DATABASE_URL: databaseUrl, INTAKE_DB_SCHEMA: id, ...more };
}
