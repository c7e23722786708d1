/**
 * Reading a topic as an onlooker (`intake peek`, `intake dlq`). kafkajs reads only through a
 * consumer group, so the browse takes a group of its own, named at random, never commits, and
 * deletes the group when it ends: no real group's position is touched, and nothing is left behind.
 */
import { randomUUID } from 'node:crypto';
import { setTimeout as delay } from 'node:timers/promises';
import type { Admin, Kafka } from 'kafkajs';
import { IntakeError } from '../errors.js';
import { browsePlan, planDone } from './browse-plan.js';
import { headersOf } from './headers.js';
import type { BrowsedMessage, BrowseOptions } from './types.js';
import type { KafkaView } from './view.js';

/** A browse's group: recognisable in `intake topics` while it runs. */
export const BROWSE_GROUP_PREFIX = 'intake-browse-';

/** While the reader holds messages, the fetch loop still tells the coordinator it is alive this often. */
const HEARTBEAT_WHILE_HELD_MS = 1000;

export interface BrowseDeps {
  kafka: Kafka;
  view: KafkaView;
  admin: () => Promise<Admin>;
}

function unavailable(topic: string, cause: unknown): IntakeError {
  return new IntakeError('INTAKE_KAFKA_UNAVAILABLE', `Kafka browse of ${topic} failed: ${(cause as Error)?.message ?? String(cause)}`, { cause });
}

/** See `Bus.browse`. */
export async function* browseTopic(deps: BrowseDeps, o: BrowseOptions): AsyncGenerator<BrowsedMessage, void, undefined> {
  if (o.signal?.aborted) return;
  const [offsets] = await deps.view.topicOffsets([o.topic]);
  if (offsets === undefined) return;
  const plans = new Map(browsePlan(offsets, o.start, o.follow === true).map((plan) => [plan.partition, plan]));
  // The next offset to hand over, per partition: a message below it (a fetch from before the seek
  // took effect, a rewind after a rebalance) is never handed over twice.
  const next = new Map([...plans.values()].map((plan) => [plan.partition, plan.from]));
  const done = (partition: number): boolean => {
    const plan = plans.get(partition);
    return plan === undefined || planDone(plan, next.get(partition) ?? plan.from);
  };
  const allDone = (): boolean => [...plans.keys()].every(done);
  if (allDone()) return;

  const groupId = `${BROWSE_GROUP_PREFIX}${randomUUID()}`;
  const consumer = deps.kafka.consumer({
    groupId, sessionTimeout: 10_000, heartbeatInterval: 3000, maxWaitTimeInMs: 250, allowAutoTopicCreation: false,
    retry: { retries: 3, initialRetryTime: 200, maxRetryTime: 2000, restartOnFailure: async () => false },
  });

  // The hand-over between kafkajs's fetch loop (producer) and the caller's loop (consumer).
  const ready: BrowsedMessage[] = [];
  let failure: unknown = null;
  let ended = false;
  let wakeReader: () => void = () => undefined;
  let wakeFetch: () => void = () => undefined;
  const readerWakes = (): void => { const wake = wakeReader; wakeReader = () => undefined; wake(); };
  const fetchWakes = (): void => { const wake = wakeFetch; wakeFetch = () => undefined; wake(); };
  const end = (): void => { ended = true; readerWakes(); fetchWakes(); };
  o.signal?.addEventListener('abort', end, { once: true });
  consumer.on(consumer.events.CRASH, (event) => {
    if (ended) return;
    failure = event.payload.error;
    end();
  });

  try {
    try {
      await consumer.connect();
      await consumer.subscribe({ topics: [o.topic], fromBeginning: true });
    } catch (error) {
      throw unavailable(o.topic, error);
    }
    const running = consumer.run({
      autoCommit: false,
      eachBatch: async ({ batch, heartbeat }) => {
        const plan = plans.get(batch.partition);
        if (plan === undefined || ended || done(batch.partition)) return;
        for (const m of batch.messages) {
          const offset = Number(m.offset);
          if (offset < (next.get(batch.partition) ?? plan.from) || (plan.end !== null && offset >= plan.end)) continue;
          ready.push({
            topic: batch.topic, partition: batch.partition, offset: m.offset, key: m.key ? m.key.toString('utf8') : null, value: m.value,
            headers: headersOf(m.headers as Record<string, unknown> | undefined), timestamp: new Date(Number(m.timestamp)).toISOString(),
          });
          next.set(batch.partition, offset + 1);
        }
        if (done(batch.partition)) consumer.pause([{ topic: o.topic, partitions: [batch.partition] }]);
        readerWakes();
        // Back-pressure: the next fetch waits until the caller has taken these.
        while (ready.length > 0 && !ended) {
          await Promise.race([new Promise<void>((resolve) => { wakeFetch = resolve; }), delay(HEARTBEAT_WHILE_HELD_MS, undefined, { ref: false })]);
          await heartbeat();
        }
      },
    });
    // run() has created the group's state synchronously: seeks and pauses may be given now, and
    // take effect on the first fetch after the group is joined.
    for (const plan of plans.values()) {
      if (done(plan.partition)) consumer.pause([{ topic: o.topic, partitions: [plan.partition] }]);
      else consumer.seek({ topic: o.topic, partition: plan.partition, offset: String(plan.from) });
    }
    try {
      await running;
    } catch (error) {
      throw unavailable(o.topic, error);
    }
    for (;;) {
      const message = ready.shift();
      if (message !== undefined) {
        if (ready.length === 0) fetchWakes();
        yield message;
        continue;
      }
      if (failure !== null) throw unavailable(o.topic, failure);
      if (ended || allDone()) return;
      await new Promise<void>((resolve) => { wakeReader = resolve; });
    }
  } finally {
    ended = true;
    fetchWakes();
    o.signal?.removeEventListener('abort', end);
    await consumer.disconnect().catch(() => undefined);
    // Nothing was committed, so the broker may have dropped the empty group already.
    await deps.admin().then((admin) => admin.deleteGroups([groupId])).catch(() => undefined);
  }
}
