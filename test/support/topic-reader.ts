/** Collects what lands on topics, through our own Kafka wrapper, for assertions. */
import { pino } from 'pino';
import { createBus } from '../../runtime/kafka/bus.js';
import type { IncomingMessage, Subscription } from '../../runtime/kafka/types.js';
import { runId } from './infra.js';

export interface TopicReader {
  messages: IncomingMessage[];
  stop(): Promise<void>;
}

export async function readTopics(brokers: string[], topics: string[]): Promise<TopicReader> {
  const bus = createBus({ brokers, clientId: 'test-reader', logger: pino({ level: 'silent' }), logLevel: 'silent' });
  const messages: IncomingMessage[] = [];
  const subscription: Subscription = await bus.subscribe({ groupId: runId('reader'), topics, sessionTimeoutMs: 6000, handleBatch: async (batch) => { messages.push(...batch); } });
  return { messages, stop: async () => { await subscription.stop(); await bus.close(); } };
}
