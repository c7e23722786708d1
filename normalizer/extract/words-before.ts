/**
 * The two or three words written just before a point of a text ("Hüsnü Yılmazer ben", "Hakan
 * Demir adına"), each followed by one space: what `/((?:[\p{L}'’-]+ ){2,3})$/u` finds in the
 * stretch before that point, found by reading back from the point instead. The pattern tried each
 * character of the stretch as a start, for every "ben" or "adına" of a text (issue 7).
 */

/** A character a word of a name is made of: a letter, an apostrophe or a hyphen. */
const NAME_CHARACTER = /^[\p{L}'’-]$/u;

/** Per UTF-16 code unit outside the surrogates: 1 a name character, 2 not, 0 not yet looked at. */
const bmp = new Uint8Array(0x10000);

function isNameCharacter(point: number): boolean {
  if (point >= 0x10000) return NAME_CHARACTER.test(String.fromCodePoint(point));
  let kind = bmp[point] ?? 0;
  if (kind === 0) {
    kind = NAME_CHARACTER.test(String.fromCharCode(point)) ? 1 : 2;
    bmp[point] = kind;
  }
  return kind === 1;
}

/** Where the run of name characters ending at `end` starts, not before `from` (a pair of surrogates is one character). */
function wordStart(text: string, from: number, end: number): number {
  let at = end;
  while (at > from) {
    const low = text.charCodeAt(at - 1);
    const high = at - 2 >= from ? text.charCodeAt(at - 2) : 0;
    const pair = low >= 0xdc00 && low <= 0xdfff && high >= 0xd800 && high <= 0xdbff;
    const point = pair ? (high - 0xd800) * 0x400 + (low - 0xdc00) + 0x10000 : low;
    // A lone surrogate is no letter.
    if ((low >= 0xd800 && low <= 0xdfff && !pair) || !isNameCharacter(point)) break;
    at -= pair ? 2 : 1;
  }
  return at;
}

/**
 * The last two or three words before `end`, each followed by one space, within the `reach`
 * characters before it: the words as written (the last space included) and where they start; null
 * when fewer than two words end there.
 */
export function wordsBefore(text: string, end: number, reach: number): { words: string; start: number } | null {
  const from = Math.max(0, end - reach);
  let start = end;
  let count = 0;
  while (count < 3 && start > from && text.charCodeAt(start - 1) === 0x20) {
    const word = wordStart(text, from, start - 1);
    if (word === start - 1) break;
    start = word;
    count++;
  }
  return count < 2 ? null : { words: text.slice(start, end), start };
}
