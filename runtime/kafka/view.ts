/**
 * A read-only view of the cluster for operators (`intake topics`, `intake peek`, `intake dlq`) and
 * for lag metrics: topics with their offsets, consumer groups and their lag. Built on the kafkajs
 * admin client; it never joins a group and never commits.
 */
import { Kafka, type Admin } from 'kafkajs';
import { IntakeError } from '../errors.js';
import type { Logger } from '../logger.js';
import { kafkaLogCreator, kafkaLogLevel } from './log-adapter.js';

/** A partition's first offset still kept (`start`) and the offset the next message will take (`end`). */
export interface PartitionOffsets { partition: number; start: string; end: string }
export interface TopicOffsets { topic: string; partitions: PartitionOffsets[] }
/**
 * A group's position on one partition. `committed` is the next offset it will read, null when it
 * never committed there; `lag` is `end - committed`, or `end - start` when it never committed
 * (as `kafka-consumer-groups.sh` counts it).
 */
export interface GroupLag { groupId: string; topic: string; partition: number; committed: string | null; end: string; lag: number }

export interface KafkaView {
  /**
   * Every partition's offsets, partitions in order. All topics (sorted, Kafka's internal `__` ones
   * left out) when `topics` is omitted.
   * @throws IntakeError INTAKE_KAFKA_NOT_FOUND for a named topic that does not exist; INTAKE_KAFKA_UNAVAILABLE
   */
  topicOffsets(topics?: readonly string[]): Promise<TopicOffsets[]>;
  /** The consumer groups the cluster knows, sorted. @throws IntakeError INTAKE_KAFKA_UNAVAILABLE */
  groups(): Promise<string[]>;
  /**
   * The group's lag on every partition of `topics`, or of the topics it has committed offsets on
   * when omitted; ordered by topic, then partition.
   * @throws IntakeError INTAKE_KAFKA_NOT_FOUND for a named topic that does not exist; INTAKE_KAFKA_UNAVAILABLE
   */
  groupLag(groupId: string, topics?: readonly string[]): Promise<GroupLag[]>;
}

/** A view with its own connection, for a process that has no bus. */
export interface ClosableKafkaView extends KafkaView {
  /** Disconnects the admin client. Idempotent. */
  close(): Promise<void>;
}

function unavailable(what: string, cause: unknown): IntakeError {
  return new IntakeError('INTAKE_KAFKA_UNAVAILABLE', `Kafka ${what} failed: ${(cause as Error)?.message ?? String(cause)}`, { cause });
}

/** The view's own rule: one home for what counts as an internal topic. */
const isInternal = (topic: string): boolean => topic.startsWith('__');

/** One admin client, connected on first use and again after a failed connect; never again once closed. */
export function lazyAdmin(kafka: Kafka): { get(): Promise<Admin>; close(): Promise<void> } {
  let connected: Promise<Admin> | null = null;
  let closed = false;
  return {
    get() {
      if (closed) return Promise.reject(new IntakeError('INTAKE_KAFKA_UNAVAILABLE', 'the Kafka view is closed', { retriable: false }));
      connected ??= (async () => {
        const admin = kafka.admin({ retry: { retries: 3, initialRetryTime: 200, maxRetryTime: 2000 } });
        try {
          await admin.connect();
        } catch (error) {
          connected = null;
          await admin.disconnect().catch(() => undefined);
          throw error;
        }
        return admin;
      })();
      return connected;
    },
    async close() {
      closed = true;
      const admin = connected === null ? null : await connected.catch(() => null);
      connected = null;
      await admin?.disconnect();
    },
  };
}

/** The view over an admin client (see {@link lazyAdmin}). */
export function adminView(admin: () => Promise<Admin>): KafkaView {
  /** The named topics, checked to exist: asking kafkajs for a missing one retries for seconds. */
  async function existing(topics: readonly string[] | undefined): Promise<string[]> {
    const all = await (await admin()).listTopics();
    if (topics === undefined) return all.filter((t) => !isInternal(t)).sort();
    const known = new Set(all);
    const missing = topics.filter((t) => !known.has(t));
    if (missing.length > 0) throw new IntakeError('INTAKE_KAFKA_NOT_FOUND', `no such topic: ${missing.join(', ')}`, { details: { topics: missing } });
    return [...new Set(topics)];
  }

  async function offsetsOf(topic: string): Promise<PartitionOffsets[]> {
    const partitions = await (await admin()).fetchTopicOffsets(topic);
    return partitions.map((p) => ({ partition: p.partition, start: p.low, end: p.high })).sort((a, b) => a.partition - b.partition);
  }

  async function guarded<T>(what: string, work: () => Promise<T>): Promise<T> {
    try {
      return await work();
    } catch (error) {
      if (error instanceof IntakeError) throw error;
      throw unavailable(what, error);
    }
  }

  return {
    topicOffsets: (topics) => guarded('topic offsets', async () => {
      const names = await existing(topics);
      return Promise.all(names.map(async (topic) => ({ topic, partitions: await offsetsOf(topic) })));
    }),
    groups: () => guarded('group list', async () => {
      const { groups } = await (await admin()).listGroups();
      return groups.map((g) => g.groupId).sort();
    }),
    groupLag: (groupId, topics) => guarded(`lag of group ${groupId}`, async () => {
      const named = topics === undefined ? undefined : await existing(topics);
      // Without topics the broker answers for every topic the group committed on (OffsetFetch with null topics).
      const committed = await (await admin()).fetchOffsets(named === undefined ? { groupId } : { groupId, topics: named });
      // A topic deleted since the group committed on it has no offsets left to compare with.
      const alive = new Set(named ?? await (await admin()).listTopics());
      const lags: GroupLag[] = [];
      for (const { topic, partitions } of [...committed].filter((c) => alive.has(c.topic)).sort((a, b) => a.topic.localeCompare(b.topic))) {
        const at = new Map(partitions.map((p) => [p.partition, Number(p.offset) < 0 ? null : p.offset]));
        for (const p of await offsetsOf(topic)) {
          const c = at.get(p.partition) ?? null;
          lags.push({ groupId, topic, partition: p.partition, committed: c, end: p.end, lag: Number(p.end) - Number(c ?? p.start) });
        }
      }
      return lags;
    }),
  };
}

export interface KafkaViewOptions { brokers: string[]; clientId: string; logger: Logger; logLevel: string }

/** A view with a connection of its own; a bus's `view()` shares the bus's instead. */
export function openKafkaView(options: KafkaViewOptions): ClosableKafkaView {
  const kafka = new Kafka({
    clientId: options.clientId, brokers: options.brokers, connectionTimeout: 3000,
    logLevel: kafkaLogLevel(options.logLevel), logCreator: kafkaLogCreator(options.logger),
    retry: { retries: 3, initialRetryTime: 200, maxRetryTime: 2000 },
  });
  const admin = lazyAdmin(kafka);
  return { ...adminView(() => admin.get()), close: () => admin.close() };
}
