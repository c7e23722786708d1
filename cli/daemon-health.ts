/**
 * The daemon's health and metrics wiring: which stages are disabled from the start, the periodic
 * checks behind `/readyz`'s `kafka` and `database`, and what `/metrics` reads at scrape time
 * (consumer lag of the configured groups, records open past their deadline).
 */
import type { Config } from '../runtime/config.js';
import { IntakeError } from '../runtime/errors.js';
import { startHealthProbe, type HealthProbe } from '../runtime/health-probe.js';
import type { KafkaView } from '../runtime/kafka/view.js';
import type { Logger } from '../runtime/logger.js';
import { createMetrics, type IntakeMetrics, type OpenPastDeadlineSource } from '../runtime/metrics.js';
import type { Readiness } from '../runtime/readiness.js';

/** How often Kafka and the database are checked, and how long a check may take. */
export const PROBE_INTERVAL_MS = 10_000;
export const PROBE_TIMEOUT_MS = 5_000;

const codeOf = (error: unknown): string => (error instanceof IntakeError ? error.code : (error as Error | null)?.name ?? 'Error');

/** Whether this process runs the media workers: they fetch with the account's credentials, so they need them. */
export function runsMediaWorkers(config: Config): boolean {
  const twilio = config.connectors.twilio;
  return twilio.media.workers && twilio.accountSid !== null && twilio.authToken !== null;
}

/** The metrics, reading `readiness`; scrape-time read failures are logged by code. */
export function daemonMetrics(readiness: Readiness, logger: Logger): IntakeMetrics {
  const log = logger.child({ component: 'metrics' });
  return createMetrics({ readiness, onCollectError: (what, error) => log.warn({ what, code: codeOf(error) }, 'scrape-time read failed; left out of this scrape') });
}

/** Marks the stages this configuration does not run as disabled, before anything starts. */
export function markDisabledStages(config: Config, readiness: Readiness): void {
  if (!config.normalizer.enabled) readiness.set('normalizer', 'disabled');
  if (!config.transcription.enabled) readiness.set('transcription', 'disabled');
  if (!config.ocr.enabled) readiness.set('ocr', 'disabled');
  if (!runsMediaWorkers(config)) readiness.set('media', 'disabled');
  if (!config.acknowledgements.email.enabled && !config.acknowledgements.sms.enabled) readiness.set('acknowledgements', 'disabled');
}

/**
 * Checks that the cluster answers (the raw topic's offsets: one metadata and one ListOffsets
 * request) and has `/metrics` read the consumer lag of the configured groups.
 */
export function watchKafka(view: KafkaView, config: Config, readiness: Readiness, metrics: IntakeMetrics): HealthProbe {
  const { topics } = config.kafka;
  const acknowledging = [config.acknowledgements.email, config.acknowledgements.sms].filter((a) => a.enabled);
  metrics.watchLag({
    source: view,
    groups: acknowledging.map((a) => ({ group: a.consumerGroup, topics: [topics.crm, topics.needsInfo] })),
    // The configured groups whether or not this process runs them: with roles, the queue is the cluster's.
    queues: {
      raw: { group: config.normalizer.consumerGroup, topic: topics.raw },
      ocr: { group: config.ocr.consumerGroup, topic: topics.ocr },
      transcription: { group: config.transcription.consumerGroup, topic: topics.transcription },
      media: { group: config.connectors.twilio.media.consumerGroup, topic: topics.media },
    },
  });
  return startHealthProbe({
    check: async () => { await view.topicOffsets([topics.raw]); },
    intervalMs: PROBE_INTERVAL_MS, timeoutMs: PROBE_TIMEOUT_MS,
    onResult: (ok) => readiness.set('kafka', ok ? 'ready' : 'failed'),
  });
}

/** Checks that the database answers, and has `/metrics` read the records open past their deadline. */
export function watchDatabase(sink: OpenPastDeadlineSource & { ping(): Promise<void> }, now: () => Date, readiness: Readiness, metrics: IntakeMetrics): HealthProbe {
  metrics.watchOpenPastDeadline(sink, now);
  return startHealthProbe({
    check: () => sink.ping(),
    intervalMs: PROBE_INTERVAL_MS, timeoutMs: PROBE_TIMEOUT_MS,
    onResult: (ok) => readiness.set('database', ok ? 'ready' : 'failed'),
  });
}
