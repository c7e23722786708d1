/**
 * Phone numbers in free text, by libphonenumber-js with Turkey as the default region: it knows
 * which Turkish numbers are real (mobile 5xx, geographic 2xx-4xx, 850) in every way people
 * write them (0532 123 45 67, +90 (532) …, 0 (532) …, 90 532 …, 0212 …). The utility's own lines
 * (153, 187, 444 4 153, +90 212 153 00 00) are where the customer called, never their number.
 */
import { findPhoneNumbersInText } from 'libphonenumber-js';

export interface FoundPhone {
  readonly e164: string;
  readonly start: number;
  readonly end: number;
}

const UTILITY_LINES: ReadonlySet<string> = new Set(['+904444153', '+902121530000', '+90153', '+90187']);

/** Fewer digits than any phone number: no need to ask the library. */
const ENOUGH_DIGITS = /(?:[0-9][^0-9\n]{0,3}){7}/;

/**
 * Numbers shaped like a phone that are not one: our application numbers (2026-000123,
 * 2026/000123) and dates. The library would read "2026 004512" as a number in area 202.
 */
const NOT_A_PHONE = /(?<![0-9])(20[0-9]{2} ?[-/–] ?[0-9]{6,7}|[0-9]{1,2}[./][0-9]{1,2}[./][0-9]{2,4})(?![0-9])/g;

/**
 * The text as the library should see it: a suffix glued to the number ("0532 123 45 67'den",
 * "27den") or a label glued before it ("tel05321234567") separated by a space, one character for
 * one so offsets hold.
 */
function separated(text: string): string {
  return text.replace(/(?<=[0-9])\p{L}/gu, ' ').replace(/\p{L}(?=[0-9])/gu, ' ');
}

/** Every phone number in the text but the utility's, in order. */
export function findPhones(text: string): FoundPhone[] {
  if (!ENOUGH_DIGITS.test(text)) return [];
  const blocked = [...text.matchAll(NOT_A_PHONE)].map((m) => [m.index, m.index + m[0].length] as const);
  return findPhoneNumbersInText(separated(text), { defaultCountry: 'TR' })
    .filter((found) => found.number.isValid() && !UTILITY_LINES.has(found.number.number))
    .filter((found) => !blocked.some(([start, end]) => start < found.endsAt && found.startsAt < end))
    .map((found) => ({ e164: found.number.number, start: found.startsAt, end: found.endsAt }));
}

/** Whether a number the customer gave is a real one: the form's phone is checked the same way. */
export { isValidPhoneNumber } from 'libphonenumber-js';
