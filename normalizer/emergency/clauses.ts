/**
 * Splits a text's words into clauses: punctuation and the conjunctions "ama", "fakat", "ancak"…
 * end a statement, so "gaz kokusu var, evde kimse yok" keeps "yok" away from the smell and
 * "kokusu yok ama yine kokmaya başladı" reads as two statements.
 */
import type { Token, TokenizedText } from '../turkish/fold.js';
import { CLAUSE_CONJUNCTIONS } from './lexicon.js';

/** The words of a text with the clause each belongs to. */
export interface ClausedText {
  readonly tokens: readonly Token[];
  readonly words: readonly string[];
  /** For each word, the index of its first and one past its last word of the same clause. */
  readonly clauses: readonly (readonly [number, number])[];
}

const CLAUSE_BREAK = /[.,;:!?\n()"“”«»…]|\s[-–—]\s/;

/** Whether what stands in `source` between two words, from `from` to `to`, ends a clause. */
function breaksClause(source: string, from: number, to: number): boolean {
  // Most words are parted by one space, which ends nothing: no need to cut it out and test it.
  if (to - from === 1 && source.charCodeAt(from) === 0x20) return false;
  return CLAUSE_BREAK.test(source.slice(from, to));
}

/** Assigns clauses to the words of a text already split into words (tokenizeText). */
export function splitClauses({ source, tokens, words }: TokenizedText): ClausedText {
  const starts: number[] = [];
  tokens.forEach((token, i) => {
    const previous = tokens[i - 1];
    if (previous === undefined || breaksClause(source, previous.end, token.start) || CLAUSE_CONJUNCTIONS.has(token.folded)) starts.push(i);
  });
  const clauses: (readonly [number, number])[] = [];
  starts.forEach((start, k) => {
    // One range per clause, shared by its words: a text without punctuation is one long clause.
    const range = [start, starts[k + 1] ?? tokens.length] as const;
    for (let i = range[0]; i < range[1]; i++) clauses.push(range);
  });
  return { tokens, words, clauses };
}
