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

/** Every phone number in the text but the utility's, in order. */
export function findPhones(text: string): FoundPhone[] {
  if (!ENOUGH_DIGITS.test(text)) return [];
  return findPhoneNumbersInText(text, { defaultCountry: 'TR' })
    .filter((found) => found.number.isValid() && !UTILITY_LINES.has(found.number.number))
    .map((found) => ({ e164: found.number.number, start: found.startsAt, end: found.endsAt }));
}

/** Whether a number the customer gave is a real one: the form's phone is checked the same way. */
export { isValidPhoneNumber } from 'libphonenumber-js';
