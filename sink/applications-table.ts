import type { Channel, Decision, DecisionKind, ReasonCode } from '../schemas/types.generated.js';
import { jsonOnce } from '../runtime/json-once.js';
import { NEXT_NUMBER_CTE } from './application-number.js';
import type { Queryable } from './db.js';
import type { StoredApplication } from './types.js';

/** The constraint a redelivered item runs into. */
export const ITEM_ID_CONSTRAINT = 'applications_item_id_key';

// Each column and how a decision fills it, in the statements' order. A table of getters rather
// than an object per row: building 29-key objects for every row of a batch was a tenth of the
// insert's time in Node (issue 11). `recorded_at` is the row's recording time, ISO 8601.
const COLUMN_VALUES = [
  ['item_id', (d: Decision) => d.itemId], ['kind', (d: Decision) => d.kind], ['channel', (d: Decision) => d.channel],
  ['received_at', (d: Decision) => d.receivedAt], ['recorded_at', (_: Decision, recordedAt: string | null) => recordedAt], ['emergency', (d: Decision) => d.emergency],
  ['topic_main', (d: Decision) => d.topic?.main ?? null], ['topic_sub', (d: Decision) => d.topic?.sub ?? null], ['unit', (d: Decision) => d.unit],
  ['resolution_hours', (d: Decision) => d.resolutionHours], ['deadline', (d: Decision) => d.deadline],
  ['full_name', (d: Decision) => d.customer.fullName], ['national_id', (d: Decision) => d.customer.nationalId], ['contract_account_number', (d: Decision) => d.customer.contractAccountNumber],
  ['phone', (d: Decision) => d.customer.phone], ['email', (d: Decision) => d.customer.email], ['district', (d: Decision) => d.customer.district],
  ['address', (d: Decision) => d.customer.address], ['is_subscriber', (d: Decision) => d.customer.isSubscriber],
  ['description', (d: Decision) => d.description], ['proposed_solution', (d: Decision) => d.proposedSolution], ['entered_by', (d: Decision) => d.enteredBy],
  ['reasons', (d: Decision) => d.reasons], ['missing', (d: Decision) => d.missing], ['decision', (d: Decision) => jsonOnce(d)],
  ['linked_to_item_id', (d: Decision) => d.linkedTo?.itemId ?? null], ['contact_person', (d: Decision) => d.contactPerson?.fullName ?? null],
  ['registry_number', (d: Decision) => d.document?.registryNumber ?? null],
] as const satisfies ReadonlyArray<readonly [string, (d: Decision, recordedAt: string | null) => unknown]>;

const COLUMNS = COLUMN_VALUES.map(([column]) => column);

type Column = (typeof COLUMNS)[number];

// Casts make the parameter types explicit, so both drivers serialise arrays and JSON alike.
const CASTS: Partial<Record<Column, string>> = { reasons: '::text[]', missing: '::text[]', decision: '::json' };

const PLAIN_INSERT_SQL = `INSERT INTO applications (${COLUMNS.join(', ')}, application_number)
  VALUES (${COLUMNS.map((column, i) => `$${i + 1}${CASTS[column] ?? ''}`).join(', ')}, NULL)
  RETURNING application_number`;

// One statement numbers and inserts: a failed insert (a redelivery hitting the item id) takes the
// sequence's increment back with it, and autocommit makes it one round trip.
const NUMBERED_INSERT_SQL = `WITH ${NEXT_NUMBER_CTE}
  INSERT INTO applications (${COLUMNS.join(', ')}, application_number)
  SELECT ${COLUMNS.map((column, i) => `$${i + 2}${CASTS[column] ?? ''}`).join(', ')}, next_number.application_number FROM next_number
  RETURNING application_number`;

/** A decision as the values of {@link COLUMNS}, in order, appended to `params`. */
function pushRowValues(params: unknown[], decision: Decision, recordedAt: string | null): void {
  for (const [, value] of COLUMN_VALUES) params.push(value(decision, recordedAt));
}

/** A decision as the values of {@link COLUMNS}, in order. */
function rowValues(decision: Decision, recordedAt: Date): unknown[] {
  const params: unknown[] = [];
  pushRowValues(params, decision, recordedAt.toISOString());
  return params;
}

/**
 * Inserts one row, numbered in `year` when one is given, and returns its number. Throws the unique
 * violation of {@link ITEM_ID_CONSTRAINT} when the item is already there; nothing is then written.
 */
export async function insertApplication(db: Queryable, decision: Decision, year: number | null, recordedAt: Date): Promise<string | null> {
  const params = rowValues(decision, recordedAt);
  const rows = year === null
    ? await db.query<{ application_number: string | null }>(PLAIN_INSERT_SQL, params, { prepare: true })
    : await db.query<{ application_number: string | null }>(NUMBERED_INSERT_SQL, [year, ...params], { prepare: true });
  return rows[0]?.application_number ?? null;
}

// Rows per statement: powers of two, so a handful of statement texts serve every batch size and
// each connection parses and plans each of them once (a batch of 500 takes six statements).
const MAX_ROWS_PER_INSERT = 256;
const insertSqls = new Map<number, string>();

