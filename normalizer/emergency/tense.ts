/**
 * What a mention's statement says: that the smell or leak is there now, was there, is not there,
 * or might be. Turkish puts the predicate after the subject, so the first predicate within a few
 * words after the mention (same clause, fillers skipped) decides: "gaz kokusu var", "koku artık
 * gelmiyor", "gaz kokusu vardı", "gaz kaçağı durumunda".
 */
import { clauseMatches } from './clause-counts.js';
import type { ClausedText } from './clauses.js';
import type { Mention } from './mentions.js';
import {
  DENIAL, FILLERS, HYPOTHETICAL, NEGATED_VERB, NOT_RESOLVED, PASSED, PAST, PERSISTENCE, PRESENT_VERB, PRESENT_WORD, REPAIRED,
} from './lexicon.js';

export type Tense = 'present' | 'past' | 'unstated' | 'denied' | 'hypothetical';

/** Nouns that form one verb with the next word: "tespit edilmedi", "fark etmedim", "hissetmedik". */
const LIGHT_VERB_NOUN = /^(tespit|fark|hiss|rastlan)/;

/** How many words (fillers not counted) after a mention its predicate may be. */
const PREDICATE_WINDOW = 3;

/** What one word says as a predicate, or null when it is not one. */
function predicate(word: string): Tense | null {
  if (DENIAL.test(word)) return 'denied';
  if (NOT_RESOLVED.test(word)) return 'present';
  if (PASSED.test(word) || REPAIRED.test(word)) return 'denied';
  if (NEGATED_VERB.test(word)) return 'denied';
  if (HYPOTHETICAL.test(word)) return 'hypothetical';
  if (PRESENT_WORD.test(word)) return 'present';
  if (PAST.test(word)) return 'past';
  if (PRESENT_VERB.test(word)) return 'present';
  return null;
}

/** The tense of a mention and the index of the word that gave it (null when unstated). */
export function mentionTense(text: ClausedText, mention: Mention): { tense: Tense; at: number | null } {
  const [, end] = text.clauses[mention.index] ?? [mention.index, mention.index + 1];
  const own = text.words[mention.index] ?? '';
  // A verb mention carries its own predicate ("kokuyor", "kokmuyor", "patladı"); a noun does not.
  let found: { tense: Tense; at: number | null } = { tense: 'unstated', at: null };
  const ownTense = NEGATED_VERB.test(own) ? 'denied' : HYPOTHETICAL.test(own) ? 'hypothetical' : PAST.test(own) ? 'past' : PRESENT_VERB.test(own) ? 'present' : null;
  if (ownTense !== null) {
    found = { tense: ownTense, at: mention.index };
  } else {
    let counted = 0;
    let previous: string | null = null;
    for (let i = mention.index + 1; i < end && counted < PREDICATE_WINDOW; i++) {
      const w = text.words[i] ?? '';
      if (FILLERS.has(w)) continue;
      const tense = predicate(w);
      // A negated verb denies the mention only when it is the mention's own verb: "koku gelmiyor",
      // "kaçak tespit edilmedi"; in "gaz kokusu yoğun, nefes alamıyoruz" it has its own object.
      const ownVerb = previous === null || LIGHT_VERB_NOUN.test(previous);
      if (tense !== null && !(tense === 'denied' && NEGATED_VERB.test(w) && !DENIAL.test(w) && !ownVerb)) {
        found = { tense, at: i };
        break;
      }
      previous = w;
      counted++;
    }
  }
  // "yine", "hâlâ", "devam ediyor", "-den beri" in the same clause: it is there now, whatever the verb.
  const persists = clauseMatches(text, PERSISTENCE, mention.index) > 0;
  if (persists && (found.tense === 'past' || found.tense === 'unstated')) return { tense: 'present', at: found.at };
  return found;
}
