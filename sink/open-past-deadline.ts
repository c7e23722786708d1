/**
 * Records still open past their deadline, per responsible unit: what `intake_open_past_deadline`
 * shows. The same rule as the reports' `overdue` (report-query.ts), for records not resolved yet:
 * a crm or needs-info record that is not a linked repeat, with a deadline before `now`. A record
 * without a deadline is never past it. One SELECT on an indexed column, the same on both backends.
 */
import type { Queryable } from './db.js';

/** The unit of records without one. */
export const NO_UNIT = 'none';

/** @throws IntakeError INTAKE_DB_UNAVAILABLE */
export async function queryOpenPastDeadline(db: Queryable, now: Date): Promise<Array<{ unit: string; open: number }>> {
  const rows = await db.query<{ unit: string | null; open: number }>(
    `SELECT unit, count(*)::int AS open FROM applications
     WHERE linked_to_item_id IS NULL AND kind IN ('crm', 'needs-info') AND resolved_at IS NULL AND deadline < $1::timestamptz
     GROUP BY unit`,
    [now.toISOString()],
  );
  return rows.map((r) => ({ unit: r.unit ?? NO_UNIT, open: Number(r.open) }));
}
