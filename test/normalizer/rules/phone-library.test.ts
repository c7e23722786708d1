import assert from 'node:assert/strict';
import { parsePhoneNumberFromString } from 'libphonenumber-js';
import { toE164 } from '../../../normalizer/rules/phone.js';

/**
 * toE164 as it was before Turkish numbers stopped being parsed by the library: every number found
 * is asked about. The oracle the fast path must agree with.
 */
function askingTheLibrary(raw: string): string | null {
  const real = (e164: string): string | null => (parsePhoneNumberFromString(e164)?.isValid() === true ? e164 : null);
  const compact = raw.normalize('NFKC').trim().replace(/[\s().\-\/]/g, '');
  if (!/^\+?[0-9]+$/.test(compact)) return null;
  let digits = compact;
  if (digits.startsWith('+')) {
    if (!digits.startsWith('+90')) return /^\+[1-9][0-9]{6,14}$/.test(digits) ? real(digits) : null;
    digits = digits.slice(3);
  } else if (digits.startsWith('0090')) {
    digits = digits.slice(4);
  } else if (digits.startsWith('00')) {
    const international = `+${digits.slice(2)}`;
    return /^\+[1-9][0-9]{6,14}$/.test(international) ? real(international) : null;
  } else if (digits.startsWith('90') && digits.length === 12) {
    digits = digits.slice(2);
  } else if (digits.startsWith('0')) {
    digits = digits.slice(1);
  }
  if (digits.length === 11 && digits.startsWith('0')) digits = digits.slice(1);
  return /^[2-58][0-9]{9}$/.test(digits) ? real(`+90${digits}`) : null;
}

/** Ten-digit national numbers, one for each three-digit start (000-999), with varied last digits. */
function nationalNumbers(): string[] {
  const numbers: string[] = [];
  for (let start = 0; start < 1000; start += 1) {
    const rest = String((start * 7_919 + 1_234_567) % 10_000_000).padStart(7, '0');
    numbers.push(`${String(start).padStart(3, '0')}${rest}`);
  }
  return numbers;
}

/** The ways people write one national number, and some that are not quite it. */
function spellings(n: string): string[] {
  const [a, b, c, d] = [n.slice(0, 3), n.slice(3, 6), n.slice(6, 8), n.slice(8)];
  return [
    n, `0${n}`, `+90${n}`, `0090${n}`, `90${n}`, `+900${n}`,
    `0${a} ${b} ${c} ${d}`, `+90 (${a}) ${b}-${c}-${d}`, `0090 ${a} ${b} ${c} ${d}`, `(0${a}) ${b} ${c} ${d}`,
    ` 0${a}.${b}.${c}.${d} `, `${a}/${b} ${c}${d}`, `+90 (0${a}) ${b} ${c} ${d}`, `0${a}\u00a0${b}\u00a0${c}${d}`,
    `０${a}${b}${c}${d}`.replace(/[0-9]/g, (digit) => String.fromCharCode(0xff10 + Number(digit))),
    `+90 ${n.slice(0, 9)}`, `0${n.slice(0, 9)}`, `+90${n}5`, `0${n}5`, `00${n}`, `+${n}`, `+90-${n}-`, `0${a} ${b} ${c} x${d}`,
  ];
}

describe('toE164 against libphonenumber-js', () => {
  context('when Turkish numbers are written every usual way, and some wrong ways', () => {
    it('gives what asking the library about each number gives', () => {
      let asked = 0;
      for (const n of nationalNumbers()) {
        for (const raw of spellings(n)) {
          assert.equal(toE164(raw), askingTheLibrary(raw), JSON.stringify(raw));
          asked += 1;
        }
      }
      assert.ok(asked > 20_000);
    });
  });

  context('when the library reads a national number that starts with 2, 3, 4, 5 or 8', () => {
    it('finds it valid, whatever the digits after the first', () => {
      for (const n of nationalNumbers().filter((x) => /^[2-58]/.test(x))) {
        for (const tail of ['0000000', '9999999', n.slice(3)]) {
          const e164 = `+90${n.slice(0, 3)}${tail}`;
          assert.equal(parsePhoneNumberFromString(e164)?.isValid(), true, e164);
        }
      }
    });
  });

  context('when the number is foreign', () => {
    for (const raw of ['+44 20 7946 0958', '0044 20 7946 0958', '+49 30 1234567', '+1 202 555 0143', '+44 20 7946', '+999 123 4567', '0049301234567']) {
      it(`gives what the library gives for ${JSON.stringify(raw)}`, () => {
        assert.equal(toE164(raw), askingTheLibrary(raw));
      });
    }
  });
});
