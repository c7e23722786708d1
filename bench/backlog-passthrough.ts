/**
 * The backlog bench's baseline, run as a process of its own like the daemon: a plain kafkajs
 * consumer that forwards each fetched batch to another topic in one send. No decision, no
 * database. The consumer and producer settings are our bus's (runtime/kafka/bus.ts): kafkajs's
 * default fetch sizes, one partition at a time, autoCommit, fromBeginning; an idempotent producer
 * with one request in flight and acks=all. It runs until SIGTERM.
 *
 *   node dist/bench/backlog-passthrough.js BROKERS FROM_TOPIC TO_TOPIC GROUP
 */
import { Kafka, Partitioners, logLevel as KafkaLogLevel } from 'kafkajs';

async function main(): Promise<void> {
  const [brokers, from, to, groupId] = process.argv.slice(2);
  if (!brokers || !from || !to || !groupId) throw new Error('usage: backlog-passthrough BROKERS FROM_TOPIC TO_TOPIC GROUP');
  const kafka = new Kafka({ clientId: groupId, brokers: brokers.split(','), logLevel: KafkaLogLevel.ERROR, connectionTimeout: 3000, retry: { retries: 5, initialRetryTime: 200, maxRetryTime: 5000 } });
  const producer = kafka.producer({ idempotent: true, maxInFlightRequests: 1, createPartitioner: Partitioners.DefaultPartitioner });
  const consumer = kafka.consumer({ groupId, sessionTimeout: 30_000, heartbeatInterval: 3000, allowAutoTopicCreation: false });
  consumer.on(consumer.events.CRASH, (event) => {
    if (event.payload.restart) return;
    process.stderr.write(`passthrough: the consumer crashed: ${event.payload.error.message}\n`);
    process.exit(1);
  });
  process.once('SIGTERM', () => {
    void Promise.allSettled([consumer.disconnect(), producer.disconnect()]).then(() => process.exit(0));
  });
  await producer.connect();
  await consumer.connect();
  await consumer.subscribe({ topics: [from], fromBeginning: true });
  await consumer.run({
    autoCommit: true,
    eachBatch: async ({ batch, resolveOffset, heartbeat, isRunning, isStale }) => {
      if (!isRunning() || isStale() || batch.messages.length === 0) return;
      await producer.send({ topic: to, acks: -1, messages: batch.messages.map((m) => ({ key: m.key, value: m.value, headers: m.headers ?? {} })) });
      resolveOffset(batch.lastOffset());
      await heartbeat();
    },
  });
}

main().catch((error: unknown) => {
  process.stderr.write(`passthrough: ${error instanceof Error ? (error.stack ?? error.message) : String(error)}\n`);
  process.exit(1);
});
