/**
 * OCR reads some digits as letters that look like them (O for 0, l or I for 1, S for 5, B for 8,
 * Z for 2, G for 6). Inside a word that is mostly digits, those letters are put back as digits;
 * the checksum of a national ID then arbitrates, and each repair lowers the field's confidence.
 * Letters are replaced one for one, so offsets into the text stay valid.
 */

/** The digit each look-alike letter stands for. */
export const AS_DIGIT: Readonly<Record<string, string>> = { O: '0', o: '0', D: '0', Q: '0', l: '1', I: '1', i: '1', '|': '1', S: '5', s: '5', B: '8', Z: '2', z: '2', G: '6', b: '6', g: '9', q: '9' };

export interface RepairedText {
  readonly text: string;
  /** Offsets of the characters that were letters in the scan. */
  readonly repairedAt: ReadonlySet<number>;
}

/** A digit: only a word holding one can be a number, and most words of a scan hold none. */
const DIGIT = /[0-9]/g;

/** Whether the code unit may be part of a number-like word: an ASCII letter or digit, or a bar (OCR's 1). */
function isWordChar(code: number): boolean {
  return (code >= 0x30 && code <= 0x39) || (code >= 0x41 && code <= 0x5a) || (code >= 0x61 && code <= 0x7a) || code === 0x7c;
}

/**
 * A group of at most four digits and look-alikes, with at least one look-alike, standing apart or
 * beside a digit group. Whether a look-alike follows is asked before looking behind: only there
 * can a group start, and looking behind every character first took four times as long (issue 7).
 */
const LONE_GROUP = /(?=[0-9]*[OoIlSBZG|])(?<=(?:^|[^0-9\p{L}|])|[0-9][ .\-])[0-9OoIlSBZG|]{1,4}(?=[ .\-][0-9]|$|[^0-9\p{L}|])/gu;

/** How many of a word's characters are digits, and how many look-alikes; counted in place, as every number-like word of a scan is. */
function countDigits(word: string): { digits: number; confusable: number } {
  let digits = 0;
  let confusable = 0;
  for (let i = 0; i < word.length; i++) {
    const code = word.charCodeAt(i);
    if (code >= 0x30 && code <= 0x39) digits++;
    else if (AS_DIGIT[word.charAt(i)] !== undefined) confusable++;
  }
  return { digits, confusable };
}

/** The word as a number, when it is one: every look-alike put back (and its offset noted), else null. */
function asNumber(word: string, offset: number, repairedAt: Set<number>): string | null {
  const { digits, confusable } = countDigits(word);
  // "N0" in "Kimlik N0" and "2O" in "2O26" differ: a word is taken as a number only when every
  // character is a digit or a look-alike and digits are at least half of it.
  // A long one may hold more look-alikes than digits ("l0O7ZZ8SO4"): a third of digits is enough there.
  if (digits + confusable !== word.length || (word.length >= 6 ? digits * 3 < word.length : digits * 2 < word.length)) return null;
  return putBack(word, offset, repairedAt);
}

/** `chars` at `offset` with each look-alike put back as its digit, and its offset noted. */
function putBack(chars: string, offset: number, repairedAt: Set<number>): string {
  let fixed = '';
  for (let i = 0; i < chars.length; i++) {
    const c = chars[i] ?? '';
    const d = AS_DIGIT[c];
    if (d !== undefined) repairedAt.add(offset + i);
    fixed += d ?? c;
  }
  return fixed;
}

/**
 * Every word (a run of ASCII letters, digits and bars) that holds a digit, read as a number where it
 * is one. The words are found from their digits: a scan's other words need no look.
 */
function repairWords(text: string, repairedAt: Set<number>): string {
  let out = '';
  /** Text before this offset is already in `out` or unchanged. */
  let copied = 0;
  DIGIT.lastIndex = 0;
  for (let m = DIGIT.exec(text); m !== null; m = DIGIT.exec(text)) {
    let start = m.index;
    while (start > 0 && isWordChar(text.charCodeAt(start - 1))) start--;
    let end = m.index + 1;
    while (end < text.length && isWordChar(text.charCodeAt(end))) end++;
    DIGIT.lastIndex = end;
    const fixed = asNumber(text.slice(start, end), start, repairedAt);
    if (fixed === null) continue;
    out += text.slice(copied, start) + fixed;
    copied = end;
  }
  return copied === 0 ? text : out + text.slice(copied);
}

/** Puts digits back where OCR read them as letters inside number-like words. */
export function repairOcrDigits(text: string): RepairedText {
  const repairedAt = new Set<number>();
  const out = repairWords(text, repairedAt);
  // Look-alikes standing alone or in short groups beside digit groups ("O S42 660", "053 6 Z8S 62 lB")
  // are digits too; a group repaired may make its neighbour a digit group's neighbour, so twice.
  let lone = out;
  // Only a look-alike with a digit group beside it can be one: most texts have none, and skip the passes.
  for (let pass = 0; pass < 2 && /[0-9][^\s]{0,3}[OoIlSBZG|]|[OoIlSBZG|][^\s]{0,3}[0-9]|[0-9][ .\-][OoIlSBZG|]|[OoIlSBZG|][ .\-][0-9]/.test(lone); pass++) {
    lone = lone.replace(LONE_GROUP, (group, offset: number, whole: string) => {
      const before = whole.slice(Math.max(0, offset - 2), offset);
      const after = whole.slice(offset + group.length, offset + group.length + 2);
      const beside = [/[0-9][ .\-]$/.test(before), /^[ .\-][0-9]/.test(after)];
      // A group of look-alikes with no digit ends a number ("… l8 Sl"); before one ("Dudullu OSB 1. Cad.") it is a word.
      if (group.length > 1 && !/[0-9]/.test(group) ? !beside[0] : !(beside[0] || beside[1])) return group;
      // Bars alone are a table's rule ("6000789012 | İ") unless a digit group stands on both sides.
      if (/^\|+$/.test(group) && !(beside[0] && beside[1])) return group;
      return putBack(group, offset, repairedAt);
    });
  }
  return { text: lone, repairedAt };
}
