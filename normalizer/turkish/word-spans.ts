/**
 * Where the words of a text are: runs of letters and digits (\p{L}, \p{N}), with suffixes after an
 * apostrophe kept in the same word ("Kadıköy'de", "İGDAŞ’a"). The same words, at the same offsets,
 * as the global matches of the regular expression fold.ts used before, but found by a plain scan:
 * iterating those matches (a match array per word) was a fifth of deciding an item once folding
 * had been made cheap (issue 11).
 */

/** Apostrophes that join a proper noun and its suffixes. ʼ (U+02BC) is a letter as well. */
const MODIFIER_APOSTROPHE = 0x2bc;
const APOSTROPHES = new Set([0x27, 0x2019, MODIFIER_APOSTROPHE, 0x60, 0xb4]);

const LETTER_OR_DIGIT = /^[\p{L}\p{N}]$/u;

/** Per UTF-16 code unit outside the surrogates: 1 a letter or digit, 2 not, 0 not yet looked at. */
const bmp = new Uint8Array(0x10000);

function isSurrogate(code: number): boolean {
  return code >= 0xd800 && code <= 0xdfff;
}

/** Whether a code unit outside the surrogates is a letter or digit: looked at once, then read from the table. */
function isLetterOrDigit(code: number): boolean {
  let kind = bmp[code] ?? 0;
  if (kind === 0) {
    kind = LETTER_OR_DIGIT.test(String.fromCharCode(code)) ? 1 : 2;
    bmp[code] = kind;
  }
  return kind === 1;
}

/** How many code units the letter or digit at `at` takes (1, or 2 for a surrogate pair); 0 when there is none. */
function wordCharAt(text: string, at: number): number {
  if (at >= text.length) return 0;
  const code = text.charCodeAt(at);
  if (!isSurrogate(code)) return isLetterOrDigit(code) ? 1 : 0;
  // Letters beyond the BMP (historic scripts, rare CJK) are rare enough to be tested each time.
  const point = text.codePointAt(at) ?? code;
  if (point < 0x10000) return 0;
  return LETTER_OR_DIGIT.test(String.fromCodePoint(point)) ? 2 : 0;
}

/**
 * Calls `visit` with the start and end (code unit offsets) of each word, in text order, and whether
 * it holds an apostrophe. A code unit outside the surrogates, nearly every one, is read in the loop
 * itself: this runs over every character of every text the decision splits into words, and was
 * almost twice as slow through wordCharAt for each.
 */
export function forEachWordSpan(text: string, visit: (start: number, end: number, apostrophe: boolean) => void): void {
  const length = text.length;
  let at = 0;
  while (at < length) {
    const code = text.charCodeAt(at);
    const first = isSurrogate(code) ? wordCharAt(text, at) : isLetterOrDigit(code) ? 1 : 0;
    if (first === 0) {
      at += 1;
      continue;
    }
    const start = at;
    // ʼ is a letter, so it is read as one, but it is an apostrophe all the same.
    let apostrophe = code === MODIFIER_APOSTROPHE;
    at += first;
    while (at < length) {
      const next = text.charCodeAt(at);
      if (!isSurrogate(next) && isLetterOrDigit(next)) {
        if (next === MODIFIER_APOSTROPHE) apostrophe = true;
        at += 1;
      } else if (isSurrogate(next) && wordCharAt(text, at) > 0) {
        at += 2;
      } else if (APOSTROPHES.has(next) && wordCharAt(text, at + 1) > 0) {
        apostrophe = true;
        at += 1;
      } else {
        break;
      }
    }
    visit(start, at, apostrophe);
  }
}
