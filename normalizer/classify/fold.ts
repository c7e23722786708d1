/**
 * Turkish-aware folding for matching what people type against what the catalogue says. Many
 * customers write without Turkish letters ("gaz kacagi", "sayac", "IGDAS") or in capitals typed on
 * a keyboard whose "I" stands for either ı or i, so both sides are folded to one plain form:
 * NFC, Turkish lower case (İ → i, I → ı), then ç ğ ı ö ş ü â î û → c g i o s u a i u and any other
 * diacritic dropped. The folded form is for comparing only; it is never shown or stored.
 */

const PLAIN: Readonly<Record<string, string>> = { ç: 'c', ğ: 'g', ı: 'i', ö: 'o', ş: 's', ü: 'u', â: 'a', î: 'i', û: 'u' };

/** Apostrophes that separate a proper noun from its suffixes ("Kadıköy'de", "İGDAŞ’a"). */
const APOSTROPHES = /['’ʼ`´]/g;

/** A word: letters and digits, with suffixes after an apostrophe kept in the same word. */
const WORD = /[\p{L}\p{N}]+(?:['’ʼ`´][\p{L}\p{N}]+)*/gu;

/** One word of a text, as written and folded. Offsets index the NFC form of the text. */
export interface Token {
  /** The word as written (NFC), apostrophes included. */
  readonly text: string;
  /** The folded word, apostrophes removed: "Üsküdar'da" → "uskudarda". */
  readonly folded: string;
  readonly start: number;
  readonly end: number;
}

/** Folds a text for comparison: "KOKU GELİYOR", "koku geliyor" and "KOKU GELIYOR" all give "koku geliyor". */
export function foldTurkish(text: string): string {
  return text
    .normalize('NFC')
    .toLocaleLowerCase('tr-TR')
    .replace(/[çğıöşüâîû]/g, (c) => PLAIN[c] ?? c)
    .normalize('NFD')
    .replace(/\p{M}/gu, '');
}

/** Splits a text into words, each with its folded form; punctuation and white space separate words. */
export function tokenize(text: string): Token[] {
  const source = text.normalize('NFC');
  const tokens: Token[] = [];
  // Folding (ICU case mapping, two normalizations) is most of the cost, and a long text repeats
  // its words: each spelling is folded once.
  const foldedSpellings = new Map<string, string>();
  for (const match of source.matchAll(WORD)) {
    const start = match.index;
    const written = match[0];
    const folded = foldedSpellings.get(written) ?? foldTurkish(written).replace(APOSTROPHES, '');
    foldedSpellings.set(written, folded);
    tokens.push({ text: written, folded, start, end: start + written.length });
  }
  return tokens;
}

/** The folded words of a text: "Faturamı ÖDEDİM!" → ["faturami", "odedim"]. */
export function foldedWords(text: string): string[] {
  return tokenize(text).map((t) => t.folded);
}
