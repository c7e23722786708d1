/**
 * OCR reads some digits as letters that look like them (O for 0, l or I for 1, S for 5, B for 8,
 * Z for 2, G for 6). Inside a word that is mostly digits, those letters are put back as digits;
 * the checksum of a national ID then arbitrates, and each repair lowers the field's confidence.
 * Letters are replaced one for one, so offsets into the text stay valid.
 */

const AS_DIGIT: Readonly<Record<string, string>> = { O: '0', o: '0', D: '0', Q: '0', l: '1', I: '1', i: '1', '|': '1', S: '5', s: '5', B: '8', Z: '2', z: '2', G: '6', b: '6', g: '9', q: '9' };

export interface RepairedText {
  readonly text: string;
  /** Offsets of the characters that were letters in the scan. */
  readonly repairedAt: ReadonlySet<number>;
}

/** A word of letters and digits with at least one digit (or attached to one). */
const WORD = /[0-9A-Za-z|]+/g;

/** Puts digits back where OCR read them as letters inside number-like words. */
export function repairOcrDigits(text: string): RepairedText {
  const repairedAt = new Set<number>();
  const out = text.replace(WORD, (word, offset: number) => {
    const digits = word.replace(/[^0-9]/g, '').length;
    const confusable = [...word].filter((c) => AS_DIGIT[c] !== undefined).length;
    // "N0" in "Kimlik N0" and "2O" in "2O26" differ: a word is taken as a number only when every
    // character is a digit or a look-alike and digits are at least half of it.
    // A long one may hold more look-alikes than digits ("l0O7ZZ8SO4"): a third of digits is enough there.
    if (digits === 0 || digits + confusable !== word.length || (word.length >= 6 ? digits * 3 < word.length : digits * 2 < word.length)) return word;
    let fixed = '';
    for (let i = 0; i < word.length; i++) {
      const c = word[i] ?? '';
      const d = AS_DIGIT[c];
      if (d !== undefined) repairedAt.add(offset + i);
      fixed += d ?? c;
    }
    return fixed;
  });
  // A look-alike standing alone between digit groups ("O S42 660", "77 l 04 28") is a digit too.
  const lone = out.replace(/(?<=[0-9][ .\-]|^|[^0-9A-Za-z|])[OoIlSBZG|](?=[ .\-][0-9])|(?<=[0-9][ .\-])[OoIlSBZG|](?=[^0-9A-Za-z|]|$)/g, (c, offset: number) => {
    repairedAt.add(offset);
    return AS_DIGIT[c] ?? c;
  });
  return { text: lone, repairedAt };
}
