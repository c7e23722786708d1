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
import { decideAll, linkBatch, type BatchDecision, type BatchOptions } from './decide-batch.js';
import type { RecordingTurns } from './recording-turns.js';
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
  /** Shared by the batches of all partitions, which are decided at once but recorded in turn. */
  turns: RecordingTurns;
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

interface Decided { read: Read; decision: Decision; unlinked: Decision }

/** Whether `d` repeats a complaint whose first record, in the same batch, could not be recorded. */
function linkedToFailed(d: Decided, failed: ReadonlySet<string>): boolean {
  const target = d.decision.linkedTo;
  return target !== null && target.applicationNumber === null && failed.has(target.itemId);
}

/** Records the decisions together; when the database refuses the batch, each alone, to find the one it refuses. */
async function recordOrIsolate(c: BatchContext, decided: readonly Decided[], failures: Failure[]): Promise<Array<{ read: Read; recorded: Recorded }>> {
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
  const failed = new Set<string>();
  for (const d of decided) {
    // A repeat of a refused first record is no repeat: it is recorded and numbered as itself.
    const recorded = await recordOrIsolate(c, [linkedToFailed(d, failed) ? { ...d, decision: d.unlinked } : d], failures);
    if (recorded.length === 0) failed.add(d.decision.itemId);
    alone.push(...recorded);
  }
  return alone;
}

/** Decides the batch's items, links them and records them, in the batch's recording turn. */
async function decideAndRecord(c: BatchContext, reads: readonly Read[], failures: Failure[], retrying: RetryOptions): Promise<{ recorded: Array<{ read: Read; recorded: Recorded }>; decideSeconds: number; recordSeconds: number }> {
  const started = performance.now();
  const decideRead = (): Promise<BatchDecision[]> => retry(() => decideAll(reads.map((r) => r.item), c.store, c.options), retrying);
  const registryVersion = c.turns.registryVersion;
  // The look-ups read the database too, so they retry like the write.
  const early = await decideRead();
  const decidedMs = performance.now() - started;
  // Deciding a batch of long texts takes a while: the group hears from us before the wait for the turn.
  await c.heartbeat();
  return c.turns.take(async () => {
    const turnStarted = performance.now();
    const decisions = c.turns.registryVersion === registryVersion ? early : await decideRead();
    const linked = await retry(() => linkBatch(decisions, c.store, c.options.duplicateWindowHours), retrying);
    // The wait for the turn is neither deciding nor recording.
    const decideSeconds = (decidedMs + performance.now() - turnStarted) / 1000;
    const decided: Decided[] = [];
    linked.forEach((result, i) => {
      const read = reads[i] as Read;
      const before = decisions[i];
      if (result.ok && before?.ok === true) decided.push({ read, decision: result.decision, unlinked: before.decision });
      else if (!result.ok) failures.push({ message: read.message, error: result.error });
    });
    const recordStarted = performance.now();
    const recorded = decided.length === 0 ? [] : await recordOrIsolate(c, decided, failures);
    if (recorded.some(({ recorded: r }) => r.firstWrite && (r.decision.registry.updates.phone !== undefined || r.decision.registry.updates.email !== undefined))) c.turns.registryChanged();
    return { recorded, decideSeconds, recordSeconds: (performance.now() - recordStarted) / 1000 };
  });
}

export async function processBatch(c: BatchContext, messages: readonly IncomingMessage[]): Promise<void> {
  const started = performance.now();
  const failures: Failure[] = [];
  const reads: Read[] = [];
  for (const message of messages) {
    try {
      reads.push({ message, item: readRawItem(message.value) });
    } catch (error) {
      failures.push({ message, error });
    }
  }
  const retrying = retryingFor(c, messages.length);
  const { recorded, decideSeconds, recordSeconds } = reads.length === 0 ? { recorded: [], decideSeconds: 0, recordSeconds: 0 } : await decideAndRecord(c, reads, failures, retrying);
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
  for (const { message, error } of failures) {
    c.log.error({ topic: message.topic, partition: message.partition, offset: message.offset, code: codeOf(error) }, 'dead-lettered');
    const letter = deadLetter(message, error);
    await retry(() => c.publisher.publish(c.topics.deadLetter, [letter]), c.retrying);
    c.metrics?.deadLettered(letter.headers?.['x-error-code'] ?? 'INTAKE_INTERNAL', 'normalizer');
  }
}
