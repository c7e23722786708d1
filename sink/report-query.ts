import { IntakeError } from '../runtime/errors.js';
import type { Queryable } from './db.js';
import type { Report, ReportDimension, ReportQuery, ReportRow } from './types.js';

// The key of each dimension, as SQL over one `applications` row. Fixed text chosen by `by`, never
// the caller's: that is what makes interpolating it safe.
const KEY_SQL: Record<ReportDimension, string> = {
  region: `COALESCE(NULLIF(btrim(district), ''), '(unknown)')`,
  unit: `COALESCE(unit, '(none)')`,
  topic: `CASE WHEN topic_main IS NULL THEN '(none)' WHEN topic_sub IS NULL THEN topic_main ELSE topic_main || '/' || topic_sub END`,
  channel: 'channel',
};

/** Every dimension a report can be split by. */
export const reportDimensions = Object.keys(KEY_SQL) as ReportDimension[];

/** The key of the grand total row. */
export const TOTAL_KEY = '(total)';

// `dup`: a linked repeat, counted apart. `tracked`: a record someone must resolve by a deadline.
// Overdue: a NULL deadline makes both comparisons NULL, so a record without one is never a breach.
// GROUPING SETS gives the per-key rows and the grand total in one pass over one snapshot; the ()
// set yields a row even when nothing matched, so the total is always there.
function reportSql(by: ReportDimension, where: string[]): string {
  return `SELECT GROUPING(k) = 1 AS is_total, k AS key,
  count(*) FILTER (WHERE NOT dup)::int AS total,
  count(*) FILTER (WHERE NOT dup AND kind = 'crm')::int AS crm,
  count(*) FILTER (WHERE NOT dup AND kind = 'needs-info')::int AS needs_info,
  count(*) FILTER (WHERE NOT dup AND kind = 'archive-only')::int AS archive_only,
  count(*) FILTER (WHERE NOT dup AND kind = 'ignored')::int AS ignored,
  count(*) FILTER (WHERE NOT dup AND emergency)::int AS emergencies,
  count(*) FILTER (WHERE dup)::int AS linked_duplicates,
  count(*) FILTER (WHERE tracked AND resolved_at IS NULL)::int AS open,
  count(*) FILTER (WHERE tracked AND (resolved_at > deadline OR (resolved_at IS NULL AND deadline < $1::timestamptz)))::int AS overdue,
  percentile_cont(0.5) WITHIN GROUP (ORDER BY hours_to_resolve) FILTER (WHERE tracked AND resolved_at IS NOT NULL) AS median_resolution_hours
FROM (
  SELECT ${KEY_SQL[by]} AS k, kind, emergency, deadline, resolved_at,
    linked_to_item_id IS NOT NULL AS dup,
    linked_to_item_id IS NULL AND kind IN ('crm', 'needs-info') AS tracked,
    (extract(epoch FROM resolved_at - received_at) / 3600)::float8 AS hours_to_resolve
  FROM applications
  ${where.length === 0 ? '' : `WHERE ${where.join(' AND ')}`}
) counted
GROUP BY GROUPING SETS ((k), ())`;
}

interface CountRow {
  is_total: boolean;
  key: string | null;
  total: number;
  crm: number;
  needs_info: number;
  archive_only: number;
  ignored: number;
  emergencies: number;
  linked_duplicates: number;
  open: number;
  overdue: number;
  median_resolution_hours: number | null;
}

function toReportRow(row: CountRow): ReportRow {
  const median = row.median_resolution_hours;
  return {
    key: row.is_total ? TOTAL_KEY : (row.key ?? ''),
    total: row.total,
    crm: row.crm,
    needsInfo: row.needs_info,
    archiveOnly: row.archive_only,
    ignored: row.ignored,
    emergencies: row.emergencies,
    linkedDuplicates: row.linked_duplicates,
    open: row.open,
    overdue: row.overdue,
    medianResolutionHours: median === null ? null : Math.round(Number(median) * 10) / 10,
  };
}

// Sorted here, not in SQL: the server's collation (C, en_US, tr_TR) and PGlite's differ, and
// district names need Turkish order (Çatalca after Beylikdüzü, Şile after Sarıyer) on both.
const turkish = new Intl.Collator('tr', { sensitivity: 'variant' });

function isDate(value: unknown): value is Date {
  return value instanceof Date && !Number.isNaN(value.getTime());
}

function checkQuery(query: ReportQuery): void {
  if (!reportDimensions.includes(query.by)) {
    throw new IntakeError('INTAKE_REQUEST_INVALID', `a report is split by one of: ${reportDimensions.join(', ')}`, { details: { field: 'by' } });
  }
  const bad = (['from', 'to'] as const).find((field) => query[field] != null && !isDate(query[field])) ?? (isDate(query.now) ? undefined : 'now');
  if (bad !== undefined) throw new IntakeError('INTAKE_REQUEST_INVALID', `${bad} must be a valid Date`, { details: { field: bad } });
  if (query.from && query.to && query.from.getTime() >= query.to.getTime()) {
    throw new IntakeError('INTAKE_REQUEST_INVALID', 'from must be before to', { details: { field: 'from' } });
  }
}

/**
 * Runs the report query: one SELECT, the same SQL on PostgreSQL 15 and PGlite (PostgreSQL 18).
 * @throws IntakeError INTAKE_REQUEST_INVALID for an unknown dimension or bad bounds; INTAKE_DB_UNAVAILABLE
 */
export async function queryReport(db: Queryable, query: ReportQuery): Promise<Report> {
  checkQuery(query);
  // ISO strings rather than Dates: both drivers pass text through unchanged.
  const params: string[] = [query.now.toISOString()];
  const where: string[] = [];
  if (query.from) {
    params.push(query.from.toISOString());
    where.push(`received_at >= $${params.length}::timestamptz`);
  }
  if (query.to) {
    params.push(query.to.toISOString());
    where.push(`received_at < $${params.length}::timestamptz`);
  }
  const counted = await db.query<CountRow>(reportSql(query.by, where), params);
  const totalRow = counted.find((row) => row.is_total);
  // The () grouping set always yields a row; without it the SQL above was changed wrongly.
  if (totalRow === undefined) throw new Error('the report query returned no total row');
  const rows = counted.filter((row) => !row.is_total).map(toReportRow);
  rows.sort((a, b) => b.total - a.total || turkish.compare(a.key, b.key) || (a.key < b.key ? -1 : a.key > b.key ? 1 : 0));
  return { rows, total: toReportRow(totalRow) };
}
