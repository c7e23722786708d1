/** The one shape every connector has: an id, its config schema, and a factory. */
import type { BlobStore } from '../runtime/blob-store.js';
import type { Publisher } from '../runtime/kafka/types.js';
import type { Logger } from '../runtime/logger.js';

export interface ConnectorDeps {
  /** Publishes to the raw topic; resolves only once Kafka acknowledged (acks=all). */
  publisher: Publisher;
  rawTopic: string;
  blobStore: BlobStore;
  logger: Logger;
  now: () => Date;
}

/** A running source of raw items. Acknowledges its source only after Kafka acknowledged. */
export interface Connector {
  readonly id: string;
  start(): Promise<void>;
  /** Where an HTTP connector listens, once started (`http://host:port`). */
  endpoint?(): string | null;
  /** Stops taking new items and waits for those in flight. */
  stop(): Promise<void>;
}

export interface ConnectorDefinition<C> {
  readonly id: string;
  /** `$id` of its config schema in schemas/. */
  readonly configSchemaId: string;
  create(config: C, deps: ConnectorDeps): Connector;
}