function insertSql(rows: number): string {
  let sql = insertSqls.get(rows);
  if (sql === undefined) {
    const width = COLUMNS.length + 1;
    const tuples = Array.from({ length: rows }, (_, r) => `(${[...COLUMNS.map((column, i) => `$${r * width + i + 1}${CASTS[column] ?? ''}`), `$${r * width + width}`].join(', ')})`);
    sql = `INSERT INTO applications (${COLUMNS.join(', ')}, application_number) VALUES ${tuples.join(', ')}`;
    insertSqls.set(rows, sql);
  }
  return sql;
}

/** The largest power of two not above `n` nor {@link MAX_ROWS_PER_INSERT}. */
function chunkSize(n: number): number {
  let size = MAX_ROWS_PER_INSERT;
  while (size > n) size >>= 1;
  return size;
}

/**
 * Inserts rows whose numbers are already allocated, in a few prepared statements. Throws the
 * unique violation of {@link ITEM_ID_CONSTRAINT} when one of them is already there; run it in a
 * transaction, so nothing is then written.
 */
export async function insertApplications(db: Queryable, rows: ReadonlyArray<{ decision: Decision; applicationNumber: string | null }>, recordedAt: Date): Promise<void> {
  const recorded = recordedAt.toISOString();
  for (let start = 0; start < rows.length;) {
    const size = chunkSize(rows.length - start);
    const params: unknown[] = [];
    for (let r = start; r < start + size; r++) {
      const { decision, applicationNumber } = rows[r] as { decision: Decision; applicationNumber: string | null };
      pushRowValues(params, decision, recorded);
      params.push(applicationNumber);
    }
    await db.query(insertSql(size), params, { prepare: true });
    start += size;
  }
}

// Every column a decision fills, except the item's identity and its first recording time.
const REPLACED = COLUMN_VALUES.filter(([column]) => column !== 'item_id' && column !== 'recorded_at');

const REPLACE_SQL = `UPDATE applications SET
    ${REPLACED.map(([column], i) => `${column} = $${i + 2}${CASTS[column] ?? ''}`).join(',\n    ')},
    application_number = $${REPLACED.length + 2},
    history = history || jsonb_build_array($${REPLACED.length + 3}::jsonb)
  WHERE item_id = $1`;

/**
 * Puts a new decision in an existing row, numbered `applicationNumber`, and appends `earlier` (the
 * decision it replaces, with when and by whom) to the row's history. The row keeps its item id and
 * its first recording time. Run it in the transaction that locked the row.
 * @returns whether the row was there
 */
export async function replaceDecision(tx: Queryable, decision: Decision, applicationNumber: string | null, earlier: object): Promise<boolean> {
  const params = REPLACED.map(([, value]) => value(decision, null));
  const rows = await tx.query<{ item_id: string }>(`${REPLACE_SQL} RETURNING item_id`, [decision.itemId, ...params, applicationNumber, JSON.stringify(earlier)]);
  return rows.length === 1;
}

interface ApplicationRow {
  item_id: string;
  application_number: string | null;
  kind: DecisionKind;
  channel: Channel;
  emergency: boolean;
  reasons: ReasonCode[];
  decision: Decision;
  recorded_at: Date;
}

const SELECT_SQL = `SELECT item_id, application_number, kind, channel, emergency, reasons, decision, recorded_at FROM applications`;

function toStored(row: ApplicationRow): StoredApplication {
  return {
    itemId: row.item_id,
    applicationNumber: row.application_number,
    kind: row.kind,
    channel: row.channel,
    emergency: row.emergency,
    reasons: row.reasons,
    decision: row.decision,
    recordedAt: row.recorded_at.toISOString(),
  };
}

/** The recorded item, or null. */
export async function findApplication(db: Queryable, itemId: string): Promise<StoredApplication | null> {
  const rows = await db.query<ApplicationRow>(`${SELECT_SQL} WHERE item_id = $1`, [itemId]);
  return rows[0] === undefined ? null : toStored(rows[0]);
}

/** Recorded items in recording order (the identity column), optionally of one kind. */
export async function listApplications(db: Queryable, kind: DecisionKind | undefined): Promise<StoredApplication[]> {
  const rows = kind === undefined
    ? await db.query<ApplicationRow>(`${SELECT_SQL} ORDER BY id`)
    : await db.query<ApplicationRow>(`${SELECT_SQL} WHERE kind = $1 ORDER BY id`, [kind]);
  return rows.map(toStored);
}

/** Row counts per kind; kinds without rows are absent. */
export async function countKinds(db: Queryable): Promise<Array<{ kind: DecisionKind; n: number }>> {
  return db.query<{ kind: DecisionKind; n: number }>(`SELECT kind, count(*)::int AS n FROM applications GROUP BY kind`);
}

/** What a redelivery needs to know about the first write, or null if there was none. */
export async function findRecording(db: Queryable, itemId: string): Promise<{ applicationNumber: string | null; recordedAt: string } | null> {
  const rows = await db.query<{ application_number: string | null; recorded_at: Date }>(
    `SELECT application_number, recorded_at FROM applications WHERE item_id = $1`,
    [itemId],
  );
  const row = rows[0];
  return row === undefined ? null : { applicationNumber: row.application_number, recordedAt: row.recorded_at.toISOString() };
}
