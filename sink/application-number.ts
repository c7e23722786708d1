import type { DecisionKind } from '../schemas/types.generated.js';

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
 * SQL of the next number of a year (`$1`), as a data-modifying CTE named `next_number` with one
 * column `application_number`, formatted as {@link formatApplicationNumber} does. Used in the
 * statement that inserts the record, so that the sequence row's increment commits or rolls back
 * with it: application numbers are shown to customers, so no gaps.
 */
export const NEXT_NUMBER_CTE = `next_number AS (
    INSERT INTO application_sequences (year, last) VALUES ($1, 1)
    ON CONFLICT (year) DO UPDATE SET last = application_sequences.last + 1
    RETURNING $1::int::text || '-' || lpad(last::text, greatest(6, length(last::text)), '0') AS application_number
  )`;
