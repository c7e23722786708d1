/**
 * Warms a fresh broker before anything is measured. Its first consumer group creates
 * `__consumer_offsets` (seconds on this machine), and its JVM runs slowly until the JIT has seen
 * some produce and fetch requests. Without the warm-up, both costs land in the daemon's first
 * seconds and would be charged to the daemon.
 */
import { Partitioners, type Kafka } from 'kafkajs';
import { cleanup, createRunTopics } from './infra.js';

/**
 * Produces `messages` small messages to a throwaway topic, consumes them all in a throwaway group,
 * then deletes both. Gives up after `timeoutMs`.
 * @throws when the messages are not consumed in time
 */
export async function warmBroker(kafka: Kafka, name: string, messages = 5000, timeoutMs = 90_000): Promise<void> {
  const topic = `${name}.warmup`;
  const groupId = `${name}-warmup`;
  const admin = kafka.admin();
  const producer = kafka.producer({ idempotent: true, maxInFlightRequests: 1, createPartitioner: Partitioners.DefaultPartitioner });
  const consumer = kafka.consumer({ groupId, sessionTimeout: 10_000, heartbeatInterval: 3000, allowAutoTopicCreation: false });
  await admin.connect();
  try {
    await createRunTopics(admin, [topic], 3);
    await producer.connect();
    for (let i = 0; i < messages; i += 500) {
      const count = Math.min(500, messages - i);
      await producer.send({ topic, acks: -1, messages: Array.from({ length: count }, (_, k) => ({ key: String(i + k), value: `warm-up message ${i + k}` })) });
    }
    let seen = 0;
    let allSeen: () => void = () => undefined;
    const done = new Promise<void>((ok) => { allSeen = ok; });
    await consumer.connect();
    await consumer.subscribe({ topics: [topic], fromBeginning: true });
    await consumer.run({
      eachBatch: async ({ batch }) => {
        seen += batch.messages.length;
        if (seen >= messages) allSeen();
        await Promise.resolve();
      },
    });
    let timer: NodeJS.Timeout | undefined;
    await Promise.race([
      done,
      new Promise<never>((_, reject) => { timer = setTimeout(() => reject(new Error(`broker warm-up: ${seen}/${messages} consumed after ${timeoutMs / 1000} s`)), timeoutMs); }),
    ]).finally(() => clearTimeout(timer));
  } finally {
    await cleanup('warm-up consumer', () => consumer.disconnect());
    await cleanup('warm-up producer', () => producer.disconnect());
    await cleanup('warm-up group', () => admin.deleteGroups([groupId]));
    await cleanup('warm-up topic', () => admin.deleteTopics({ topics: [topic], timeout: 10_000 }));
    await cleanup('warm-up admin', () => admin.disconnect());
  }
}
