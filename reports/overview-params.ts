/** `GET /v1/overview?hours=N` as text → the checked window, or field errors. */
import type { FieldError } from '../runtime/schemas.js';

/** The longest window: a week of hourly buckets. */
export const OVERVIEW_MAX_HOURS = 168;
/** Up to this many hours the charts have a bucket per minute; longer windows, one per hour. */
export const MINUTE_BUCKETS_UP_TO_HOURS = 6;

export interface OverviewParams {
  hours: number;
  bucketSeconds: 60 | 3600;
}

const KNOWN = new Set(['hours']);

/** Checks the query: `hours` 1 to 168 (default 24); any other parameter is refused. */
export function parseOverviewParams(query: Record<string, unknown>): { ok: true; params: OverviewParams } | { ok: false; errors: FieldError[] } {
  const errors: FieldError[] = Object.keys(query).filter((name) => !KNOWN.has(name)).map((path) => ({ path, message: 'is not a known parameter' }));
  const raw = query.hours ?? '24';
  const hours = typeof raw === 'string' && /^\d{1,3}$/.test(raw) ? Number(raw) : NaN;
  if (!(hours >= 1 && hours <= OVERVIEW_MAX_HOURS)) errors.push({ path: 'hours', message: `must be a whole number of hours, 1 to ${OVERVIEW_MAX_HOURS}` });
  if (errors.length > 0) return { ok: false, errors };
  return { ok: true, params: { hours, bucketSeconds: hours <= MINUTE_BUCKETS_UP_TO_HOURS ? 60 : 3600 } };
}
