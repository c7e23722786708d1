/**
 * The text functions as they were before issue 11 made them fast: ICU calls on every word and
 * every field. The fast ones must give exactly what these give, character for character.
 */
import fc from 'fast-check';

const PLAIN: Readonly<Record<string, string>> = { ç: 'c', ğ: 'g', ı: 'i', ö: 'o', ş: 's', ü: 'u', â: 'a', î: 'i', û: 'u' };

export function referenceFold(text: string): string {
  return text.normalize('NFC').toLocaleLowerCase('tr-TR').replace(/[çğıöşüâîû]/g, (c) => PLAIN[c] ?? c).normalize('NFD').replace(/\p{M}/gu, '');
}

export function referenceTokens(text: string): { text: string; folded: string; start: number; end: number }[] {
  const source = text.normalize('NFC');
  return [...source.matchAll(/[\p{L}\p{N}]+(?:['’ʼ`´][\p{L}\p{N}]+)*/gu)].map((m) => ({
    text: m[0], folded: referenceFold(m[0]).replace(/['’ʼ`´]/g, ''), start: m.index, end: m.index + m[0].length,
  }));
}

export function referenceClean(raw: string | null | undefined, options: { multiline?: boolean } = {}): string | null {
  if (raw === null || raw === undefined) return null;
  let value = raw.normalize('NFC').replace(/[\u0000-\u0008\u000B\u000C\u000E-\u001F\u007F]/g, '');
  value = options.multiline
    ? value.replace(/\r\n?/g, '\n').replace(/[^\S\n]+/g, ' ').replace(/\n{3,}/g, '\n\n')
    : value.replace(/\s+/g, ' ');
  value = value.trim();
  return value === '' ? null : value;
}

/** A name in title case, by splitting on spaces and hyphens as titleCaseTr did before it scanned in one pass. */
export function referenceTitleCase(value: string): string {
  const upper = (v: string): string => v.toLocaleUpperCase('tr-TR');
  const lower = (v: string): string => v.toLocaleLowerCase('tr-TR');
  return value.split(' ').map((word) => word.split('-').map((part) => upper(part.slice(0, 1)) + lower(part.slice(1))).join('-')).join(' ');
}

/** Every character the letter tables hold, and the apostrophes words carry. */
export const tableCharacters: readonly string[] = [...Array.from({ length: 0x180 }, (_, c) => String.fromCharCode(c)), '\u2019', '\u02bc'];

/**
 * Pieces of what people type, and of what breaks text handling: Turkish letters in both cases,
 * decomposed letters and stray combining marks, the dotted I, Greek final sigma, control
 * characters and every kind of white space, apostrophes, emoji and lone surrogates.
 */
const pieces = [
  'Gaz', 'KOKUSU', 'kaçağı', 'IŞIK', 'İSMAİL', 'ılık', 'Üsküdar', "Kadıköy'de", 'İGDAŞ’a', 'sayacım', 'faturam', 'ŞİKAYET', 'âlâ', 'Ç', 'ğ',
  'Kac\u0327ag\u0306ı', 'I\u0307STANBUL', 'i\u0307', '\u0307', '\u0301', 'e\u0301', 'ß', 'ŉ', 'ǅ', 'ﬁ', 'Å', 'Ω', 'ΟΔΟΣ', 'ς', 'Ж', '日本',
  '\u0000', '\u0001', '\u001f', '\u007f', '\u0085', '\u000b', '\u000c', '\t', '\r', '\r\n', '\n', '\n\n\n', ' ', '  ', '\u00a0', '\u2000', '\u2001', '\u3000', '\ufeff', '\u200b',
  "'", '’', 'ʼ', '`', '´', '.', ',', '-', ' - ', '…', '/', '12', '٣', '\ud83d\udd25', '\ud800', '\udc00', '\u02ff', '\u0300',
];

/** Strings built from those pieces and from any characters at all. */
export const awkwardText = fc
  .array(fc.oneof({ weight: 4, arbitrary: fc.constantFrom(...pieces) }, { weight: 1, arbitrary: fc.string({ unit: 'binary', maxLength: 4 }) }), { maxLength: 12 })
  .map((parts) => parts.join(''));
