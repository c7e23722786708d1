/**
 * What the live dashboard reads from the database: items per time bucket, channel and kind, and
 * the open gas emergencies. Two SELECTs, the same SQL on PostgreSQL and PGlite; no personal data
 * leaves this file (a wall screen shows it).
 */
import type { Channel, DecisionKind } from '../schemas/types.generated.js';
import { IntakeError } from '../runtime/errors.js';
import type { Queryable } from './db.js';
import type { FlowCount, OpenEmergency, Overview, OverviewQuery } from './types.js';

/** The most open emergencies one overview lists (the total is always counted). */
export const OPEN_EMERGENCIES_MAX = 500;

// By receipt time, as the reports count: `received_at` is indexed, and an item recorded late
// (a backlog drained) still shows when the customer wrote. Every row counts, linked repeats too:
// the chart shows load, not applications. Bucket starts are epoch multiples of the width, so
// hours and minutes line up with Istanbul's (UTC+3, whole hours).
const FLOW_SQL = `SELECT (floor(extract(epoch FROM received_at) / $3::int) * $3::int)::float8 AS bucket,
  channel, kind, count(*)::int AS items, count(*) FILTER (WHERE emergency)::int AS emergencies
FROM applications
WHERE received_at >= $1::timestamptz AND received_at < $2::timestamptz
GROUP BY 1, 2, 3
ORDER BY 1, 2, 3`;

// Open as the reports count it: a crm or needs-info record, not a linked repeat, not resolved.
// Soonest deadline first (overdue ones on top); the window count is taken before LIMIT.
const OPEN_EMERGENCIES_SQL = `SELECT item_id, application_number, channel, received_at, district, unit, deadline,
  count(*) OVER ()::int AS total
FROM applications
WHERE emergency AND resolved_at IS NULL AND linked_to_item_id IS NULL AND kind IN ('crm', 'needs-info')
ORDER BY deadline ASC NULLS LAST, received_at ASC, item_id ASC
LIMIT $1::int`;

interface FlowRow { bucket: number; channel: Channel; kind: DecisionKind; items: number; emergencies: number }

interface OpenRow {
  item_id: string;
  application_number: string | null;
  channel: Channel;
  received_at: Date;
  district: string | null;
  unit: string | null;
  deadline: Date | null;
  total: number;
}

function isDate(value: unknown): value is Date {
  return value instanceof Date && !Number.isNaN(value.getTime());
}

function checkQuery(query: OverviewQuery): void {
  const bad = (field: string, message: string): IntakeError => new IntakeError('INTAKE_REQUEST_INVALID', `${field} ${message}`, { details: { field } });
  if (!isDate(query.from)) throw bad('from', 'must be a valid Date');
  if (!isDate(query.to)) throw bad('to', 'must be a valid Date');
  if (query.from.getTime() >= query.to.getTime()) throw bad('from', 'must be before to');
  if (!Number.isInteger(query.bucketSeconds) || query.bucketSeconds < 1 || query.bucketSeconds > 86_400) throw bad('bucketSeconds', 'must be a whole number of seconds, 1 to 86400');
  if (!Number.isInteger(query.openLimit) || query.openLimit < 1 || query.openLimit > OPEN_EMERGENCIES_MAX) throw bad('openLimit', `must be 1 to ${OPEN_EMERGENCIES_MAX}`);
}

function toOpen(row: OpenRow): OpenEmergency {
  return {
    itemId: row.item_id,
    applicationNumber: row.application_number,
    channel: row.channel,
    receivedAt: row.received_at.toISOString(),
    district: row.district,
    unit: row.unit,
    deadline: row.deadline === null ? null : row.deadline.toISOString(),
  };
}

/**
 * Runs the dashboard's two SELECTs.
 * @throws IntakeError INTAKE_REQUEST_INVALID for bad bounds, bucket or limit; INTAKE_DB_UNAVAILABLE
 */
export async function queryOverview(db: Queryable, query: OverviewQuery): Promise<Overview> {
  checkQuery(query);
  const [flowRows, openRows] = await Promise.all([
    db.query<FlowRow>(FLOW_SQL, [query.from.toISOString(), query.to.toISOString(), query.bucketSeconds]),
    db.query<OpenRow>(OPEN_EMERGENCIES_SQL, [query.openLimit]),
  ]);
  const flow: FlowCount[] = flowRows.map((row) => ({
    bucket: new Date(Number(row.bucket) * 1000).toISOString(),
    channel: row.channel,
    kind: row.kind,
    items: row.items,
    emergencies: row.emergencies,
  }));
  return { flow, openEmergencies: { total: openRows[0]?.total ?? 0, items: openRows.map(toOpen) } };
}
