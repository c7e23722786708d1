import type { DecisionKind } from '../schemas/types.generated.js';
import type { Queryable } from './db.js';

// Istanbul has kept UTC+3 all year since 2016-09-07 (no DST). Items are not older than that.
const ISTANBUL_OFFSET_MS = 3 * 60 * 60 * 1000;

/**
 * The calendar year in Istanbul at `receivedAt`: numbering restarts on 1 January local time,
 * so 2026-12-31T22:30Z is already 2027.
 * @throws RangeError when `receivedAt` is not a date-time (the schema should have caught it)
 */
export function istanbulYear(receivedAt: string): number {
  const ms = Date.parse(receivedAt);
  if (Number.isNaN(ms)) throw new RangeError('receivedAt is not a date-time');
  return new Date(ms + ISTANBUL_OFFSET_MS).getUTCFullYear();
}

/** `2026-000123`: the year, a dash, the sequence zero-padded to 6 digits (more when it outgrows them). */
export function formatApplicationNumber(year: number, sequence: number): string {
  return `${year}-${String(sequence).padStart(6, '0')}`;
}

/** Only records that enter the CRM get a number the customer is told; archived and ignored items do not. */
export function isNumbered(kind: DecisionKind): boolean {
  return kind === 'crm' || kind === 'needs-info';
}

/**
 * Takes the next number of `year`. Must run in the transaction that inserts the record: the
 * row lock serialises writers of a year, and a rollback gives the number back, so no gaps.
 */
export async function allocateApplicationNumber(tx: Queryable, year: number): Promise<string> {
  const rows = await tx.query<{ last: number }>(
    `INSERT INTO application_sequences (year, last) VALUES ($1, 1)
     ON CONFLICT (year) DO UPDATE SET last = application_sequences.last + 1
     RETURNING last`,
    [year],
  );
  const last = rows[0]?.last;
  if (last === undefined) throw new Error('application_sequences upsert returned no row');
  return formatApplicationNumber(year, last);
}
