/** A consumer group's lag on a topic, read from the broker: the signal that it has caught up. */
import { Kafka, logLevel } from 'kafkajs';

/** Messages of `topic` the group has not committed yet, summed over partitions. */
export async function consumerLag(brokers: string[], groupId: string, topic: string): Promise<number> {
  const admin = new Kafka({ clientId: 'test-lag', brokers, logLevel: logLevel.NOTHING }).admin();
  await admin.connect();
  try {
    const [ends, [committed]] = await Promise.all([admin.fetchTopicOffsets(topic), admin.fetchOffsets({ groupId, topics: [topic] })]);
    const at = new Map((committed?.partitions ?? []).map((p) => [p.partition, Number(p.offset)]));
    return ends.reduce((lag, p) => lag + Number(p.high) - Math.max(0, at.get(p.partition) ?? 0), 0);
  } finally {
    await admin.disconnect();
  }
}
