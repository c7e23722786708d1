/**
 * The Kafka side of the normalizer: consume raw items in a consumer group a fetched batch at a time
 * (process-batch), and only then let the offsets be committed. A redelivered item is recorded once
 * because the store is idempotent on the item id. Storage is reached through the port the
 * normalizer declares (store-port), which the sink implements.
 */
import type { Bus, Publisher, Subscription } from '../runtime/kafka/types.js';
import type { TopicNames } from '../runtime/kafka/topics.js';
import type { Logger } from '../runtime/logger.js';
import type { NormalizerMetrics } from '../runtime/metrics-ports.js';
import type { RetryOptions } from '../runtime/retry.js';
import { defaultCatalogue } from './catalogue/index.js';
import { processBatch } from './process-batch.js';
import { RecordingTurns } from './recording-turns.js';
import { warmUp } from './warm-up.js';
import type { DecisionStore } from './store-port.js';
import { loggedGroupEvents, type GroupEvents } from '../runtime/kafka/group-events.js';

export interface NormalizerOptions extends GroupEvents {
  bus: Bus;
  publisher: Publisher;
  store: DecisionStore;
  topics: TopicNames;
  groupId: string;
  sessionTimeoutMs: number;
  duplicateWindowHours: number;
  minFieldConfidence: number;
  /** Partitions whose batches are decided at once (config `normalizer.concurrentBatches`); 1 by default. */
  concurrentBatches?: number;
  logger: Logger;
  retry: Omit<RetryOptions, 'signal' | 'onRetry'>;
  now: () => Date;
  /** Outcomes, dead letters, decide and record times; absent in tests that do not look. */
  metrics?: NormalizerMetrics;
}

export interface NormalizerHandle { stop(): Promise<void> }

/** Subscribes and resolves at once; joining the group goes on in the background and ends in `onJoin`. */
export async function startNormalizer(o: NormalizerOptions): Promise<NormalizerHandle> {
  const log = o.logger.child({ component: 'normalizer' });
  const stopping = new AbortController();
  const options = { catalogue: defaultCatalogue, duplicateWindowHours: o.duplicateWindowHours, minFieldConfidence: o.minFieldConfidence };
  const turns = new RecordingTurns();

  const subscription: Subscription = await o.bus.subscribe({
    groupId: o.groupId,
    sessionTimeoutMs: o.sessionTimeoutMs,
    topics: [o.topics.raw],
    concurrentBatches: o.concurrentBatches ?? 1,
    handleBatch: (messages, control) => processBatch({
      store: o.store, publisher: o.publisher, topics: o.topics, options, retrying: { ...o.retry, signal: stopping.signal }, log, now: o.now, heartbeat: control.heartbeat, turns, metrics: o.metrics,
    }, messages),
    ...loggedGroupEvents(log, o.groupId, o),
  });
  log.info({ groupId: o.groupId, topic: o.topics.raw }, 'joining the group');
  // While the join is on the network; a failure costs only speed, so it is logged and let go.
  warmUp(defaultCatalogue, stopping.signal).catch((error: unknown) => log.warn({ code: (error as { code?: string } | null)?.code ?? 'INTAKE_INTERNAL' }, 'decide() warm-up failed'));
  return {
    async stop() {
      stopping.abort();
      await subscription.stop();
    },
  };
}
