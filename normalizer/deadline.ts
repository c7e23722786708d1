/**
 * An item's deadline: when it was received plus the resolution time, as an ISO 8601 UTC timestamp
 * the way `Date.prototype.toISOString` writes it.
 *
 * Connectors write `receivedAt` that same way, and resolution times are whole hours, so the
 * deadline is the same text with the hour and perhaps the date moved on. Written here instead of
 * `new Date(Date.parse(receivedAt) + hours).toISOString()`: those two calls into the runtime were 6%
 * of deciding a form (issue 11). Anything else (another offset, a fraction of an hour, a date out
 * of range) still goes through Date, so every answer is Date's.
 */

const HOUR_MS = 3_600_000;

/** Longer resolution times (none is near this) are left to Date rather than stepped month by month. */
const MAX_STEPPED_HOURS = 24 * 366;

/** `YYYY-MM-DDTHH:mm:ss.sssZ`, as toISOString writes years 0000-9999. */
const ISO_UTC = /^(\d{4})-(\d{2})-(\d{2})T(\d{2})(:\d{2}:\d{2}\.\d{3}Z)$/;

function isLeap(year: number): boolean {
  return year % 4 === 0 && (year % 100 !== 0 || year % 400 === 0);
}

function daysIn(year: number, month: number): number {
  return month === 2 ? (isLeap(year) ? 29 : 28) : month === 4 || month === 6 || month === 9 || month === 11 ? 30 : 31;
}

const two = (n: number): string => (n < 10 ? `0${n}` : String(n));

function throughDate(receivedAt: string, hours: number): string {
  return new Date(Date.parse(receivedAt) + hours * HOUR_MS).toISOString();
}

/** `receivedAt` plus `hours`, as toISOString writes it. @throws RangeError when `receivedAt` is not a date. */
export function deadlineAfter(receivedAt: string, hours: number): string {
  const m = ISO_UTC.exec(receivedAt);
  if (m === null || !Number.isInteger(hours) || hours < 0 || hours > MAX_STEPPED_HOURS) return throughDate(receivedAt, hours);
  let year = Number(m[1]);
  let month = Number(m[2]);
  let day = Number(m[3]);
  const hour = Number(m[4]);
  const rest = m[5] as string;
  // Only a real date and time is moved on here; Date decides what to make of anything else.
  if (month < 1 || month > 12 || day < 1 || day > daysIn(year, month) || hour > 23 || Number(rest.slice(1, 3)) > 59 || Number(rest.slice(4, 6)) > 59) {
    return throughDate(receivedAt, hours);
  }
  const total = hour + hours;
  day += Math.floor(total / 24);
  while (day > daysIn(year, month)) {
    day -= daysIn(year, month);
    month += 1;
    if (month > 12) {
      month = 1;
      year += 1;
    }
  }
  if (year > 9999) return throughDate(receivedAt, hours);
  return `${String(year).padStart(4, '0')}-${two(month)}-${two(day)}T${two(total % 24)}${rest}`;
}
