/**
 * The free text of one item, split into words once for every reader (issue 11: each text was
 * split and folded twice, by the emergency screen and by the classifier). The screen reads the
 * description and the proposed solution as given; the classifier reads the description's words.
 */
import type { CandidateFields } from './candidate-fields.js';
import { foldedWords, tokenizeText, type TokenizedText } from './turkish/fold.js';

export interface ItemText {
  /** The description, then the proposed solution on the next line: what is screened for an emergency. */
  readonly screened: TokenizedText;
  /**
   * The folded words of the description for the classifier, which reads it cleaned (cleanText).
   * @param cleaned the description as cleanText (multiline) gave it, null when nothing was left
   */
  descriptionWords(cleaned: string | null): readonly string[];
}

/**
 * What cleanText removes besides white space. Without them, cleaning changes only white space,
 * which never is part of a word, so the cleaned description has the very words the given one has.
 */
const REMOVED_BY_CLEANING = /[\u0000-\u0008\u000B\u000C\u000E-\u001F\u007F]/;

function joined(first: TokenizedText, second: TokenizedText): TokenizedText {
  // The line break neither composes under NFC nor belongs to a word, so splitting the two texts
  // apart gives what splitting the joined text gives: the second's offsets move past the break.
  const shift = first.source.length + 1;
  return {
    source: `${first.source}\n${second.source}`,
    tokens: [...first.tokens, ...second.tokens.map((t) => ({ ...t, start: t.start + shift, end: t.end + shift }))],
    words: [...first.words, ...second.words],
  };
}

/** Splits the item's description and proposed solution into words. */
export function readItemText(fields: Pick<CandidateFields, 'description' | 'proposedSolution'>): ItemText {
  const { description, proposedSolution } = fields;
  const own = description === null ? null : tokenizeText(description);
  const solution = proposedSolution === null ? null : tokenizeText(proposedSolution);
  const screened = own === null ? (solution ?? tokenizeText('')) : solution === null ? own : joined(own, solution);
  return {
    screened,
    descriptionWords(cleaned) {
      if (own === null || cleaned === null) return [];
      if (description !== null && REMOVED_BY_CLEANING.test(description)) return foldedWords(cleaned);
      return own.words;
    },
  };
}
