/**
 * A run's own topics on the real broker, and writing to them. A broker that has just started
 * (another suite may have restarted it) can create a topic and still not serve it for a moment,
 * which fails a set-up once: these try again.
 */
import type { Bus, OutgoingMessage } from '../../runtime/kafka/types.js';
import { retry, type RetryOptions } from '../../runtime/retry.js';
import { waitFor } from './wait-for.js';

const patiently: RetryOptions = { attempts: 6, initialMs: 300, maxMs: 2000 };

/** Creates the topics and resolves once the broker answers for their offsets. */
export async function createTopics(bus: Bus, topics: readonly { name: string; partitions: number }[]): Promise<void> {
  await retry(() => bus.ensureTopics(topics.map((t) => ({ ...t, replicationFactor: 1 }))), patiently);
  // The broker learns of a new topic a moment after the controller made it (KRaft).
  await waitFor('the broker to serve the new topics', () => bus.view().topicOffsets(topics.map((t) => t.name)), 15_000);
}

/** Publishes a test's messages, again if the broker was not ready. */
export async function publishTo(bus: Bus, topic: string, messages: OutgoingMessage[]): Promise<void> {
  const publisher = bus.publisher();
  try {
    await retry(() => publisher.publish(topic, messages), patiently);
  } finally {
    await publisher.close();
  }
}
