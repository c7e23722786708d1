/**
 * Turkish-aware folding for matching what people type against what the catalogue says. Many
 * customers write without Turkish letters ("gaz kacagi", "sayac", "IGDAS") or in capitals typed on
 * a keyboard whose "I" stands for either ı or i, so both sides are folded to one plain form:
 * NFC, Turkish lower case (İ → i, I → ı), then ç ğ ı ö ş ü â î û → c g i o s u a i u and any other
 * diacritic dropped. The folded form is for comparing only; it is never shown or stored.
 *
 * Folding word by word with ICU (two normalizations and a locale lower case per word) was about
 * half the time of deciding an item, so a word in Latin letters is folded from a table
 * (letter-table.ts) and any other word through a bounded memo; both give exactly what the ICU
 * calls give.
 */
import { boundedMemo } from './bounded-memo.js';
import { letterTable } from './letter-table.js';
import { toNfc } from './nfc.js';
import { forEachWordSpan } from './word-spans.js';

const PLAIN: Readonly<Record<string, string>> = { ç: 'c', ğ: 'g', ı: 'i', ö: 'o', ş: 's', ü: 'u', â: 'a', î: 'i', û: 'u' };

/** Apostrophes that separate a proper noun from its suffixes ("Kadıköy'de", "İGDAŞ’a"); a folded word drops them. */
export const APOSTROPHES = /['’ʼ`´]/g;

/** Spellings outside the table remembered at once: a few hundred kilobytes at most. */
const MEMO_CAPACITY = 4096;

/** Longer words (a pasted blob) are folded each time rather than filling the memo. */
const MEMO_MAX_LENGTH = 48;

/** One word of a text, as written and folded. Offsets index the NFC form of the text. */
export interface Token {
  /** The word as written (NFC), apostrophes included. */
  readonly text: string;
  /** The folded word, apostrophes removed: "Üsküdar'da" → "uskudarda". */
  readonly folded: string;
  readonly start: number;
  readonly end: number;
}

/** A text split into words once, for every reader of the same text. */
export interface TokenizedText {
  /** The text in NFC, which the tokens' offsets index. */
  readonly source: string;
  readonly tokens: readonly Token[];
  /** Each token's folded form, in order: what the classifier and the emergency screen read. */
  readonly words: readonly string[];
}

/** The ICU folding, the definition the tables are filled from. */
function foldExactly(text: string): string {
  return text
    .normalize('NFC')
    .toLocaleLowerCase('tr-TR')
    .replace(/[çğıöşüâîû]/g, (c) => PLAIN[c] ?? c)
    .normalize('NFD')
    .replace(/\p{M}/gu, '');
}

const foldTable = letterTable(foldExactly);

function foldWordExactly(written: string): string {
  return foldExactly(written).replace(APOSTROPHES, '');
}

const wordTable = letterTable(foldWordExactly);
const foldWordMemo = boundedMemo(foldWordExactly, MEMO_CAPACITY);

/** A word's folded form, apostrophes removed. */
function foldWord(written: string): string {
  return wordTable.map(written) ?? (written.length > MEMO_MAX_LENGTH ? foldWordExactly(written) : foldWordMemo(written));
}

/** Folds a text for comparison: "KOKU GELİYOR", "koku geliyor" and "KOKU GELIYOR" all give "koku geliyor". */
export function foldTurkish(text: string): string {
  return foldTable.map(text) ?? foldExactly(text);
}

/**
 * The text folded character for character, when every character of it folds to exactly one: then
 * a word's fold is the same stretch of it (apostrophes aside), and the text is mapped once instead
 * of word by word. Null otherwise (a character outside the tables, or one whose fold is longer).
 */
function foldedInPlace(source: string): string | null {
  const folded = foldTable.map(source);
  return folded !== null && folded.length === source.length ? folded : null;
}

/** Splits an NFC text into words; the folded words are listed on their own as well (TokenizedText.words). */
function split(source: string): { source: string; tokens: Token[]; words: string[] } {
  const tokens: Token[] = [];
  // Built beside the tokens, so that no reader maps the tokens to their folded forms again.
  const words: string[] = [];
  const whole = foldedInPlace(source);
  // A word: letters and digits, with suffixes after an apostrophe kept in the same word.
  forEachWordSpan(source, (start, end, apostrophe) => {
    const written = source.slice(start, end);
    const folded = whole === null ? foldWord(written) : apostrophe ? whole.slice(start, end).replace(APOSTROPHES, '') : whole.slice(start, end);
    tokens.push({ text: written, folded, start, end });
    words.push(folded);
  });
  return { source, tokens, words };
}

/** Splits a text into words, with the NFC text their offsets index. */
export function tokenizeText(text: string): TokenizedText {
  return split(toNfc(text));
}

/** Splits a text into words, each with its folded form; punctuation and white space separate words. */
export function tokenize(text: string): Token[] {
  return split(toNfc(text)).tokens;
}

/** The folded words of a text: "Faturamı ÖDEDİM!" → ["faturami", "odedim"]. */
export function foldedWords(text: string): string[] {
  return split(toNfc(text)).words;
}

/**
 * The folded text with every character where it was, for matching labels by regular expression
 * and reading the values at the same offsets in the text as written. Folding keeps the length of
 * nearly every text; a character whose folded form is longer or shorter is lower-cased instead.
 */
export function foldKeepingOffsets(text: string): string {
  const folded = foldTurkish(text);
  if (folded.length === text.length) return folded;
  let out = '';
  for (const c of text) {
    const f = foldTurkish(c);
    out += f.length === c.length ? f : c.toLowerCase().length === c.length ? c.toLowerCase() : c;
  }
  return out;
}
