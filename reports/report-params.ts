/**
 * What a caller asks a report for, as text (CLI flags, a query string), checked once for both.
 * A bare date is a day in Istanbul, which has kept UTC+3 all year since 2016 (no DST).
 */
import type { FieldError } from '../runtime/schemas.js';
import { reportDimensions, type ReportDimension } from '../sink/index.js';

/** A checked report request; `now` is added by whoever owns the clock. */
export interface ReportParams {
  by: ReportDimension;
  /** Inclusive. */
  from: Date | null;
  /** Exclusive. */
  to: Date | null;
}

export type ParamsReading = { ok: true; params: ReportParams } | { ok: false; errors: FieldError[] };

const ISTANBUL_OFFSET = '+03:00';
const EARLIEST = Date.UTC(1000, 0, 1);
const LATEST = Date.UTC(9999, 11, 31, 23, 59, 59, 999);
const DATE = /^(\d{4})-(\d{2})-(\d{2})$/;
const DATE_TIME = /^(\d{4})-(\d{2})-(\d{2})[T ](\d{2}):(\d{2})(?::(\d{2})(\.\d{1,3})?)?(Z|[+-]\d{2}:\d{2})?$/i;

export const DATE_HELP = 'must be YYYY-MM-DD (midnight in Istanbul) or an ISO 8601 date-time such as 2026-03-01T09:00:00Z';

function isCalendarDate(year: number, month: number, day: number): boolean {
  // Date.parse would roll 2026-02-30 over into March instead of refusing it.
  return month >= 1 && month <= 12 && day >= 1 && day <= new Date(Date.UTC(year, month, 0)).getUTCDate();
}

/**
 * Reads `2026-03-01` as Istanbul midnight, and an ISO 8601 date-time as given (Istanbul time
 * when it names no offset); null for anything else, impossible dates included.
 */
export function parseReportDate(text: string): Date | null {
  const day = DATE.exec(text);
  const full = day ?? DATE_TIME.exec(text);
  if (full === null) return null;
  const [, y, mo, d, h = '00', mi = '00', s = '00', fraction = '', zone = ISTANBUL_OFFSET] = full;
  if (!isCalendarDate(Number(y), Number(mo), Number(d)) || Number(h) > 23 || Number(mi) > 59 || Number(s) > 59) return null;
  if (/^[+-]\d{2}:\d{2}$/.test(zone) && (Number(zone.slice(1, 3)) > 14 || Number(zone.slice(4)) > 59)) return null;
  const ms = Date.parse(`${y}-${mo}-${d}T${h}:${mi}:${s}${fraction}${zone.toUpperCase()}`);
  // Within years 1000-9999 once the offset is applied: PostgreSQL has no year 0, and a year past
  // 9999 is written with six digits that it does not read back.
  return Number.isNaN(ms) || ms < EARLIEST || ms > LATEST ? null : new Date(ms);
}

function readBound(field: 'from' | 'to', value: unknown, errors: FieldError[]): Date | null {
  if (value === undefined) return null;
  const parsed = typeof value === 'string' ? parseReportDate(value.trim()) : null;
  if (parsed === null) errors.push({ path: field, message: DATE_HELP });
  return parsed;
}

/** Checks `by`, `from` and `to`, reporting every bad one. */
export function parseReportParams(input: { by?: unknown; from?: unknown; to?: unknown }): ParamsReading {
  const errors: FieldError[] = [];
  const by = input.by;
  if (typeof by !== 'string' || !(reportDimensions as string[]).includes(by)) {
    errors.push({ path: 'by', message: `must be one of: ${reportDimensions.join(', ')}` });
  }
  const from = readBound('from', input.from, errors);
  const to = readBound('to', input.to, errors);
  if (from !== null && to !== null && from.getTime() >= to.getTime()) errors.push({ path: 'to', message: 'must be after from (to is exclusive)' });
  return errors.length > 0 ? { ok: false, errors } : { ok: true, params: { by: by as ReportDimension, from, to } };
}
