/**
 * How one catalogue phrase matches a text: each word as an inflected form (word-pattern.ts), the
 * words in the catalogue's order, with at most MAX_GAP other words between two of them, so
 * "fatura yüksek" matches "faturam bu ay çok yüksek" but not the same two words sentences apart.
 */
import { foldedWords } from '../turkish/fold.js';
import type { WordPositions } from './word-index.js';
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
  return { phrase, words, key: words.map((w) => w.key).join(' ') };
}

/**
 * Where the phrase's words so far can end (`ends`, ascending), narrowed to where the next word
 * occurs within MAX_GAP words after one of them. One merge of two ascending lists, so a phrase is
 * followed through a text in time linear in its words' occurrences, however many there are.
 */
function extend(ends: readonly number[], next: readonly number[]): number[] {
  const kept: number[] = [];
  let e = 0;
  for (const p of next) {
    while (e < ends.length && (ends[e] ?? 0) + 1 + MAX_GAP < p) e++;
    const end = ends[e];
    if (end !== undefined && end < p) kept.push(p);
  }
  return kept;
}

/** Whether the phrase occurs in a text, given where each of its words occurs there. */
export function phraseOccursIn(positions: WordPositions, phrase: PhrasePattern): boolean {
  // Indexed, not destructured: this runs for every catalogue phrase on every text.
  const words = phrase.words;
  const first = words[0];
  if (first === undefined) return false;
  let ends = positions(first);
  for (let i = 1; i < words.length; i++) {
    if (ends.length === 0) return false;
    ends = extend(ends, positions(words[i] as WordPattern));
  }
  return ends.length > 0;
}

/** Whether the phrase occurs in the folded words of a text. */
export function phraseOccurs(tokens: readonly string[], phrase: PhrasePattern): boolean {
  const positions: WordPositions = (pattern) => tokens.flatMap((token, i) => (matchesWord(token, pattern) ? [i] : []));
  return phraseOccursIn(positions, phrase);
}
