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
  /** The archive of incomplete faxes and letters, and their re-examination. */
  readonly archive: Archive;
  /** Loads a registry extract: entries are inserted or replaced by contract account number. */
  /** In one transaction; `onEach` is told after each row (progress). */
  importSubscribers(subscribers: readonly Subscriber[], now: Date, onEach?: () => void): Promise<void>;
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
  /**
   * What the live dashboard shows from the database: items per time bucket, channel and kind
   * received in `[from, to)`, and the open gas emergencies. Read-only, no personal data.
   * @throws IntakeError INTAKE_DB_UNAVAILABLE; INTAKE_REQUEST_INVALID for bad bounds, bucket or limit
   */
  overview(query: OverviewQuery): Promise<Overview>;
  /** Open crm and needs-info records past their deadline at `now`, per unit (`none` without one). @throws IntakeError INTAKE_DB_UNAVAILABLE */
  openPastDeadline(now: Date): Promise<Array<{ unit: string; open: number }>>;
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

/**
 * The CRM database opened for reading only (reports, the dashboard, `intake report`): no
 * migrations run, and every transaction of its connections is read-only.
 */
export type SinkReader = Pick<Sink, 'backend' | 'report' | 'overview' | 'ping' | 'close'>;

/** What the live dashboard asks the database. */
export interface OverviewQuery {
  /** Inclusive lower bound on `received_at`. */
  from: Date;
  /** Exclusive upper bound on `received_at`. */
  to: Date;
  /** Width of a time bucket, seconds (1 to 86,400); buckets start at multiples of it since the epoch. */
  bucketSeconds: number;
  /** At most this many open emergencies are listed (1 to 500); all are counted. */
  openLimit: number;
}

/** Items of one channel and kind received in one time bucket; buckets with none are absent. */
export interface FlowCount {
  /** The bucket's start; ISO 8601, UTC. */
  bucket: string;
  channel: Channel;
  kind: DecisionKind;
  /** Every recorded item, linked repeats included. */
  items: number;
  /** Of those, the ones with the gas emergency flag. */
  emergencies: number;
}

/** An open gas emergency as a wall screen shows it: references, place and deadline, no personal data. */
export interface OpenEmergency {
  itemId: string;
  applicationNumber: string | null;
  channel: Channel;
  /** ISO 8601, UTC. */
  receivedAt: string;
  district: string | null;
  unit: string | null;
  /** ISO 8601, UTC; null when the record has none. */
  deadline: string | null;
}

/** The database's part of the dashboard. */
export interface Overview {
  /** Ordered by bucket, channel, kind. */
  flow: FlowCount[];
  /**
   * Emergencies that are crm or needs-info records, not linked repeats and not resolved: soonest
   * deadline first (overdue on top), at most `openLimit` of them, and how many there are.
   */
  openEmergencies: { total: number; items: OpenEmergency[] };
}

/** Which archived faxes and letters to list: `archive-only` rows, by when they were received. */
export interface ArchiveQuery {
  /** Inclusive lower bound on `received_at`; null or absent: from the first. */
  from?: Date | null;
  /** Exclusive upper bound on `received_at`; null or absent: up to the last. */
  to?: Date | null;
  /** Only this channel (fax or letter: the only ones archived). */
  channel?: Channel | null;
  /** Only the petition with this number in the mail room's document-tracking system (exact). */
  registryNumber?: string | null;
  /** At most this many, 1 to 10,000. */
  limit: number;
}

/**
 * One archived item as the list shows it: references and what was missing, no personal data.
 * The original scan is the raw item's attachment in the blob store; the decision does not carry
 * its blob reference, so the item id is what names it.
 */
export interface ArchivedItem {
  itemId: string;
  channel: Channel;
  /** ISO 8601, UTC. */
  receivedAt: string;
  /** When the item was first recorded; ISO 8601, UTC. */
  recordedAt: string;
  /** The mail room's registry number, when the petition was registered there first. */
  registryNumber: string | null;
  /** The required customer fields that were absent. */
  missing: Decision['missing'];
  reasons: ReasonCode[];
  emergency: boolean;
  /** How the scan was read (decision.document); null when the decision says nothing of it. */
  document: { read: NonNullable<Decision['document']>['read']; pages: number; problem: string | null } | null;
}

/** A page of the archive, oldest first. */
export interface ArchiveList {
  items: ArchivedItem[];
  /** More items matched than `limit`. */
  more: boolean;
}

/** A decision a row had before it was re-examined, with when and by whom it was replaced. */
export interface HistoryEntry {
  decision: Decision;
  /** When that decision was recorded; ISO 8601, UTC. */
  recordedAt: string;
  /** ISO 8601, UTC. */
  reExaminedAt: string;
  /** The person who supplied the missing data. */
  reExaminedBy: string;
}

/** An item that is or was in the archive, whole: personal data included. */
export interface ArchiveEntry extends ArchivedItem {
  /** `archive-only` while archived; what re-examination made of it after. */
  kind: DecisionKind;
  applicationNumber: string | null;
  /** The current decision. */
  decision: Decision;
  /** Earlier decisions, oldest first; empty until re-examined. */
  history: HistoryEntry[];
}

/** What re-examination made of an archived item. */
export interface ReExamined {
  kind: DecisionKind;
  /** `YYYY-NNNNNN` for crm and needs-info (not for a linked repeat); null otherwise. */
  applicationNumber: string | null;
}

/** The archive of faxes and letters that lacked the required customer data (DOMAIN.md rule 2). */
export interface Archive {
  /**
   * Archived items received in `[from, to)`, oldest first.
   * @throws IntakeError INTAKE_REQUEST_INVALID for bad bounds or limit; INTAKE_DB_UNAVAILABLE
   */
  list(query: ArchiveQuery): Promise<ArchiveList>;
  /** The item with its decision and history when it is or was archived; null otherwise. */
  show(itemId: string): Promise<ArchiveEntry | null>;
  /**
   * Replaces an archived item's decision with `decided` (made after a person supplied the missing
   * data), in one transaction: the row is locked, must still be `archive-only`, its decision goes
   * to its history, and a crm or needs-info record gets the next application number of its year.
   * @param by who supplied the data
   * @param at when (injected: the caller owns the clock)
   * @throws IntakeError INTAKE_NOT_ARCHIVED when the item is not (or no longer) archive-only;
   *   RangeError when `decided` is of another item or still archive-only (a caller's bug)
   */
  reExamine(itemId: string, decided: Decision, by: string, at: Date): Promise<ReExamined>;
}
