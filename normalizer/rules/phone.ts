/**
 * Phone numbers to E.164. Turkish numbers are written many ways: 0532 123 45 67, +90 (532) 123-45-67,
 * 0090…, 532 1234567, 0212 153 00 00. National significant numbers are 10 digits; mobile ones start
 * with 5, geographic ones with 2, 3 or 4, and non-geographic service numbers with 8. The number
 * found is then checked against libphonenumber-js's numbering plans (issue 7: a bare "+" and 7-15
 * digits used to pass), so a foreign number must be a real one of its country, too.
 */
import { parsePhoneNumberFromString } from 'libphonenumber-js';
import { boundedMemo } from '../turkish/bounded-memo.js';

/** Numbers whose check is remembered at once: an E.164 number is at most 16 characters. */
const MEMO_CAPACITY = 4096;

// A check is a whole parse by the library, as dear as finding the number in the text was (issue
// 7), and the same numbers come back (a customer's in each of their messages): answers are remembered.
const isReal = boundedMemo((e164) => parsePhoneNumberFromString(e164)?.isValid() === true, MEMO_CAPACITY);

function real(e164: string): string | null {
  return isReal(e164) ? e164 : null;
}

/** What people put between digits; trimming is part of it, since \s is what trim() removes. */
const SEPARATORS = /[\s().\-\/]/g;

/** A foreign number in E.164: a country code, then 6 to 14 more digits. */
const INTERNATIONAL = /^\+[1-9][0-9]{6,14}$/;

/**
 * A Turkish national significant number. The library's Turkish plan accepts every one of them (its
 * national pattern includes `[2-58]\d\d\d{7}` and its metadata has no number types for Turkey), so
 * they are not asked about: that parse was a fifth of deciding a form (issue 11), and each form
 * brings a new number. test/normalizer/rules/phone-library.test.ts holds the library to this.
 */
const TURKISH_NATIONAL = /^[2-58][0-9]{9}$/;

/** Returns the number in E.164 (`+90…`), or null when it is not a plausible phone number. */
export function toE164(raw: string): string | null {
  const compact = raw.normalize('NFKC').replace(SEPARATORS, '');
  if (!/^\+?[0-9]+$/.test(compact)) return null;
  let digits = compact;
  if (digits.startsWith('+')) {
    if (!digits.startsWith('+90')) return INTERNATIONAL.test(digits) ? real(digits) : null;
    digits = digits.slice(3);
  } else if (digits.startsWith('0090')) {
    digits = digits.slice(4);
  } else if (digits.startsWith('00')) {
    // 00 is the international call prefix: 0044… is +44….
    const international = `+${digits.slice(2)}`;
    return INTERNATIONAL.test(international) ? real(international) : null;
  } else if (digits.startsWith('90') && digits.length === 12) {
    digits = digits.slice(2);
  } else if (digits.startsWith('0')) {
    digits = digits.slice(1);
  }
  // People often keep the trunk 0 after the country code: +90 (0532) ….
  if (digits.length === 11 && digits.startsWith('0')) digits = digits.slice(1);
  return TURKISH_NATIONAL.test(digits) ? `+90${digits}` : null;
}
