/**
 * What the daemon hands the reports server besides its logger and clock: the database it reads
 * (the daemon's own sink, or a read-only one on `reports.databaseUrl`) and the Kafka gauges of the
 * dashboard, adapted from the bus's view.
 */
import { createGaugeSampler, type PipelineGauges, type ReportsDeps } from '../reports/index.js';
import { cachedRefresh } from '../runtime/cached-refresh.js';
import type { Config } from '../runtime/config.js';
import { IntakeError } from '../runtime/errors.js';
import type { KafkaView } from '../runtime/kafka/view.js';
import type { Logger } from '../runtime/logger.js';
import { openSinkReader, type Sink } from '../sink/index.js';
import { readerOptionsOf } from './sink-options.js';

/** A consumer group this daemon runs, with the topics it reads. */
export interface WatchedGroup { group: string; topics: string[] }

/** The consumer groups of the stages this configuration runs in the daemon. */
export function watchedGroups(config: Config): WatchedGroup[] {
  const { topics } = config.kafka;
  const twilio = config.connectors.twilio;
  const acks = config.acknowledgements;
  return [
    ...(config.normalizer.enabled ? [{ group: config.normalizer.consumerGroup, topics: [topics.raw] }] : []),
    ...(twilio.enabled && twilio.media.workers ? [{ group: twilio.media.consumerGroup, topics: [topics.media] }] : []),
    ...(config.transcription.enabled ? [{ group: config.transcription.consumerGroup, topics: [topics.transcription] }] : []),
    ...(config.ocr.enabled ? [{ group: config.ocr.consumerGroup, topics: [topics.ocr] }] : []),
    ...(acks.email.enabled ? [{ group: acks.email.consumerGroup, topics: [topics.crm, topics.needsInfo] }] : []),
    ...(acks.sms.enabled ? [{ group: acks.sms.consumerGroup, topics: [topics.crm, topics.needsInfo] }] : []),
  ];
}

/** How long one reading of the lag serves every screen asking (each asks every 10 s), ms. */
const LAG_TTL_MS = 5_000;
const LAG_TIMEOUT_MS = 3_000;

/**
 * The dashboard's gauges over the bus's view: dead letters written, and lag summed per group, read
 * at most once per 5 s however many screens ask.
 */
export function kafkaGauges(view: Pick<KafkaView, 'topicOffsets' | 'groupLag'>, deadLetterTopic: string, groups: readonly WatchedGroup[]): PipelineGauges {
  const lag = cachedRefresh(async () => {
    const lags = await Promise.all(groups.map(async ({ group, topics }) => {
      const rows = await view.groupLag(group, topics);
      return [group, rows.reduce((sum, row) => sum + Math.max(0, row.lag), 0)] as const;
    }));
    return Object.fromEntries(lags);
  }, { ttlMs: LAG_TTL_MS, timeoutMs: LAG_TIMEOUT_MS });
  return {
    async deadLetterTotal() {
      const [topic] = await view.topicOffsets([deadLetterTopic]);
      return (topic?.partitions ?? []).reduce((sum, p) => sum + Number(p.end), 0);
    },
    async consumerLag() {
      const read = await lag.get();
      if (read === null) throw new IntakeError('INTAKE_KAFKA_UNAVAILABLE', 'the consumer lag could not be read from Kafka in time');
      return read;
    },
  };
}

/**
 * @throws IntakeError INTAKE_DB_NOT_MIGRATED, INTAKE_DB_UNAVAILABLE when `reports.databaseUrl` is
 *   set and its database cannot be read
 */
export async function reportsDeps(config: Config, from: { sink: Sink; view: KafkaView; logger: Logger; now: () => Date }): Promise<{ deps: Pick<ReportsDeps, 'sink' | 'kafka'>; close: () => Promise<void> }> {
  // The daemon has migrated its database by now, so the reader's check passes unless
  // reports.databaseUrl names another database.
  const reader = config.reports.databaseUrl === null ? null : await openSinkReader(readerOptionsOf(config));
  const log = from.logger.child({ component: 'reports' });
  const gauges = kafkaGauges(from.view, config.kafka.topics.deadLetter, watchedGroups(config));
  const sampler = createGaugeSampler(gauges, {
    now: from.now,
    onError: (error) => log.warn({ err: { code: (error as { code?: unknown }).code, name: (error as Error).name } }, 'Kafka gauges unreadable; the dashboard shows a gap'),
  });
  return {
    deps: { sink: reader ?? from.sink, kafka: { gauges, sampler } },
    close: async () => { await reader?.close(); },
  };
}
