/**
 * One fetched batch, end to end: read every message, look up, decide and link (decide-batch), record in
 * one transaction, publish the outcomes, and only then return so the offsets are committed. A
 * message that cannot be read or decided, or whose row the database refuses, goes to the
 * dead-letter topic alone; the rest of its batch goes on. A database or Kafka outage throws after
 * the retries, so nothing is committed and the batch comes again.
 */
import type { Decision, Outcome, RawItem } from '../schemas/types.generated.js';
import { isRetriable } from '../runtime/errors.js';
import type { IncomingMessage, Publisher } from '../runtime/kafka/types.js';
import type { TopicNames } from '../runtime/kafka/topics.js';
import type { Logger } from '../runtime/logger.js';
import type { NormalizerMetrics } from '../runtime/metrics-ports.js';
import { retry, type RetryOptions } from '../runtime/retry.js';
import { deadLetter } from './dead-letter.js';
import { decideAll, linkPrefix, type BatchDecision, type BatchOptions } from './decide-batch.js';
import { outcomeSends } from './outcome-messages.js';
import { readRawItem } from './read-raw-item.js';
import type { DecisionStore, Recorded } from './store-port.js';

export interface BatchContext {
  store: DecisionStore;
  publisher: Publisher;
  topics: TopicNames;
  options: BatchOptions;
  retrying: Omit<RetryOptions, 'onRetry'>;
  log: Logger;
  now: () => Date;
  heartbeat: () => Promise<void>;
  /** Outcomes, dead letters, and the time each item spent being decided and recorded. */
  metrics?: NormalizerMetrics;
}

interface Read { message: IncomingMessage; item: RawItem }
type Failure = { message: IncomingMessage; error: unknown };

function codeOf(error: unknown): string {
  return (error as { code?: string } | null)?.code ?? 'INTAKE_INTERNAL';
}

/** The retry options, logging each retry with the number of items waiting on it. */
function retryingFor(c: BatchContext, items: number): RetryOptions {
  return { ...c.retrying, onRetry: (error, attempt, delayMs) => c.log.warn({ items, attempt, delayMs, code: codeOf(error) }, 'retrying') };
}

/** Records the decisions together; when the database refuses the batch, each alone, to find the one it refuses. */
async function recordOrIsolate(c: BatchContext, decided: Array<{ read: Read; decision: Decision }>, failures: Failure[]): Promise<Array<{ read: Read; recorded: Recorded }>> {
  try {
    const recorded = await retry(() => c.store.recordAll(decided.map((d) => d.decision), c.now()), retryingFor(c, decided.length));
    return decided.map((d, i) => ({ read: d.read, recorded: recorded[i] as Recorded }));
  } catch (error) {
    if (isRetriable(error)) throw error;
    const [only] = decided;
    if (decided.length === 1 && only !== undefined) {
      failures.push({ message: only.read.message, error });
      return [];
    }
  }
  const alone: Array<{ read: Read; recorded: Recorded }> = [];
  for (const d of decided) alone.push(...await recordOrIsolate(c, [d], failures));
  return alone;
}

export async function processBatch(c: BatchContext, messages: readonly IncomingMessage[]): Promise<void> {
  const started = performance.now();
  let decideStarted = started;
  const failures: Failure[] = [];
  let pending: Read[] = [];
  for (const message of messages) {
    try {
      pending.push({ message, item: readRawItem(message.value) });
    } catch (error) {
      failures.push({ message, error });
    }
  }
  const retrying = retryingFor(c, messages.length);
  // The look-ups read the database too, so they retry like the write.
  const decideRest = (reads: Read[]): Promise<BatchDecision[]> => retry(() => decideAll(reads.map((r) => r.item), c.store, c.options), retrying);
  let decisions = await decideRest(pending);
  while (pending.length > 0) {
    const batch = pending;
    const batchDecisions = decisions;
    const prefix = await retry(() => linkPrefix(batchDecisions, c.store, c.options.duplicateWindowHours), retrying);
    const decideSeconds = (performance.now() - decideStarted) / 1000;
    const decided: Array<{ read: Read; decision: Decision }> = [];
    prefix.results.forEach((result, i) => {
      const read = batch[i] as Read;
      if (result.ok) decided.push({ read, decision: result.decision });
      else failures.push({ message: read.message, error: result.error });
    });
    const recordStarted = performance.now();
    const recorded = decided.length === 0 ? [] : await recordOrIsolate(c, decided, failures);
    const recordSeconds = (performance.now() - recordStarted) / 1000;
    // A redelivery may decide differently (the registry changed since); the outcome tells what was recorded.
    const outcomes: Outcome[] = recorded.map(({ recorded: r }) => ({ schemaVersion: 1, decision: r.decision, applicationNumber: r.applicationNumber, recordedAt: r.recordedAt, firstWrite: r.firstWrite }));
    for (const send of outcomeSends(outcomes, c.topics)) await retry(() => c.publisher.publish(send.topic, send.messages), retrying);
    const ms = Math.round(performance.now() - started);
    for (const { read, recorded: r } of recorded) {
      const d = r.decision;
      c.log.info({ itemId: read.item.itemId, channel: read.item.channel, kind: d.kind, emergency: d.emergency, reasons: d.reasons, applicationNumber: r.applicationNumber, linkedTo: d.linkedTo?.itemId ?? null, firstWrite: r.firstWrite, batch: messages.length, ms }, 'decided');
      // Each item waited for its batch's look-ups and decisions, then for its batch's write.
      c.metrics?.observeStage('decide', decideSeconds);
      c.metrics?.observeStage('record', recordSeconds);
      if (r.firstWrite) c.metrics?.outcome(d.kind);
    }
    pending = batch.slice(prefix.consumed);
    if (pending.length === 0) break;
    await c.heartbeat();
    // A subscriber's new phone, written with the prefix, is what the rest must be decided against.
    const registryChanged = decided.some(({ decision: d }) => d.registry.updates.phone !== undefined || d.registry.updates.email !== undefined);
    decideStarted = performance.now();
    decisions = registryChanged ? await decideRest(pending) : batchDecisions.slice(prefix.consumed);
  }
  for (const { message, error } of failures) {
    c.log.error({ topic: message.topic, partition: message.partition, offset: message.offset, code: codeOf(error) }, 'dead-lettered');
    const letter = deadLetter(message, error);
    await retry(() => c.publisher.publish(c.topics.deadLetter, [letter]), c.retrying);
    c.metrics?.deadLettered(letter.headers?.['x-error-code'] ?? 'INTAKE_INTERNAL', 'normalizer');
  }
}
