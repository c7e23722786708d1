/**
 * The bus over kafkajs (no release since 2023). kafkajs is used in `runtime/kafka/` only (here, the
 * view and browsing), so that it could be swapped without touching connectors, normalizer or sink.
 */
import { setTimeout as delay } from 'node:timers/promises';
import { Kafka, Partitioners, type Producer } from 'kafkajs';
import { IntakeError } from '../errors.js';
import type { Logger } from '../logger.js';
import { browseTopic } from './browse.js';
import { headersOf } from './headers.js';
import { kafkaLogCreator, kafkaLogLevel } from './log-adapter.js';
import type { Bus, IncomingMessage, OutgoingMessage, Publisher, SubscribeOptions, Subscription, TopicSpec } from './types.js';
import { adminView, lazyAdmin } from './view.js';

export interface BusOptions {
  brokers: string[];
  clientId: string;
  logger: Logger;
  logLevel: string;
  /** Bounds how long a publish may keep retrying before the caller hears INTAKE_KAFKA_UNAVAILABLE. */
  publishRetryMs?: number;
}

/** How long stopping waits for a consumer that has not joined its group yet. */
const UNJOINED_STOP_WAIT_MS = 2000;

function unavailable(what: string, cause: unknown): IntakeError {
  return new IntakeError('INTAKE_KAFKA_UNAVAILABLE', `Kafka ${what} failed: ${(cause as Error)?.message ?? String(cause)}`, { cause });
}

