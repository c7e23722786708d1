/**
 * A Kafka stand-in in memory, for unit tests of a consumer stage: one partition per topic, each
 * consumer group with its committed offset. A subscription hands its handler every message past
 * the committed offset as one batch, commits only when the handler resolves, and on a throw waits a
 * moment and hands the same batch again (redelivery). Tests wait on `drained`, never on a sleep.
 */
import { setTimeout as sleep } from 'node:timers/promises';
import { IntakeError } from '../../runtime/errors.js';
import { browsePlan } from '../../runtime/kafka/browse-plan.js';
import type { Bus, BrowsedMessage, BrowseOptions, IncomingMessage, OutgoingMessage, Publisher, SubscribeOptions, Subscription, TopicSpec } from '../../runtime/kafka/types.js';
import type { GroupLag, KafkaView, TopicOffsets } from '../../runtime/kafka/view.js';

interface Group { committed: Map<string, number>; topics: string[]; busy: boolean }

export class MemoryBus implements Bus {
  /** Every message ever published, per topic, in offset order. */
  readonly logs = new Map<string, IncomingMessage[]>();
  /** Errors the handlers threw, in order (each led to a redelivery). */
  readonly handlerErrors: unknown[] = [];
  /** Heartbeats the handlers sent. */
  heartbeats = 0;

  private readonly groups = new Map<string, Group>();
  /** When each message was appended. */
  private readonly timestamps = new WeakMap<IncomingMessage, string>();
  private readonly listeners = new Set<() => void>();
  private readonly subscriptions = new Set<Subscription>();

  constructor(private readonly redeliverMs = 10) {}

  ensureTopics(topics: TopicSpec[]): Promise<void> {
    for (const t of topics) if (!this.logs.has(t.name)) this.logs.set(t.name, []);
    return Promise.resolve();
  }

  /** Appends messages to a topic, as a producer would. */
  append(topic: string, messages: OutgoingMessage[]): void {
    const log = this.logs.get(topic) ?? [];
    this.logs.set(topic, log);
    for (const m of messages) {
      const message: IncomingMessage = { topic, partition: 0, offset: String(log.length), key: m.key, value: Buffer.isBuffer(m.value) ? m.value : Buffer.from(m.value, 'utf8'), headers: { ...m.headers } };
      this.timestamps.set(message, new Date().toISOString());
      log.push(message);
    }
    this.notify();
  }

  publisher(): Publisher {
    return {
      publish: (topic, messages) => Promise.resolve(this.append(topic, messages)),
      close: () => Promise.resolve(),
    };
  }

  /** The values published to a topic, parsed as JSON. */
  values<T>(topic: string): T[] {
    return (this.logs.get(topic) ?? []).map((m) => JSON.parse(m.value?.toString('utf8') ?? 'null') as T);
  }

  committed(groupId: string, topic: string): number {
    return this.groups.get(groupId)?.committed.get(topic) ?? 0;
  }

  /** Resolves once the group has committed every message of its topics and handles none. */
  drained(groupId: string): Promise<void> {
    return new Promise((done) => {
      const check = (): void => {
        const group = this.groups.get(groupId);
        if (group === undefined || group.busy) return;
        if (group.topics.every((t) => (group.committed.get(t) ?? 0) >= (this.logs.get(t)?.length ?? 0))) {
          this.listeners.delete(check);
          done();
        }
      };
      this.listeners.add(check);
      check();
    });
  }

  private notify(): void {
    for (const listener of [...this.listeners]) listener();
  }

  subscribe(o: SubscribeOptions): Promise<Subscription> {
    const group: Group = this.groups.get(o.groupId) ?? { committed: new Map(), topics: o.topics, busy: false };
    this.groups.set(o.groupId, group);
    let stopped = false;
    let wake: () => void = () => undefined;
    const listener = (): void => wake();
    this.listeners.add(listener);
    const loop = async (): Promise<void> => {
      o.onJoin?.();
      while (!stopped) {
        const pending = o.topics.map((topic) => ({ topic, from: group.committed.get(topic) ?? 0, log: this.logs.get(topic) ?? [] })).find((p) => p.from < p.log.length);
        if (pending === undefined) {
          await new Promise<void>((resolve) => { wake = resolve; });
          continue;
        }
        const batch = pending.log.slice(pending.from);
        group.busy = true;
        try {
          await o.handleBatch(batch, { heartbeat: () => { this.heartbeats += 1; return Promise.resolve(); } });
          group.committed.set(pending.topic, pending.from + batch.length);
        } catch (error) {
          this.handlerErrors.push(error);
          group.busy = false;
          this.notify();
          await sleep(this.redeliverMs);
          continue;
        }
        group.busy = false;
        this.notify();
      }
    };
    const running = loop();
    const subscription: Subscription = {
      stop: async () => {
        stopped = true;
        wake();
        await running;
        this.listeners.delete(listener);
        this.subscriptions.delete(subscription);
      },
    };
    this.subscriptions.add(subscription);
    return Promise.resolve(subscription);
  }

  /** Offsets and lag as the real view reports them: one partition per topic, a group's committed offset per topic. */
  view(): KafkaView {
    const known = (topics: readonly string[]): string[] => {
      const missing = topics.filter((t) => !this.logs.has(t));
      if (missing.length > 0) throw new IntakeError('INTAKE_KAFKA_NOT_FOUND', `no such topic: ${missing.join(', ')}`, { details: { topics: missing } });
      return [...new Set(topics)];
    };
    const end = (topic: string): number => this.logs.get(topic)?.length ?? 0;
    return {
      topicOffsets: async (topics): Promise<TopicOffsets[]> => {
        const names = topics === undefined ? [...this.logs.keys()].filter((t) => !t.startsWith('__')).sort() : known(topics);
        return names.map((topic) => ({ topic, partitions: [{ partition: 0, start: '0', end: String(end(topic)) }] }));
      },
      groups: async () => [...this.groups.keys()].sort(),
      groupLag: async (groupId, topics): Promise<GroupLag[]> => {
        const group = this.groups.get(groupId);
        const names = topics === undefined ? [...(group?.committed.keys() ?? [])].sort() : known(topics);
        return names.map((topic) => {
          const committed = group?.committed.get(topic);
          return { groupId, topic, partition: 0, committed: committed === undefined ? null : String(committed), end: String(end(topic)), lag: end(topic) - (committed ?? 0) };
        });
      },
    };
  }

  /** Reads a topic as the real bus does, without a group; following, it waits on appends. */
  async *browse(o: BrowseOptions): AsyncGenerator<BrowsedMessage, void, undefined> {
    const [offsets] = await this.view().topicOffsets([o.topic]);
    const [plan] = offsets === undefined ? [] : browsePlan(offsets, o.start, o.follow === true);
    if (plan === undefined) return;
    let at = plan.from;
    while (!o.signal?.aborted && (plan.end === null || at < plan.end)) {
      const message = this.logs.get(o.topic)?.[at];
      if (message === undefined) {
        await new Promise<void>((resolve) => {
          const wake = (): void => {
            this.listeners.delete(wake);
            o.signal?.removeEventListener('abort', wake);
            resolve();
          };
          this.listeners.add(wake);
          o.signal?.addEventListener('abort', wake, { once: true });
        });
        continue;
      }
      at += 1;
      yield { ...message, timestamp: this.timestamps.get(message) ?? new Date(0).toISOString() };
    }
  }

  async close(): Promise<void> {
    for (const s of [...this.subscriptions]) await s.stop();
  }
}
