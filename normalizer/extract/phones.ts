/**
 * Phone numbers in free text, by libphonenumber-js with Turkey as the default region: it knows
 * which Turkish numbers are real (mobile 5xx, geographic 2xx-4xx, 850) in every way people
 * write them (0532 123 45 67, +90 (532) …, 0 (532) …, 90 532 …, 0212 …). The utility's own lines
 * (153, 187, 444 4 153, +90 212 153 00 00) are where the customer called, never their number.
 */
import { findPhoneNumbersInText, parsePhoneNumberFromString } from 'libphonenumber-js';
import { boundedMemo } from '../turkish/bounded-memo.js';
import { eachMatch } from './each-match.js';

export interface FoundPhone {
  readonly e164: string;
  readonly start: number;
  readonly end: number;
}

const UTILITY_LINES: ReadonlySet<string> = new Set(['+904444153', '+902121530000', '+90153', '+90187']);

/** A stretch that may hold a phone number: at least seven digits with what people write between them. */
const PHONE_SHAPED = /[+(]?[0-9](?:[ ().\-]{0,3}[0-9]){6,}/g;

/** Fewer digits than any phone number: no need to ask the library. */
const ENOUGH_DIGITS = /(?:[0-9][^0-9\n]{0,3}){7}/;

/**
 * Numbers shaped like a phone that are not one: our application numbers (2026-000123,
 * 2026/000123, 2026 004512) and dates. The library would read "2026 004512" as a number in area
 * 202, which Turkey has not; a real number is never written that way.
 */
const NOT_A_PHONE = /(?<![0-9])(20[0-9]{2} ?[-/–]? ?[0-9]{6,7}|[0-9]{1,2}[./][0-9]{1,2}[./][0-9]{2,4})(?![0-9])/g;

/**
 * What the library makes of a stretch is remembered, for at most MEMO_CAPACITY stretches of at
 * most MEMO_MAX_LENGTH characters (two numbers side by side, written with spaces): each question
 * costs it options objects, a metadata wrapper and, when it fails, an error thrown and caught, and
 * the same numbers come back in a customer's messages (issue 7).
 */
const MEMO_CAPACITY = 4096;
const MEMO_MAX_LENGTH = 48;

function remembered<T>(read: (stretch: string) => T): (stretch: string) => T {
  const memo = boundedMemo(read, MEMO_CAPACITY);
  return (stretch) => (stretch.length > MEMO_MAX_LENGTH ? read(stretch) : memo(stretch));
}

/** The stretch read as one whole number: its E.164 form when the library finds it valid, else null. */
const wholeNumber = remembered((stretch): string | null => {
  const parsed = parsePhoneNumberFromString(stretch, 'TR');
  return parsed?.isValid() === true ? parsed.number : null;
});

/** The valid numbers the library finds in a stretch, at their offsets in it. */
const numbersIn = remembered((stretch): readonly FoundPhone[] => findPhoneNumbersInText(stretch, { defaultCountry: 'TR' })
  .filter((f) => f.number.isValid())
  .map((f) => ({ e164: f.number.number, start: f.startsAt, end: f.endsAt })));

/**
 * The text as the library should see it: a suffix glued to the number ("0532 123 45 67'den",
 * "27den") or a label glued before it ("tel05321234567") separated by a space, one character for
 * one so offsets hold.
 */
function separated(text: string): string {
  return /[0-9][A-Za-z\u00C0-\u024F]|[A-Za-z\u00C0-\u024F][0-9]/.test(text) ? text.replace(/(?<=[0-9])\p{L}|\p{L}(?=[0-9])/gu, ' ') : text;
}

/**
 * Every phone number in the text but the utility's, in order.
 * @param known stretches already read as something else (an ID, an account number): not asked about
 */
export function findPhones(text: string, known: ReadonlyArray<{ start: number; end: number }> = []): FoundPhone[] {
  if (!ENOUGH_DIGITS.test(text)) return [];
  const blocked = [...eachMatch(NOT_A_PHONE, text)].map((m) => [m.index, m.index + m[0].length] as const);
  const plain = separated(text);
  const found: FoundPhone[] = [];
  // The library scans every character of what it is given and throws and catches an error for
  // each candidate it rejects: given only the stretches that hold enough digits, it reads a
  // long mail several times faster and finds the same numbers.
  for (const span of eachMatch(PHONE_SHAPED, plain)) {
    const end = span.index + span[0].length;
    if (known.some((k) => k.start <= span.index && end <= k.end) || blocked.some(([s, e]) => s <= span.index && end <= e)) continue;
    // Most stretches are one whole number: parsing it is a third of the cost of searching it.
    const whole = wholeNumber(span[0]);
    if (whole !== null) {
      if (!UTILITY_LINES.has(whole) && !blocked.some(([s, e]) => s < end && span.index < e)) found.push({ e164: whole, start: span.index, end });
      continue;
    }
    // A stretch of at most 12 digits that is not one number holds none: only a longer one may hold
    // two numbers side by side, and only that one is searched.
    if (span[0].replace(/[^0-9]/g, '').length <= 12) continue;
    for (const f of numbersIn(span[0])) {
      const at = span.index + f.start;
      const to = span.index + f.end;
      if (!UTILITY_LINES.has(f.e164) && !blocked.some(([s, e]) => s < to && at < e)) found.push({ e164: f.e164, start: at, end: to });
    }
  }
  return found;
}
