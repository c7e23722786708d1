import type { Channel, Decision, DecisionKind, ReasonCode, Subscriber } from '../schemas/types.generated.js';
import type { AcknowledgementStore } from '../acknowledge/store-port.js';
import type { DecisionStore } from '../normalizer/store-port.js';

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

/**
 * Writes normalizer decisions into the CRM database. As the normalizer's `DecisionStore` it also
 * answers what a batch of decisions needs to know: registry entries, people's recent records; as
 * the acknowledger's `AcknowledgementStore` it claims each acknowledgement once.
 */
export interface Sink extends DecisionStore, AcknowledgementStore {
  /** Loads a registry extract: entries are inserted or replaced by contract account number. */
  importSubscribers(subscribers: readonly Subscriber[], now: Date): Promise<void>;
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
  /**
   * Counts applications received in `[from, to)` per region, unit, topic or channel, plus the
   * grand total. Read-only: one SELECT, the same on both backends.
   * @throws IntakeError INTAKE_DB_UNAVAILABLE when the database does not answer;
   *   INTAKE_REQUEST_INVALID for an unknown `by` or `from` not before `to`
   */
  report(query: ReportQuery): Promise<Report>;
  /** @throws IntakeError INTAKE_DB_UNAVAILABLE when the database does not answer */
  ping(): Promise<void>;
  /** Releases connections (PostgreSQL) or stops the embedded database. Idempotent. */
  close(): Promise<void>;
}

/**
 * What a report is split by. `region` is the district (ilçe: Istanbul has 39), as recorded;
 * `topic` is `main/sub`. DOMAIN.md: reports are read by region, by unit and by topic.
 */
export type ReportDimension = 'region' | 'unit' | 'topic' | 'channel';

/** Which applications a report counts, and how it splits them. */
export interface ReportQuery {
  by: ReportDimension;
  /** Inclusive lower bound on `received_at`; null or absent: from the first record. */
  from?: Date | null;
  /** Exclusive upper bound on `received_at`; null or absent: up to the last record. */
  to?: Date | null;
  /** The time SLA breaches are judged at (injected: the caller owns the clock). */
  now: Date;
}

/**
 * The counts for one key. A linked duplicate (a repeat of an application already counted) is
 * counted in `linkedDuplicates` only, never in the other counts.
 */
export interface ReportRow {
  /** The district, unit, `main/sub` topic or channel; `(unknown)` for no district, `(none)` for no unit or topic. */
  key: string;
  /** Applications, every kind, duplicates excluded: `crm + needsInfo + archiveOnly + ignored`. */
  total: number;
  crm: number;
  needsInfo: number;
  archiveOnly: number;
  ignored: number;
  /** Gas smell or leak reports (emergency flag set), of any kind. */
  emergencies: number;
  /** Repeats linked to an earlier application (`linked_to_item_id` set). */
  linkedDuplicates: number;
  /** crm and needs-info records not resolved yet. */
  open: number;
  /**
   * SLA breaches among crm and needs-info records with a deadline: resolved after the deadline,
   * or still open with the deadline before `now`.
   */
  overdue: number;
  /** Median time from receipt to resolution of the resolved crm and needs-info records, hours to one decimal; null when none is resolved. */
  medianResolutionHours: number | null;
}

/** A report: one row per key, most applications first (ties by key, Turkish collation), and the grand total. */
export interface Report {
  rows: ReportRow[];
  /** Every application of the period; its key is `(total)`. */
  total: ReportRow;
}
