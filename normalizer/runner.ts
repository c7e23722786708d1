/**
 * The Kafka side of the normalizer: consume raw items in a consumer group, decide, write through the
 * sink, publish the outcome, and only then let the offset be committed. A redelivered item is
 * recorded once because the sink is idempotent on the item id.
 */
import type { Outcome } from '../schemas/types.generated.js';
import type { Sink } from '../sink/index.js';
import { isRetriable } from '../runtime/errors.js';
import type { Bus, IncomingMessage, Publisher, Subscription } from '../runtime/kafka/types.js';
import { outcomeTopic, type TopicNames } from '../runtime/kafka/topics.js';
import type { Logger } from '../runtime/logger.js';
import { retry, type RetryOptions } from '../runtime/retry.js';
import { defaultCatalogue } from './catalogue/index.js';
import { deadLetter } from './dead-letter.js';
import { decideItem } from './decide-item.js';
import { readRawItem } from './read-raw-item.js';

export interface NormalizerOptions {
  bus: Bus;
  publisher: Publisher;
  sink: Sink;
  topics: TopicNames;
  groupId: string;
  sessionTimeoutMs: number;
  duplicateWindowHours: number;
  logger: Logger;
  retry: Omit<RetryOptions, 'signal' | 'onRetry'>;
  now: () => Date;
  /** The consumer crashed beyond kafkajs's own restarts: the process should end and be restarted. */
  onFatal?: (error: Error) => void;
  /** The consumer joined its group (again) and consumes. */
  onJoin?: () => void;
  /** The consumer crashed and is rejoining on its own. */
  onRejoining?: () => void;
}

export interface NormalizerHandle { stop(): Promise<void> }

/** Subscribes and resolves at once; joining the group goes on in the background and ends in `onJoin`. */
export async function startNormalizer(o: NormalizerOptions): Promise<NormalizerHandle> {
  const log = o.logger.child({ component: 'normalizer' });
  const stopping = new AbortController();
  const retrying = { ...o.retry, signal: stopping.signal };

  async function process(message: IncomingMessage): Promise<void> {
    const started = performance.now();
    const item = readRawItem(message.value);
    const onRetry = (error: unknown, attempt: number, delayMs: number): void =>
      log.warn({ itemId: item.itemId, attempt, delayMs, code: (error as { code?: string }).code }, 'retrying');
    // The registry and duplicate lookups read the database too, so they retry like the write.
    const decision = await retry(() => decideItem(item, o.sink, { catalogue: defaultCatalogue, duplicateWindowHours: o.duplicateWindowHours }), { ...retrying, onRetry });
    const recorded = await retry(() => o.sink.record(decision, o.now()), { ...retrying, onRetry });
    // A redelivery may decide differently (the registry changed since); the outcome tells what was recorded.
    const stored = recorded.firstWrite ? null : await retry(() => o.sink.get(item.itemId), { ...retrying, onRetry });
    const outcome: Outcome = { schemaVersion: 1, decision: stored?.decision ?? decision, ...recorded };
    await retry(
      () => o.publisher.publish(outcomeTopic(o.topics, outcome.decision.kind), [{ key: item.itemId, value: JSON.stringify(outcome), headers: { schema: 'outcome/1' } }]),
      { ...retrying, onRetry },
    );
    log.info(
      { itemId: item.itemId, channel: item.channel, kind: outcome.decision.kind, emergency: outcome.decision.emergency, reasons: outcome.decision.reasons, applicationNumber: recorded.applicationNumber, linkedTo: outcome.decision.linkedTo?.itemId ?? null, firstWrite: recorded.firstWrite, ms: Math.round(performance.now() - started) },
      'decided',
    );
  }

  async function handle(message: IncomingMessage): Promise<void> {
    try {
      await process(message);
    } catch (error) {
      // Retriable means the database or Kafka is down: throwing makes kafkajs redeliver, which is right,
      // since nothing after this message could be written either.
      if (isRetriable(error)) throw error;
      log.error({ topic: message.topic, partition: message.partition, offset: message.offset, code: (error as { code?: string }).code ?? 'INTAKE_INTERNAL' }, 'dead-lettered');
      await retry(() => o.publisher.publish(o.topics.deadLetter, [deadLetter(message, error)]), retrying);
    }
  }

  const subscription: Subscription = await o.bus.subscribe({
    groupId: o.groupId,
    sessionTimeoutMs: o.sessionTimeoutMs,
    topics: [o.topics.raw],
    handleBatch: async (messages) => {
      for (const message of messages) await handle(message);
    },
    onFatal: (error) => {
      log.fatal({ err: { message: error.message } }, 'consumer crashed for good');
      o.onFatal?.(error);
    },
    onJoin: () => {
      log.info({ groupId: o.groupId }, 'joined the group');
      o.onJoin?.();
    },
    ...(o.onRejoining ? { onRejoining: o.onRejoining } : {}),
  });
  log.info({ groupId: o.groupId, topic: o.topics.raw }, 'joining the group');
  return {
    async stop() {
      stopping.abort();
      await subscription.stop();
    },
  };
}
