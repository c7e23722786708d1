/**
 * Whether a text says, after a past mention, that the smell or leak was dealt with: a repair
 * stated as done ("düzeltti", "giderildi", "onarıldı", "tamir edildi", "sorun çözüldü") or the crew
 * having come ("ekip geldi", "ekibiniz gelip baktı", "gelen ekip çok ilgiliydi").
 *
 * Whether a word reports that does not depend on the mention, so "after the mention" is "before the
 * text's last such word": found once, from the end, instead of searching the rest of the text for
 * every mention, which made a long text of past mentions ("… vardı, kimse gelmedi") quadratic.
 */
import type { ClausedText } from './clauses.js';
import { CAME, COMING, CREW, DONE_VERB, PAST, REPAIR_NOUN, REPAIRED } from './lexicon.js';

/** How many words after the crew the verb saying it came may be ("ekip 2 saat sonra geldi"). */
const CREW_WINDOW = 4;

/** A finished verb, negated: "gelmedi", "bakmadılar"; not a nominalised "olmadığını". */
const NEGATED_PAST = /m[ae]d[iu](m|k|n|niz|nuz|ler|lar)?$/;

/**
 * For each word, whether the first verb after it in its clause is finished and not negated
 * ("gelen ekip … baktı" yes, "gelen ekip … bakmadı" no). Read in one pass from the end of each
 * clause, so a long clause full of crew words stays linear.
 */
function finishedVerbsLater(text: ClausedText): boolean[] {
  const later = new Array<boolean>(text.words.length).fill(false);
  let verdict = false;
  for (let i = text.words.length - 1; i >= 0; i--) {
    const [, end] = text.clauses[i] ?? [i, i];
    if (i + 1 >= end) verdict = false;
    later[i] = verdict;
    const w = text.words[i] ?? '';
    if (NEGATED_PAST.test(w)) verdict = false;
    else if (PAST.test(w)) verdict = true;
  }
  return later;
}

function crewCame(text: ClausedText, crew: number, finishedLater: readonly boolean[]): boolean {
  if (text.words[crew - 1] === 'gelen') return finishedLater[crew] === true;
  const [, end] = text.clauses[crew] ?? [crew, crew];
  for (let i = crew + 1; i < Math.min(end, crew + 1 + CREW_WINDOW); i++) {
    const w = text.words[i] ?? '';
    if (CAME.test(w)) return true;
    if (COMING.test(w)) return finishedLater[i] === true;
  }
  return false;
}

/** The index of the last word reporting a repair or the crew's visit, or -1 when none does. */
export function lastResolution(text: ClausedText): number {
  let finishedLater: boolean[] | null = null;
  for (let i = text.words.length - 1; i >= 0; i--) {
    const w = text.words[i] ?? '';
    if (REPAIRED.test(w)) return i;
    if (REPAIR_NOUN.test(w) && DONE_VERB.test(text.words[i + 1] ?? '')) return i;
    if (w === 'sorun' && /^(yok|kalmadi|cozuldu|giderildi)/.test(text.words[i + 1] ?? '')) return i;
    if (CREW.test(w)) {
      finishedLater ??= finishedVerbsLater(text);
      if (crewCame(text, i, finishedLater)) return i;
    }
  }
  return -1;
}
