/**
 * How one catalogue phrase matches a text: each word as an inflected form (word-pattern.ts), the
 * words in the catalogue's order, with at most MAX_GAP other words between two of them, so
 * "fatura yüksek" matches "faturam bu ay çok yüksek" but not the same two words sentences apart.
 */
import { foldedWords } from './fold.js';
import { compileWord, matchesWord, type WordPattern } from './word-pattern.js';

/** Other words allowed between two consecutive words of a phrase. */
export const MAX_GAP = 3;

/** A compiled catalogue phrase. */
export interface PhrasePattern {
  /** The phrase exactly as the catalogue writes it, reported as evidence. */
  readonly phrase: string;
  readonly words: readonly WordPattern[];
  /** Equal for phrases that match exactly the same texts ("okuma yapılmadı", "okuma yapılamamış"). */
  readonly key: string;
}

/** Compiles a phrase; its words are the folded words of the text. */
export function compilePhrase(phrase: string): PhrasePattern {
  const words = foldedWords(phrase).map(compileWord);
  return { phrase, words, key: words.map((w) => `${w.stems.join('|')}${w.strict ? '!' : ''}`).join(' ') };
}

function matchFrom(tokens: readonly string[], words: readonly WordPattern[], word: number, from: number, to: number): boolean {
  const pattern = words[word];
  if (pattern === undefined) return true;
  for (let i = from; i < Math.min(to, tokens.length); i++) {
    if (matchesWord(tokens[i] ?? '', pattern) && matchFrom(tokens, words, word + 1, i + 1, i + 2 + MAX_GAP)) return true;
  }
  return false;
}

/** Whether the phrase occurs in the folded words of a text. */
export function phraseOccurs(tokens: readonly string[], phrase: PhrasePattern): boolean {
  return phrase.words.length > 0 && matchFrom(tokens, phrase.words, 0, 0, tokens.length);
}
