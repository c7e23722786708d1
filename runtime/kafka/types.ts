/** The message shapes of our Kafka wrapper: nothing outside `runtime/kafka` sees kafkajs types. */
import type { KafkaView } from './view.js';

export interface OutgoingMessage {
  key: string;
  value: Buffer | string;
  headers?: Record<string, string>;
}

export interface IncomingMessage {
  topic: string;
  partition: number;
  offset: string;
  key: string | null;
  value: Buffer | null;
  headers: Record<string, string>;
}

export interface Publisher {
  /**
   * Writes messages and resolves once every in-sync replica acknowledged them (acks=all).
   * @throws IntakeError INTAKE_KAFKA_UNAVAILABLE (retriable)
   */
  publish(topic: string, messages: OutgoingMessage[]): Promise<void>;
  close(): Promise<void>;
}

export interface SubscribeOptions {
  groupId: string;
  topics: string[];
  sessionTimeoutMs?: number;
  /**
   * Handles the messages of one fetch, all of one partition in offset order; their offsets are
   * committed only after it resolves. A throw redelivers the whole batch.
   */
  handleBatch: (messages: IncomingMessage[], control: BatchControl) => Promise<void>;
  /** How many partitions' batches may be handled at once (never two of one partition); 1 by default. */
  concurrentBatches?: number;
  /** Called when the consumer gives up for good (a non-retriable crash). */
  onFatal?: (error: Error) => void;
  /** Called each time the consumer has joined its group and been given partitions. */
  onJoin?: () => void;
  /** Called when the consumer crashed and will rejoin on its own. */
  onRejoining?: () => void;
}

export interface BatchControl {
  /** Tells the group coordinator the consumer is alive during a long batch. */
  heartbeat(): Promise<void>;
}

export interface Subscription {
  /** Stops fetching, lets the message in hand finish, commits, leaves the group. */
  stop(): Promise<void>;
}

export interface TopicSpec { name: string; partitions: number; replicationFactor: number; config?: Record<string, string> }

/** Where browsing starts in each partition of the topic. */
export type BrowseStart =
  | { from: 'beginning' }
  /** The last `count` messages of each partition (fewer where it holds fewer). */
  | { from: 'last'; count: number }
  /** Only the named partitions, each from its offset; the others are not read. */
  | { from: 'offsets'; offsets: ReadonlyMap<number, string> };

export interface BrowseOptions {
  topic: string;
  start: BrowseStart;
  /**
   * Keep waiting for new messages until `signal` aborts or the loop breaks; without it browsing
   * ends once every partition is read up to its end as it was when browsing began.
   */
  follow?: boolean;
  /** Ends the browse (the iteration then simply finishes). */
  signal?: AbortSignal;
}

/** A browsed message, with the time the producer (or broker) gave it. */
export interface BrowsedMessage extends IncomingMessage {
  /** ISO 8601, UTC. */
  timestamp: string;
}

export interface Bus {
  /** Creates the topics that do not exist yet; existing ones are left as they are. */
  ensureTopics(topics: TopicSpec[]): Promise<void>;
  publisher(): Publisher;
  subscribe(options: SubscribeOptions): Promise<Subscription>;
  /** The read-only view of the cluster (offsets, groups, lag); its connection is opened on first use and closed by `close()`. */
  view(): KafkaView;
  /**
   * Reads a topic without joining any real consumer group and without committing anything (an
   * operator looking, `intake peek`): messages in offset order within each partition. Breaking out
   * of the loop ends it.
   * @throws IntakeError INTAKE_KAFKA_NOT_FOUND when the topic does not exist; INTAKE_KAFKA_UNAVAILABLE
   */
  browse(options: BrowseOptions): AsyncIterable<BrowsedMessage>;
  close(): Promise<void>;
}
