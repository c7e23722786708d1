/**
 * Per-character tables for the characters Turkish text is written in, so that case mapping and
 * folding need not call ICU (`toLocaleLowerCase`, `normalize`) once per word: those calls were
 * about half of deciding an item. A table is filled from the exact function it stands for, one
 * character at a time, so it cannot disagree with it on any character it holds.
 *
 * Mapping a string character by character gives the same result as mapping it whole only when no
 * character's mapping depends on its neighbours. For the characters held here it does not: they
 * are all starters (no combining marks), so Unicode normalization neither composes nor reorders
 * across them, and Turkish case rules depend on context only around U+0307 COMBINING DOT ABOVE
 * (and Greek final sigma), which no table holds. A string with any other character is not mapped
 * (`null`), and the caller uses the exact function. test/normalizer/turkish/letter-table.test.ts
 * checks every pair of characters against the exact function.
 */

/** Basic Latin, Latin-1 Supplement and Latin Extended-A: ç ğ ı İ ö ş ü â î û and their capitals. */
const LATIN_END = 0x180;

/** Apostrophes outside the Latin blocks that words carry ("İGDAŞ’a"). */
const APOSTROPHES = ['\u2019', '\u02bc'];

/** A character table: maps a string held entirely in it, else says it cannot. */
export interface LetterTable {
  /** `exact(value)`, or null when `value` holds a character the table does not. */
  map(value: string): string | null;
}

// A long text with many changed characters is written into code units and decoded once: joining
// strings per changed character made folding a whole message most of splitting it.
const LONG = 64;
const decoder = new TextDecoder('utf-16le');
let units = new Uint16Array(1024);

/** Builds the table for `exact`, a function of strings that maps each held character on its own. */
export function letterTable(exact: (value: string) => string): LetterTable {
  const latin = Array.from({ length: LATIN_END }, (_, code) => exact(String.fromCharCode(code)));
  // 1 where a Latin character maps to itself, as most do (lower case, digits, punctuation).
  const unchanged = Uint8Array.from(latin, (mapped, code) => (mapped.length === 1 && mapped.charCodeAt(0) === code ? 1 : 0));
  const others = new Map(APOSTROPHES.map((c) => [c.charCodeAt(0), exact(c)]));
  const longest = Math.max(...latin.map((m) => m.length), ...[...others.values()].map((m) => m.length));

  /** `value` mapped from offset `from` on, its first changed character, into code units decoded once. */
  function mapLong(value: string, from: number): string | null {
    const need = value.length * longest;
    if (units.length < need) units = new Uint16Array(need * 2);
    let n = 0;
    for (let i = 0; i < from; i++) units[n++] = value.charCodeAt(i);
    for (let i = from; i < value.length; i++) {
      const code = value.charCodeAt(i);
      if (code < LATIN_END && unchanged[code] === 1) {
        units[n++] = code;
        continue;
      }
      const mapped = code < LATIN_END ? latin[code] : others.get(code);
      if (mapped === undefined) return null;
      for (let k = 0; k < mapped.length; k++) units[n++] = mapped.charCodeAt(k);
    }
    return decoder.decode(units.subarray(0, n));
  }

  return {
    map(value) {
      // Most words map to themselves (already lower case, no Turkish letter): no new string then.
      // Otherwise the runs left as they are go in as slices, not one character at a time.
      let out: string | null = null;
      /** Characters before this offset are in `out`. */
      let copied = 0;
      for (let i = 0; i < value.length; i++) {
        const code = value.charCodeAt(i);
        if (code < LATIN_END && unchanged[code] === 1) continue;
        if (out === null && value.length - i > LONG) return mapLong(value, i);
        const mapped = code < LATIN_END ? latin[code] : others.get(code);
        if (mapped === undefined) return null;
        out = (out ?? '') + value.slice(copied, i) + mapped;
        copied = i + 1;
      }
      return out === null ? value : out + value.slice(copied);
    },
  };
}
