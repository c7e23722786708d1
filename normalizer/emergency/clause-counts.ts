/**
 * Whether a word's clause holds a word of some kind: "yemek" beside "kokusu", "hâlâ" anywhere in
 * the statement. Mentions ask this of their whole clause, and a text without punctuation is one
 * clause, so scanning the clause on each question would be quadratic in the text's length. Each
 * pattern's matches are instead counted once per clause, on first use, and then looked up.
 */
import type { ClausedText } from './clauses.js';

/** Per text and pattern: the number of matching words of each clause, stored at the clause's first word. */
const counted = new WeakMap<ClausedText, Map<RegExp, Uint32Array>>();

function countClauses(text: ClausedText, pattern: RegExp): Uint32Array {
  const counts = new Uint32Array(text.words.length);
  text.words.forEach((w, i) => {
    const start = text.clauses[i]?.[0] ?? i;
    if (pattern.test(w)) counts[start] = (counts[start] ?? 0) + 1;
  });
  return counts;
}

function countsOf(text: ClausedText, pattern: RegExp): Uint32Array {
  const byPattern = counted.get(text) ?? new Map<RegExp, Uint32Array>();
  counted.set(text, byPattern);
  const counts = byPattern.get(pattern) ?? countClauses(text, pattern);
  byPattern.set(pattern, counts);
  return counts;
}

/** How many words of the clause of the word at `index` match `pattern` (a non-global RegExp), that word included. */
export function clauseMatches(text: ClausedText, pattern: RegExp, index: number): number {
  const start = text.clauses[index]?.[0];
  return start === undefined ? 0 : countsOf(text, pattern)[start] ?? 0;
}

/** Whether a word of the clause other than the one at `index` matches `pattern`. */
export function otherInClause(text: ClausedText, pattern: RegExp, index: number): boolean {
  const own = pattern.test(text.words[index] ?? '') ? 1 : 0;
  return clauseMatches(text, pattern, index) > own;
}