/** Creates the bus. Nothing connects until first use. */
export function createBus(options: BusOptions): Bus {
  const publishRetryMs = options.publishRetryMs ?? 5000;
  const kafka = new Kafka({
    clientId: options.clientId,
    brokers: options.brokers,
    logLevel: kafkaLogLevel(options.logLevel),
    logCreator: kafkaLogCreator(options.logger),
    connectionTimeout: 3000,
    retry: { retries: 5, initialRetryTime: 200, maxRetryTime: 5000 },
  });
  const publishers = new Set<Publisher>();
  const subscriptions = new Set<Subscription>();
  // The view's one admin client, shared by the browses (their groups are deleted through it).
  const admin = lazyAdmin(kafka);
  const view = adminView(() => admin.get());
  const browsing = new Set<AbortController>();

  function publisher(): Publisher {
    let producer: Producer | null = null;
    let connecting: Promise<Producer> | null = null;
    const connected = async (): Promise<Producer> => {
      if (producer) return producer;
      connecting ??= (async () => {
        const p = kafka.producer({
          idempotent: true,
          maxInFlightRequests: 1,
          createPartitioner: Partitioners.DefaultPartitioner,
          retry: { retries: 3, initialRetryTime: 100, maxRetryTime: publishRetryMs },
        });
        p.on(p.events.DISCONNECT, () => { producer = null; });
        try {
          await p.connect();
        } catch (error) {
          await p.disconnect().catch(() => undefined);
          throw error;
        }
        producer = p;
        return p;
      })().finally(() => { connecting = null; });
      return connecting;
    };
    const self: Publisher = {
      async publish(topic: string, messages: OutgoingMessage[]) {
        try {
          const p = await connected();
          await p.send({ topic, acks: -1, messages: messages.map((m) => ({ key: m.key, value: m.value, headers: m.headers ?? {} })) });
        } catch (error) {
          if (error instanceof IntakeError) throw error;
          throw unavailable(`publish to ${topic}`, error);
        }
      },
      async close() {
        publishers.delete(self);
        const p = producer ?? (connecting ? await connecting.catch(() => null) : null);
        producer = null;
        await p?.disconnect();
      },
    };
    publishers.add(self);
    return self;
  }

  /**
   * Connects and subscribes, then returns at once: joining the group happens in the background
   * (`onJoin`), because after a crash the join waits out the dead member's session timeout, and
   * nothing else (capture above all) should wait with it.
   */
  async function subscribe(o: SubscribeOptions): Promise<Subscription> {
    let stopped = false;
    const consumer = kafka.consumer({
      groupId: o.groupId, sessionTimeout: o.sessionTimeoutMs ?? 30000, heartbeatInterval: Math.min(3000, Math.floor((o.sessionTimeoutMs ?? 30000) / 3)), allowAutoTopicCreation: false,
      // Stopping waits for the fetch in flight; an idle one is held by the broker this long (kafkajs's
      // default, 5 s, made `intake demo` and every stop wait that long).
      maxWaitTimeInMs: 500,
      // Stopped while still joining, the join fails with a closed connection and kafkajs would
      // restart the consumer behind our back, after the database has closed.
      retry: { retries: 5, initialRetryTime: 200, maxRetryTime: 5000, restartOnFailure: async () => !stopped },
    });
    consumer.on(consumer.events.CRASH, (event) => {
      if (stopped) return;
      if (event.payload.restart) o.onRejoining?.();
      else o.onFatal?.(event.payload.error);
    });
    let joined = false;
    consumer.on(consumer.events.GROUP_JOIN, () => {
      joined = true;
      if (!stopped) o.onJoin?.();
    });
    try {
      await consumer.connect();
      await consumer.subscribe({ topics: o.topics, fromBeginning: true });
    } catch (error) {
      await consumer.disconnect().catch(() => undefined);
      throw unavailable(`subscribe to ${o.topics.join(',')}`, error);
    }
    // run() resolves once joined; a failed join is reported through CRASH, not here.
    const running = consumer.run({
      autoCommit: true,
      eachBatchAutoResolve: true,
      partitionsConsumedConcurrently: o.concurrentBatches ?? 1,
      eachBatch: async ({ batch, heartbeat }) => {
        // Never handled once stopping: throwing leaves the offsets uncommitted for the next owner.
        if (stopped) throw new IntakeError('INTAKE_KAFKA_UNAVAILABLE', 'the consumer is stopping');
        const incoming: IncomingMessage[] = batch.messages.map((message) => ({
          topic: batch.topic, partition: batch.partition, offset: message.offset,
          key: message.key ? message.key.toString('utf8') : null,
          value: message.value,
          headers: headersOf(message.headers as Record<string, unknown> | undefined),
        }));
        if (incoming.length > 0) await o.handleBatch(incoming, { heartbeat });
      },
    }).catch((error: unknown) => {
      if (!stopped) o.onFatal?.(error instanceof Error ? error : new Error(String(error)));
    });
    const subscription: Subscription = {
      async stop() {
        stopped = true;
        subscriptions.delete(subscription);
        const disconnected = Promise.all([consumer.disconnect(), running]);
        if (joined) {
          await disconnected;
          return;
        }
        // Still joining: the broker holds our JoinGroup until the group's dead member times out, and
        // kafkajs's disconnect waits for it. Holding no partitions, there is nothing to commit.
        disconnected.catch(() => undefined);
        await Promise.race([disconnected, delay(UNJOINED_STOP_WAIT_MS)]);
      },
    };
    subscriptions.add(subscription);
    return subscription;
  }

  async function createMissing(topics: TopicSpec[]): Promise<void> {
    const admin = kafka.admin();
    try {
      await admin.connect();
      const existing = new Set(await admin.listTopics());
      const missing = topics.filter((t) => !existing.has(t.name));
      if (missing.length > 0) {
        await admin.createTopics({
          waitForLeaders: true,
          topics: missing.map((t) => ({
            topic: t.name, numPartitions: t.partitions, replicationFactor: t.replicationFactor,
            configEntries: Object.entries(t.config ?? {}).map(([name, value]) => ({ name, value })),
          })),
        });
      }
    } finally {
      await admin.disconnect().catch(() => undefined);
    }
  }

  /**
   * A broker that has just started answers Metadata before it has loaded every partition (it says
   * it "does not host this topic-partition"): a retriable error, tried again for up to a minute.
   */
  async function ensureTopics(topics: TopicSpec[]): Promise<void> {
    const until = Date.now() + 60_000;
    for (let wait = 250; ; wait = Math.min(wait * 2, 5000)) {
      try {
        return await createMissing(topics);
      } catch (error) {
        if ((error as { retriable?: unknown } | null)?.retriable !== true || Date.now() + wait > until) throw unavailable('topic set-up', error);
        await delay(wait);
      }
    }
  }

  return {
    ensureTopics,
    publisher,
    subscribe,
    view: () => view,
    browse(o) {
      // Closing the bus ends the browses still running, so that their consumers disconnect.
      const stop = new AbortController();
      browsing.add(stop);
      const signal = o.signal === undefined ? stop.signal : AbortSignal.any([o.signal, stop.signal]);
      return (async function* () {
        try {
          yield* browseTopic({ kafka, view, admin: () => admin.get() }, { ...o, signal });
        } finally {
          browsing.delete(stop);
        }
      })();
    },
    async close() {
      for (const b of [...browsing]) b.abort();
      for (const s of [...subscriptions]) await s.stop();
      for (const p of [...publishers]) await p.close();
      await admin.close();
    },
  };
}
