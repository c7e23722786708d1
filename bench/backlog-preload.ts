/**
 * Fills a raw topic with a backlog of web-form raw items (bench/items.ts builds them as the
 * connector does) while no daemon runs: what piles up when the normalizer was down. The items are
 * made and sent a chunk at a time, so a backlog of 100,000 never sits in memory whole.
 */
import { Partitioners, type Admin, type Kafka } from 'kafkajs';
import { makeItems } from './items.js';

const CHUNK = 5000;
// About 1 KB an item: 500 keep one request well under the broker's 1 MB message batch limit.
const PER_SEND = 500;

export interface Preloaded { items: number; bytes: number; seconds: number; perPartition: number[] }

/**
 * Produces `count` items to `topic` with the connector's key (the item id) and headers.
 * @param salt makes the item ids the run's own
 * @throws when the topic does not end up holding exactly `count` messages
 */
export async function preloadBacklog(kafka: Kafka, admin: Admin, o: { topic: string; count: number; salt: string; seed: number; progress: (sent: number) => void }): Promise<Preloaded> {
  const t0 = performance.now();
  // Idempotent: a retried send must not add a second copy of what had already been written.
  const producer = kafka.producer({ idempotent: true, maxInFlightRequests: 1, createPartitioner: Partitioners.DefaultPartitioner });
  await producer.connect();
  let bytes = 0;
  try {
    for (let start = 0; start < o.count; start += CHUNK) {
      // Each chunk its own ids (salt) and its own draw of the mix (seed), the same for every run.
      const items = makeItems(Math.min(CHUNK, o.count - start), `${o.salt}/${start}`, o.seed + start);
      for (let i = 0; i < items.length; i += PER_SEND) {
        const messages = items.slice(i, i + PER_SEND).map(({ item, json }) => {
          bytes += Buffer.byteLength(json);
          return { key: item.itemId, value: json, headers: { 'content-type': 'application/json', schema: 'raw-item/1', channel: item.channel } };
        });
        await producer.send({ topic: o.topic, acks: -1, messages });
      }
      o.progress(start + items.length);
    }
  } finally {
    await producer.disconnect();
  }
  const offsets = await admin.fetchTopicOffsets(o.topic);
  const perPartition = offsets.sort((a, b) => a.partition - b.partition).map((p) => Number(p.high) - Number(p.low));
  const total = perPartition.reduce((a, b) => a + b, 0);
  if (total !== o.count) throw new Error(`preload of ${o.topic}: ${total} messages on the topic, expected ${o.count}`);
  return { items: o.count, bytes, seconds: (performance.now() - t0) / 1000, perPartition };
}
