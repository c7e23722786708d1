import type { Channel, Decision, DecisionKind, ReasonCode } from '../schemas/types.generated.js';
import { jsonOnce } from '../runtime/json-once.js';
import { NEXT_NUMBER_CTE } from './application-number.js';
import type { Queryable } from './db.js';
import type { StoredApplication } from './types.js';

/** The constraint a redelivered item runs into. */
export const ITEM_ID_CONSTRAINT = 'applications_item_id_key';

const COLUMNS = [
  'item_id', 'kind', 'channel', 'received_at', 'recorded_at', 'emergency',
  'topic_main', 'topic_sub', 'unit', 'resolution_hours', 'deadline',
  'full_name', 'national_id', 'contract_account_number', 'phone', 'email', 'district', 'address', 'is_subscriber',
  'description', 'proposed_solution', 'entered_by', 'reasons', 'missing', 'decision',
  'linked_to_item_id', 'contact_person', 'registry_number',
] as const;

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

/** A decision as the value of each of {@link COLUMNS}. */
function columnValues(decision: Decision, recordedAt: Date | null): Record<Column, unknown> {
  const { customer: c, topic } = decision;
  return {
    item_id: decision.itemId, kind: decision.kind, channel: decision.channel,
    received_at: decision.receivedAt, recorded_at: recordedAt, emergency: decision.emergency,
    topic_main: topic?.main ?? null, topic_sub: topic?.sub ?? null, unit: decision.unit,
    resolution_hours: decision.resolutionHours, deadline: decision.deadline,
    full_name: c.fullName, national_id: c.nationalId, contract_account_number: c.contractAccountNumber,
    phone: c.phone, email: c.email, district: c.district, address: c.address, is_subscriber: c.isSubscriber,
    description: decision.description, proposed_solution: decision.proposedSolution, entered_by: decision.enteredBy,
    reasons: decision.reasons, missing: decision.missing, decision: jsonOnce(decision),
    linked_to_item_id: decision.linkedTo?.itemId ?? null, contact_person: decision.contactPerson?.fullName ?? null,
    registry_number: decision.document?.registryNumber ?? null,
  };
}

/** A decision as the values of {@link COLUMNS}, in order. */
export function rowValues(decision: Decision, recordedAt: Date): unknown[] {
  const values = columnValues(decision, recordedAt);
  return COLUMNS.map((column) => values[column]);
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
  for (let start = 0; start < rows.length;) {
    const size = chunkSize(rows.length - start);
    const params: unknown[] = [];
    for (let r = start; r < start + size; r++) {
      const { decision, applicationNumber } = rows[r] as { decision: Decision; applicationNumber: string | null };
      params.push(...rowValues(decision, recordedAt), applicationNumber);
    }
    await db.query(insertSql(size), params, { prepare: true });
    start += size;
  }
}

// Every column a decision fills, except the item's identity and its first recording time.
const REPLACED = COLUMNS.filter((column) => column !== 'item_id' && column !== 'recorded_at');

const REPLACE_SQL = `UPDATE applications SET
    ${REPLACED.map((column, i) => `${column} = $${i + 2}${CASTS[column] ?? ''}`).join(',\n    ')},
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
  const values = columnValues(decision, null);
  const params = REPLACED.map((column) => values[column]);
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
