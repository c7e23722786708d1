/**
 * The archive of faxes and letters (DOMAIN.md rule 2): those without the required customer data
 * are recorded `archive-only` and not processed. They are listed by date, channel and the mail
 * room's registry number, and a person who supplies the missing data turns one into a record; its
 * earlier decision stays in the row's history.
 */
import type { Channel, Decision, DecisionKind, ReasonCode } from '../schemas/types.generated.js';
import { IntakeError } from '../runtime/errors.js';
import { storableJson } from '../runtime/storable-text.js';
import { allocateNumbers } from './allocate-numbers.js';
import { istanbulYear, isNumbered } from './application-number.js';
import { replaceDecision } from './applications-table.js';
import type { Db, Queryable } from './db.js';
import { applyRegistryUpdates } from './subscribers.js';
import type { ArchivedItem, ArchiveEntry, ArchiveList, ArchiveQuery, HistoryEntry, ReExamined } from './types.js';

/** The most one list returns. */
export const ARCHIVE_LIST_MAX = 10_000;

interface ListRow {
  item_id: string;
  channel: Channel;
  received_at: Date;
  recorded_at: Date;
  registry_number: string | null;
  missing: Decision['missing'];
  reasons: ReasonCode[];
  emergency: boolean;
  document: Decision['document'] | null;
}

interface EntryRow extends ListRow {
  kind: DecisionKind;
  application_number: string | null;
  decision: Decision;
  history: HistoryEntry[];
}

const LIST_COLUMNS = `item_id, channel, received_at, recorded_at, registry_number, missing, reasons, emergency, decision -> 'document' AS document`;

function toItem(row: ListRow): ArchivedItem {
  const d = row.document ?? null;
  return {
    itemId: row.item_id,
    channel: row.channel,
    receivedAt: row.received_at.toISOString(),
    recordedAt: row.recorded_at.toISOString(),
    registryNumber: row.registry_number,
    missing: row.missing,
    reasons: row.reasons,
    emergency: row.emergency,
    document: d === null ? null : { read: d.read, pages: d.pages, problem: d.problem ?? null },
  };
}

function isDate(value: unknown): value is Date {
  return value instanceof Date && !Number.isNaN(value.getTime());
}

function invalid(field: string, message: string): IntakeError {
  return new IntakeError('INTAKE_REQUEST_INVALID', `${field} ${message}`, { details: { field } });
}

function checkQuery(query: ArchiveQuery): void {
  if (!Number.isInteger(query.limit) || query.limit < 1 || query.limit > ARCHIVE_LIST_MAX) throw invalid('limit', `must be an integer from 1 to ${ARCHIVE_LIST_MAX}`);
  for (const field of ['from', 'to'] as const) if (query[field] != null && !isDate(query[field])) throw invalid(field, 'must be a valid Date');
  if (query.from && query.to && query.from.getTime() >= query.to.getTime()) throw invalid('from', 'must be before to');
  if (query.registryNumber != null && query.registryNumber.trim() === '') throw invalid('registryNumber', 'must not be empty');
}

/**
 * Archived items received in `[from, to)`, oldest first, at most `limit`. One SELECT served by the
 * partial index on archived rows (or the registry number's index).
 * @throws IntakeError INTAKE_REQUEST_INVALID for a bad limit or bounds; INTAKE_DB_UNAVAILABLE
 */
export async function listArchived(db: Queryable, query: ArchiveQuery): Promise<ArchiveList> {
  checkQuery(query);
  const params: unknown[] = [];
  const where = [`kind = 'archive-only'`];
  const add = (sql: string, value: unknown): void => {
    params.push(value);
    where.push(sql.replace('?', `$${params.length}`));
  };
  // ISO strings rather than Dates: both drivers pass text through unchanged.
  if (query.from) add('received_at >= ?::timestamptz', query.from.toISOString());
  if (query.to) add('received_at < ?::timestamptz', query.to.toISOString());
  if (query.channel != null) add('channel = ?', query.channel);
  if (query.registryNumber != null) add('registry_number = ?', query.registryNumber.trim());
  // One more than asked for says whether there are more.
  params.push(query.limit + 1);
  const rows = await db.query<ListRow>(`SELECT ${LIST_COLUMNS} FROM applications WHERE ${where.join(' AND ')} ORDER BY received_at, id LIMIT $${params.length}`, params);
  return { items: rows.slice(0, query.limit).map(toItem), more: rows.length > query.limit };
}

/** The item whole, when it is archived or was archived before a re-examination; null otherwise. */
export async function showArchived(db: Queryable, itemId: string): Promise<ArchiveEntry | null> {
  const rows = await db.query<EntryRow>(
    `SELECT ${LIST_COLUMNS}, kind, application_number, decision, history FROM applications
      WHERE item_id = $1 AND (kind = 'archive-only' OR jsonb_array_length(history) > 0)`,
    [itemId],
  );
  const row = rows[0];
  if (row === undefined) return null;
  return { ...toItem(row), kind: row.kind, applicationNumber: row.application_number, decision: row.decision, history: row.history };
}

interface LockedRow { kind: DecisionKind; decision: Decision; recorded_at: Date }

/**
 * Replaces an archived item's decision, in one transaction: the row is locked (a concurrent
 * re-examination of the same item waits, then finds it no longer archived), its decision goes to
 * its history, and a crm or needs-info record that is not a linked repeat takes the next number of
 * its Istanbul year inside this transaction, so numbering stays gapless. Registry updates the new
 * decision carries are written with it, as when recording.
 * @throws IntakeError INTAKE_NOT_ARCHIVED (`details.kind`: what it is instead, null when never
 *   recorded); RangeError when `decided` is of another item or is still archive-only
 */
export async function reExamine(db: Db, itemId: string, given: Decision, by: string, at: Date): Promise<ReExamined> {
  if (given.itemId !== itemId) throw new RangeError('the decision is of another item');
  if (given.kind === 'archive-only') throw new RangeError('a re-examination that is still archive-only changes nothing');
  if (by.trim() === '') throw new RangeError('who re-examined it must be named');
  // The last guard, as when recording: no decision is refused for its content.
  const decided = storableJson(given);
  return db.transaction(async (tx) => {
    const [row] = await tx.query<LockedRow>(`SELECT kind, decision, recorded_at FROM applications WHERE item_id = $1 FOR UPDATE`, [itemId]);
    if (row === undefined || row.kind !== 'archive-only') {
      throw new IntakeError('INTAKE_NOT_ARCHIVED', `item ${itemId} is not in the archive`, { details: { itemId, kind: row?.kind ?? null } });
    }
    const numbered = isNumbered(decided.kind) && decided.linkedTo === null;
    const [applicationNumber = null] = numbered ? await allocateNumbers(tx, istanbulYear(decided.receivedAt), 1) : [];
    const earlier: HistoryEntry = { decision: row.decision, recordedAt: row.recorded_at.toISOString(), reExaminedAt: at.toISOString(), reExaminedBy: by };
    await replaceDecision(tx, decided, applicationNumber, earlier);
    await applyRegistryUpdates(tx, decided, at);
    return { kind: decided.kind, applicationNumber };
  });
}
