/**
 * Whether a text says, after a past mention, that the smell or leak was dealt with: a repair
 * stated as done ("düzeltti", "giderildi", "onarıldı", "tamir edildi", "sorun çözüldü") or the crew
 * having come ("ekip geldi", "ekibiniz gelip baktı", "gelen ekip çok ilgiliydi").
 */
import type { ClausedText } from './clauses.js';
import { CAME, COMING, CREW, DONE_VERB, PAST, REPAIR_NOUN, REPAIRED } from './lexicon.js';

/** How many words after the crew the verb saying it came may be ("ekip 2 saat sonra geldi"). */
const CREW_WINDOW = 4;

/** A finished verb, negated: "gelmedi", "bakmadılar"; not a nominalised "olmadığını". */
const NEGATED_PAST = /m[ae]d[iu](m|k|n|niz|nuz|ler|lar)?$/;

function finishedVerbLater(text: ClausedText, from: number): boolean {
  const [, end] = text.clauses[from] ?? [from, from];
  for (let i = from + 1; i < end; i++) {
    const w = text.words[i] ?? '';
    if (NEGATED_PAST.test(w)) return false;
    if (PAST.test(w)) return true;
  }
  return false;
}

function crewCame(text: ClausedText, crew: number): boolean {
  if (text.words[crew - 1] === 'gelen') return finishedVerbLater(text, crew);
  const [, end] = text.clauses[crew] ?? [crew, crew];
  for (let i = crew + 1; i < Math.min(end, crew + 1 + CREW_WINDOW); i++) {
    const w = text.words[i] ?? '';
    if (CAME.test(w)) return true;
    if (COMING.test(w)) return finishedVerbLater(text, i);
  }
  return false;
}

/** True when a repair or the crew's visit is reported after the word at `index`. */
export function resolvedAfter(text: ClausedText, index: number): boolean {
  for (let i = index + 1; i < text.words.length; i++) {
    const w = text.words[i] ?? '';
    if (REPAIRED.test(w)) return true;
    if (REPAIR_NOUN.test(w) && DONE_VERB.test(text.words[i + 1] ?? '')) return true;
    if (w === 'sorun' && /^(yok|kalmadi|cozuldu|giderildi)/.test(text.words[i + 1] ?? '')) return true;
    if (CREW.test(w) && crewCame(text, i)) return true;
  }
  return false;
}
