import type { Channel, Decision, DecisionKind, ReasonCode } from '../schemas/types.generated.js';

/** Where the CRM database is. */
export interface SinkOptions {
  /** A PostgreSQL server (`postgres://user@host:port/db`); wins over `embeddedDir` when set. A secret: may hold a password. */
  databaseUrl: string | null;
  /** With no URL: the embedded PostgreSQL's data dir, created if missing; null keeps it in memory. */
  embeddedDir: string | null;
  /** Tests: isolate everything in this schema (a plain lower-case identifier), created if missing. */
  pgSchema?: string;
}

/** What the sink did with one decision. */
export interface RecordResult {
  /** `YYYY-NNNNNN` for crm and needs-info; null for archive-only and ignored. */
  applicationNumber: string | null;
  /** When the item was first recorded (ISO 8601, UTC); the original time on a redelivery. */
  recordedAt: string;
  /** False when the item had been recorded before: nothing was written this time. */
  firstWrite: boolean;
}

/** One recorded item as read back. */
export interface StoredApplication {
  itemId: string;
  applicationNumber: string | null;
  kind: DecisionKind;
  channel: Channel;
  emergency: boolean;
  reasons: ReasonCode[];
  /** The decision exactly as recorded. */
  decision: Decision;
  /** ISO 8601, UTC. */
  recordedAt: string;
}

/** Writes normalizer decisions into the CRM database. */
export interface Sink {
  readonly backend: 'postgres' | 'embedded';
  /**
   * Records `decision` once per itemId, numbering crm and needs-info records. Redeliveries,
   * including concurrent ones, return the first write's result with `firstWrite: false`.
   * @param now the recording time (injected: the caller owns the clock)
   * @throws IntakeError INTAKE_DB_UNAVAILABLE (retriable)
   */
  record(decision: Decision, now: Date): Promise<RecordResult>;
  /** The item as recorded, or null if it never was. */
  get(itemId: string): Promise<StoredApplication | null>;
  /** Every recorded item, optionally of one kind, in the order they were recorded. */
  list(filter?: { kind?: DecisionKind }): Promise<StoredApplication[]>;
  /** How many items of each kind are recorded; every kind is present, zero included. */
  countByKind(): Promise<Record<DecisionKind, number>>;
  /** @throws IntakeError INTAKE_DB_UNAVAILABLE when the database does not answer */
  ping(): Promise<void>;
  /** Releases connections (PostgreSQL) or stops the embedded database. Idempotent. */
  close(): Promise<void>;
}
