/**
 * Finds the words that may report a gas smell or leak, each checked against its neighbours so
 * that "yemek kokusu", "kaçak kullanım", "su sızıntısı", "su borusu patladı" or "randevuyu
 * kaçırdım" are not taken for one. Whether a mention is denied, past or hypothetical is read
 * afterwards (tense.ts).
 */
import { otherInClause } from './clause-counts.js';
import type { ClausedText } from './clauses.js';
import {
  BURST, CARBON_MONOXIDE, DAMAGE, ESCAPE, GAS_CONTEXT, INFRASTRUCTURE, LEAK_VERB, OTHER_KACAK, OTHER_LEAK_SOURCE, OTHER_SEEP_SOURCE,
  OTHER_SMELL, OTHER_UTILITY, POISONING, SEEP, SMELL, isGasWord, isLeakNoun,
} from './lexicon.js';

export type MentionKind = 'smell' | 'leak' | 'seep' | 'burst' | 'damage' | 'poisoning' | 'escape';

/** A word that reports smell or leak, and where its evidence starts (a "gaz" right before it). */
export interface Mention { readonly kind: MentionKind; readonly index: number; readonly from: number }

/** Words that name a pipe or line, for damage: a damaged meter or boiler is a repair, not a leak. */
const PIPE = /^(boru|hatt|hat$|sebeke|vana)/;

/** What besides gas makes "zehirlendik" a gas poisoning: carbon monoxide, a stove. */
const FUMES = /^(karbon|monoksit|soba)/;

/** How far (in words, same clause) a pipe or appliance may be from "patladı" or "deldi". */
const NEAR = 3;

function word(text: ClausedText, index: number, from: number): string | undefined {
  const [start, end] = text.clauses[from] ?? [0, 0];
  return index >= start && index < end ? text.words[index] : undefined;
}

/** Index where "gaz" or "doğal gaz" right before the word starts, or the word's own index. */
function gasBefore(text: ClausedText, index: number): number {
  const previous = word(text, index - 1, index);
  if (previous === undefined || !isGasWord(previous)) return index;
  return word(text, index - 2, index) === 'dogal' ? index - 2 : index - 1;
}

/** A pipe or appliance near the word, not named as water, sewage or telephone ("su borusu"). */
function infrastructureNear(text: ClausedText, index: number, what: RegExp): boolean {
  for (let k = index - NEAR; k <= index + NEAR; k++) {
    const candidate = k === index ? undefined : word(text, k, index);
    if (candidate === undefined || !what.test(candidate)) continue;
    const owner = word(text, k - 1, index);
    if (owner === undefined || !OTHER_UTILITY.test(owner)) return true;
  }
  return false;
}

/** First or second person verb endings (folded): "kaçırdım", "kaçırdık", "kaçırdınız". */
const FIRST_PERSON = /(d[iu]m|d[iu]k|d[iu]n|d[iu]niz|d[iu]nuz|t[iu]m|t[iu]k|[iu]m$|[iu]z$|sin$|siniz$)$/;

/** A word matching `what` among the NEAR words before (same clause) or the one right after. */
function nearBefore(text: ClausedText, index: number, what: RegExp): boolean {
  for (let k = index - NEAR; k <= index + 1; k++) {
    const candidate = k === index ? undefined : word(text, k, index);
    if (candidate !== undefined && what.test(candidate)) return true;
  }
  return false;
}

/**
 * What a word must start with to be any mention: every pattern below, one test. Most words are
 * none, and were tried against each pattern in turn (issue 7).
 */
const MAY_MENTION = new RegExp(`^(?:${[SMELL, LEAK_VERB, SEEP, BURST, DAMAGE, POISONING, CARBON_MONOXIDE, ESCAPE].map((p) => `(?:${p.source.replace(/^\^/, '')})`).join('|')}|kacag|kacak|karbon)`);

/** Whether a folded word starts like a mention; a text with no such word mentions nothing. */
export function mayMention(word: string): boolean {
  return MAY_MENTION.test(word);
}

/**
 * MAY_MENTION anywhere, not only at a word's start, and without what only narrows a match (end
 * anchors, negative lookaheads): it finds every place any word of any stretch of the text could
 * start a mention, and more.
 */
const MAY_MENTION_SOMEWHERE = new RegExp(MAY_MENTION.source.replace(/^\^/, '').replace(/\(\?![^()]*\)/g, '').replace(/\$/g, ''));

/**
 * Whether a folded text, or any part of it, may hold a mention; false only when it holds none,
 * however it is cut into words or stretches. Apostrophes must be taken out first, as words drop them.
 */
export function mayMentionSomewhere(folded: string): boolean {
  return MAY_MENTION_SOMEWHERE.test(folded);
}

function classify(text: ClausedText, index: number): MentionKind | null {
  const w = text.words[index] ?? '';
  if (!MAY_MENTION.test(w)) return null;
  // The neighbours are read only for a word that may be a mention, once it shows it may: most words are none.
  if (SMELL.test(w)) return gasBefore(text, index) < index || !otherInClause(text, OTHER_SMELL, index) ? 'smell' : null;
  if (isLeakNoun(w)) {
    const previous = word(text, index - 1, index);
    if (previous !== undefined && OTHER_LEAK_SOURCE.test(previous)) return null;
    // Bare "kaçak" before a noun is an adjective: "kaçak kullanım", "kaçak (doğal) (gaz) kullanımı".
    let after = index + 1;
    if (word(text, after, index) === 'dogal') after++;
    const next = word(text, after, index);
    const afterGas = next !== undefined && isGasWord(next) ? word(text, after + 1, index) : next;
    if (w === 'kacak' && afterGas !== undefined && OTHER_KACAK.test(afterGas)) return null;
    return 'leak';
  }
  // Something leaks gas, in the third person: "borudan gaz kaçıyor", "vana kaçırıyor"; "kaçırdım"
  // is "I missed" (a bus, an appointment), "su kaçırıyor" leaks water.
  if (LEAK_VERB.test(w)) {
    const previous = word(text, index - 1, index);
    if (FIRST_PERSON.test(w) || (previous !== undefined && OTHER_LEAK_SOURCE.test(previous))) return null;
    return nearBefore(text, index, GAS_CONTEXT) ? 'leak' : null;
  }
  if (SEEP.test(w)) return [word(text, index - 1, index), word(text, index - 2, index)].some((b) => b !== undefined && OTHER_SEEP_SOURCE.test(b)) ? null : 'seep';
  if (BURST.test(w)) return infrastructureNear(text, index, INFRASTRUCTURE) ? 'burst' : null;
  if (DAMAGE.test(w)) return infrastructureNear(text, index, PIPE) ? 'damage' : null;
  if (POISONING.test(w)) return otherInClause(text, GAS_CONTEXT, index) || otherInClause(text, FUMES, index) ? 'poisoning' : null;
  if (CARBON_MONOXIDE.test(w) || (w === 'karbon' && word(text, index + 1, index)?.startsWith('monoksit') === true)) return 'poisoning';
  if (ESCAPE.test(w)) return gasBefore(text, index) < index || otherInClause(text, GAS_CONTEXT, index) ? 'escape' : null;
  return null;
}

/** Every word of the text that may report a gas smell or leak, in text order. */
export function findMentions(text: ClausedText): Mention[] {
  const mentions: Mention[] = [];
  text.words.forEach((_, index) => {
    const kind = classify(text, index);
    if (kind !== null) mentions.push({ kind, index, from: gasBefore(text, index) });
  });
  return mentions;
}
