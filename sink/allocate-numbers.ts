/**
 * Application numbers for a batch: one statement takes `count` numbers of a year at once, inside
 * the recording transaction, so they commit or roll back with the rows (numbers are shown to
 * customers: no gaps). Concurrent writers queue on the year's sequence row.
 */
import { formatApplicationNumber } from './application-number.js';
import type { Queryable } from './db.js';

const ALLOCATE_SQL = `INSERT INTO application_sequences (year, last) VALUES ($1, $2)
  ON CONFLICT (year) DO UPDATE SET last = application_sequences.last + $2
  RETURNING last`;

/** The next `count` numbers of `year`, in order. */
export async function allocateNumbers(tx: Queryable, year: number, count: number): Promise<string[]> {
  if (count === 0) return [];
  const rows = await tx.query<{ last: number }>(ALLOCATE_SQL, [year, count], { prepare: true });
  const last = Number(rows[0]?.last);
  return Array.from({ length: count }, (_, i) => formatApplicationNumber(year, last - count + 1 + i));
}
