/** The one shape every connector has: an id, its config schema, and a factory. */
import type { Channel, RawItem } from '../schemas/types.generated.js';
import type { BlobStore } from '../runtime/blob-store.js';
import type { ErrorCode } from '../runtime/errors.js';
import type { FieldError } from '../runtime/schemas.js';
import type { Publisher } from '../runtime/kafka/types.js';
import type { Logger } from '../runtime/logger.js';
import type { Readiness } from '../runtime/readiness.js';
import type { CaptureMetrics } from '../runtime/metrics-ports.js';

export interface ConnectorDeps {
  /** Publishes to the raw topic; resolves only once Kafka acknowledged (acks=all). */
  publisher: Publisher;
  rawTopic: string;
  /** Where gas emergencies go first, for the 187 dispatcher. */
  emergencyTopic: string;
  /** Where a pull connector puts what it cannot read, with its bytes (or their blob), before setting it aside. */
  deadLetterTopic: string;
  blobStore: BlobStore;
  logger: Logger;
  now: () => Date;
  /** The daemon's stages, for `/readyz`: a pulled source sets its own `capture:…` stage; the daemon sets `capture:<id>` once a connector listens. */
  readiness: Readiness;
  /** Counts and times what is captured and set aside; absent in tests that do not look. */
  metrics?: CaptureMetrics;
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

/** What a connector makes of one input file: the raw item it would publish, or why it refuses it. */
export type Reading = { ok: true; item: RawItem } | { ok: false; code: ErrorCode; errors: FieldError[] };

export interface ReplayTarget {
  /** Where the running connector listens. */
  endpoint: string;
  /** Stands in for `{{STAFF_API_KEY}}` in fixtures of staff-entered applications. */
  staffApiKey: string | null;
  /** The IMAP mailbox e-mail fixtures are delivered into (APPEND), as a mail server would; null when none is configured. */
  mailbox: ReplayMailbox | null;
  /** The Twilio webhook SMS fixtures are posted to, signed over its public URL as Twilio signs; absent or null when none is configured. */
  twilio?: ReplayTwilio | null;
  /** The document upload faxes and letters are sent to, with a mail-room key; absent or null when none is configured. */
  documents?: ReplayDocuments | null;
}

export interface ReplayDocuments { endpoint: string; apiKey: string }

export interface ReplayTwilio { endpoint: string; publicBaseUrl: string; authToken: string }

export interface ReplayMailbox { host: string; port: number; secure: boolean; user: string; password: string; folder: string }

export interface ReplayResult { status: number; itemId: string | null; body: unknown }

export interface ConnectorDefinition<C> {
  readonly id: string;
  /** `$id` of its config schema in schemas/. */
  readonly configSchemaId: string;
  /** The channels whose input files it reads. */
  readonly channels: readonly Channel[];
  /** File name endings of its fixtures. */
  readonly fixtureExtensions: readonly string[];
  create(config: C, deps: ConnectorDeps): Connector;
  /** Reads one input file as the connector would capture it, without side effects: `intake check` and fixture tests use it. */
  read(file: Buffer, options: { channel: Channel; receivedAt: Date; config: C }): Promise<Reading>;
  /** Sends one fixture file through a running connector, as its real source would. */
  replay(file: Buffer, target: ReplayTarget): Promise<ReplayResult>;
}
