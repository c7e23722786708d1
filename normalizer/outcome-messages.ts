/** Outcomes as Kafka messages, grouped by topic and chunked so one send stays under the broker's request limit. */
import type { Outcome } from '../schemas/types.generated.js';
import type { OutgoingMessage } from '../runtime/kafka/types.js';
import { jsonWith } from '../runtime/json-once.js';
import { outcomeTopic, type TopicNames } from '../runtime/kafka/topics.js';

// Well under Kafka's default 1 MiB message.max.bytes per batch, whatever the overhead.
const MAX_SEND_BYTES = 512 * 1024;

export interface OutcomeSend { topic: string; messages: OutgoingMessage[] }

export function outcomeSends(outcomes: readonly Outcome[], topics: TopicNames): OutcomeSend[] {
  const sends: OutcomeSend[] = [];
  const open = new Map<string, { send: OutcomeSend; bytes: number }>();
  for (const outcome of outcomes) {
    const topic = outcomeTopic(topics, outcome.decision.kind);
    const { decision, ...rest } = outcome;
    // Encoded once here: as a string, its length was measured here and twice more by kafkajs before it was written.
    const value = Buffer.from(jsonWith('decision', decision, rest));
    const bytes = value.length;
    let current = open.get(topic);
    if (current === undefined || (current.bytes + bytes > MAX_SEND_BYTES && current.send.messages.length > 0)) {
      current = { send: { topic, messages: [] }, bytes: 0 };
      open.set(topic, current);
      sends.push(current.send);
    }
    current.send.messages.push({ key: outcome.decision.itemId, value, headers: { schema: 'outcome/1' } });
    current.bytes += bytes;
  }
  return sends;
}
