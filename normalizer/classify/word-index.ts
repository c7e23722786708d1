/**
 * Where each catalogue word occurs in a text. Trying every catalogue word at every position was
 * most of the time spent on a long text (478 phrases, each from every word), so the catalogue's
 * words are grouped by their first two letters, and each distinct word of the text is tried once,
 * against only the catalogue words that could match it: a stem that is a prefix of the text word,
 * or one typo from its start (word-pattern.ts), shares its first two letters either way.
 *
 * Which catalogue words a text word matches depends on that word alone, and customers use the same
 * words over and over, so the answer is remembered across texts (bounded: the normalizer runs for
 * months).
 */
import { boundedMemo } from '../turkish/bounded-memo.js';
import { matchesWord, type WordPattern } from './word-pattern.js';

/** Text words whose matches are remembered at once: about a megabyte at most. */
const MEMO_CAPACITY = 8192;

/** Longer words (a pasted blob) are looked up each time rather than filling the memo. */
const MEMO_MAX_LENGTH = 48;

/** The catalogue's words, grouped for lookup; built once per catalogue. */
export interface WordLookup {
  /** The keys of the catalogue words a folded text word matches. */
  readonly keysOf: (token: string) => readonly string[];
}

/** Where the catalogue words occur in one text: ascending word positions, none for a word not in the lookup. */
export type WordPositions = (pattern: WordPattern) => readonly number[];

/** The keys of a text word that matches no catalogue word: one array for all. */
const NO_KEYS: readonly string[] = Object.freeze([]);

/**
 * A word's first two letters as one number, the key of its group: every text word is looked up by
 * it, and a number needs no string cut out of the word and hashed. -1 for a word of one letter.
 */
function startOf(word: string): number {
  return word.length < 2 ? -1 : word.charCodeAt(0) * 0x10000 + word.charCodeAt(1);
}

/** Groups catalogue words; words with the same key are kept once. */
export function createWordLookup(patterns: Iterable<WordPattern>): WordLookup {
  const unique = new Map<string, WordPattern>();
  for (const p of patterns) if (!unique.has(p.key)) unique.set(p.key, p);
  // By the first two letters of a stem: the catalogue words that may match a text word starting so.
  const byStart = new Map<number, WordPattern[]>();
  // Catalogue words with a stem shorter than two letters, tried against every text word.
  const always: WordPattern[] = [];
  for (const p of unique.values()) {
    if (p.stems.some((stem) => stem.length < 2)) {
      always.push(p);
      continue;
    }
    for (const start of new Set(p.stems.map(startOf))) {
      const group = byStart.get(start);
      if (group === undefined) byStart.set(start, [p]);
      else group.push(p);
    }
  }
  const matchingKeys = (token: string): readonly string[] => {
    const candidates = [...(byStart.get(startOf(token)) ?? []), ...always];
    return candidates.filter((p) => matchesWord(token, p)).map((p) => p.key);
  };
  // A text word no catalogue word can start (no group for its first two letters, no short stem it
  // starts with) matches none: said at once, without looking it up among the remembered words.
  const mayMatch = (token: string): boolean => byStart.has(startOf(token)) || always.some((p) => p.fuzzy || p.stems.some((stem) => token.startsWith(stem)));
  const remembered = boundedMemo(matchingKeys, MEMO_CAPACITY);
  return {
    keysOf: (token) => (token.length > MEMO_MAX_LENGTH ? matchingKeys(token) : mayMatch(token) ? remembered(token) : NO_KEYS),
  };
}

/** Where the catalogue words occur in one text, and the keys of those that occur at all. */
export interface WordIndex {
  readonly positions: WordPositions;
  readonly keys: Iterable<string>;
}

/** The positions of a catalogue word the text does not hold: one array for all, not one per question. */
const NOWHERE: readonly number[] = Object.freeze([]);

/** Indexes the folded words of a text by the catalogue words they match, in one pass. */
export function indexWords(tokens: readonly string[], lookup: WordLookup): WordIndex {
  const positions = new Map<string, number[]>();
  for (let i = 0; i < tokens.length; i++) {
    for (const key of lookup.keysOf(tokens[i] as string)) {
      const list = positions.get(key);
      if (list === undefined) positions.set(key, [i]);
      else list.push(i);
    }
  }
  return { positions: (pattern) => positions.get(pattern.key) ?? NOWHERE, keys: positions.keys() };
}
