/**
 * Where each catalogue word occurs in a text. Trying every catalogue word at every position was
 * most of the time spent on a long text (478 phrases, each from every word), so the catalogue's
 * words are grouped by their first two letters, and each distinct word of the text is tried once,
 * against only the catalogue words that could match it: a stem that is a prefix of the text word,
 * or one typo from its start (word-pattern.ts), shares its first two letters either way.
 */
import { matchesWord, type WordPattern } from './word-pattern.js';

/** The catalogue's words, grouped for lookup; built once per catalogue. */
export interface WordLookup {
  /** By the first two letters of a stem: the catalogue words that may match a text word starting so. */
  readonly byStart: ReadonlyMap<string, readonly WordPattern[]>;
  /** Catalogue words with a stem shorter than two letters, tried against every text word. */
  readonly always: readonly WordPattern[];
}

/** Where the catalogue words occur in one text: ascending word positions, none for a word not in the lookup. */
export type WordPositions = (pattern: WordPattern) => readonly number[];

/** Groups catalogue words; words with the same key are kept once. */
export function createWordLookup(patterns: Iterable<WordPattern>): WordLookup {
  const unique = new Map<string, WordPattern>();
  for (const p of patterns) if (!unique.has(p.key)) unique.set(p.key, p);
  const byStart = new Map<string, WordPattern[]>();
  const always: WordPattern[] = [];
  for (const p of unique.values()) {
    if (p.stems.some((stem) => stem.length < 2)) {
      always.push(p);
      continue;
    }
    for (const start of new Set(p.stems.map((stem) => stem.slice(0, 2)))) {
      const group = byStart.get(start);
      if (group === undefined) byStart.set(start, [p]);
      else group.push(p);
    }
  }
  return { byStart, always };
}

function matchingKeys(token: string, lookup: WordLookup): string[] {
  const candidates = [...(lookup.byStart.get(token.slice(0, 2)) ?? []), ...lookup.always];
  return candidates.filter((p) => matchesWord(token, p)).map((p) => p.key);
}

/** Indexes the folded words of a text by the catalogue words they match, in one pass. */
export function indexWords(tokens: readonly string[], lookup: WordLookup): WordPositions {
  const keysBySpelling = new Map<string, readonly string[]>();
  const positions = new Map<string, number[]>();
  tokens.forEach((token, i) => {
    const keys = keysBySpelling.get(token) ?? matchingKeys(token, lookup);
    keysBySpelling.set(token, keys);
    for (const key of keys) {
      const list = positions.get(key);
      if (list === undefined) positions.set(key, [i]);
      else list.push(i);
    }
  });
  return (pattern) => positions.get(pattern.key) ?? [];
}
