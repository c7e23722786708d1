/**
 * Topic classification of free text (e-mail, SMS, voicemail transcript, letter, or a web form's
 * description when no topic was chosen) from the Turkish phrases of the topic catalogue, so the
 * responsible unit and the resolution time follow (DOMAIN.md rule 4). Pure and deterministic.
 *
 * Every phrase found counts once, longer phrases more (phraseWeight), times the sub-topic's
 * optional weight; a phrase inside a longer one of the same sub-topic that was also found
 * ("sayaç" in "sayaç değişimi") does not count again. The sub-topic with the highest total wins;
 * on a tie the one with the longer evidence, then the one listed first in the catalogue. No phrase, no topic: the caller sends the
 * application to the solution group.
 *
 * A reported gas smell or leak (detectEmergency) decides the topic before any phrase does
 * (DOMAIN.md rule 7): then only the emergency sub-topics compete, and without any of their phrases
 * the first emergency sub-topic is taken, with the detector's words as evidence. When no emergency
 * is reported, the emergency sub-topics are left out, so "gaz kokusu yok ama faturam yüksek" is a
 * billing matter.
 */
import type { Catalogue } from '../catalogue/index.js';
import { detectEmergency, type EmergencyDetection } from '../emergency/index.js';
import { foldedWords } from '../turkish/fold.js';
import { compilePhrase, phraseOccursIn, type PhrasePattern } from './phrase-pattern.js';
import { createWordLookup, indexWords, type WordIndex, type WordLookup } from './word-index.js';

export { foldTurkish, foldedWords, tokenize, type Token } from '../turkish/fold.js';

/** The topic a text was classified under, with the phrases that decided it. */
export interface TopicMatch {
  main: string;
  sub: string;
  unit: string;
  resolutionHours: number;
  /** The catalogue phrases that counted, as the catalogue writes them, in catalogue order. */
  evidence: string[];
  /** The sum of the counted phrases' weights (phraseWeight) times the sub-topic's weight; 0 for an emergency without phrases. */
  score: number;
}

/** The main topic whose sub-topics a reported gas smell or leak goes to. */
const EMERGENCY = 'emergency';

interface CompiledPhrase {
  readonly pattern: PhrasePattern;
  /** Longer phrases of the same sub-topic that contain this one word for word. */
  readonly within: readonly PhrasePattern[];
}

interface CompiledSubTopic {
  readonly main: string;
  readonly sub: string;
  readonly unit: string;
  readonly resolutionHours: number;
  readonly weight: number;
  readonly phrases: readonly CompiledPhrase[];
}

function contains(outer: readonly string[], inner: readonly string[]): boolean {
  if (inner.length >= outer.length) return false;
  for (let i = 0; i + inner.length <= outer.length; i++) {
    if (inner.every((w, k) => outer[i + k] === w)) return true;
  }
  return false;
}

function compilePhrases(phrases: readonly string[]): CompiledPhrase[] {
  const patterns = phrases.map((p) => ({ pattern: compilePhrase(p), words: foldedWords(p) }));
  return patterns.map(({ pattern, words }) => ({
    pattern,
    within: patterns.filter((other) => contains(other.words, words)).map((other) => other.pattern),
  }));
}

interface CompiledCatalogue {
  readonly subTopics: readonly CompiledSubTopic[];
  /** Every word of every phrase, for finding them all in a text in one pass. */
  readonly words: WordLookup;
  /**
   * By the key of a phrase's first word, the phrases that start with it and the index of their
   * sub-topic: a text names a few of the catalogue's words, so only the phrases that start with
   * one of them are followed through it, and only their sub-topics are weighed. Kept apart for
   * the emergency sub-topics (urgent) and the others (usual), as only one of the two competes.
   */
  readonly byFirstWord: { readonly urgent: FirstWordIndex; readonly usual: FirstWordIndex };
  readonly hasEmergencyTopic: boolean;
}

type FirstWordIndex = ReadonlyMap<string, readonly FirstWordPhrase[]>;

interface FirstWordPhrase {
  readonly subTopic: number;
  readonly phrase: PhrasePattern;
}

// Compiled once per catalogue; the catalogue is frozen, so the cache cannot go stale.
const compiled = new WeakMap<Catalogue, CompiledCatalogue>();

function compileCatalogue(catalogue: Catalogue): CompiledCatalogue {
  const cached = compiled.get(catalogue);
  if (cached) return cached;
  const subTopics = catalogue.source.mainTopics.flatMap((main) =>
    main.subTopics.map((sub) => ({
      main: main.id,
      sub: sub.id,
      unit: sub.unit,
      resolutionHours: sub.resolutionHours,
      weight: sub.weight ?? 1,
      phrases: compilePhrases(sub.phrases ?? []),
    })),
  );
  const words = createWordLookup(subTopics.flatMap((s) => s.phrases.flatMap((p) => p.pattern.words)));
  const byFirstWord = { urgent: new Map<string, FirstWordPhrase[]>(), usual: new Map<string, FirstWordPhrase[]>() };
  subTopics.forEach((s, subTopic) => {
    const phrases = s.main === EMERGENCY ? byFirstWord.urgent : byFirstWord.usual;
    for (const { pattern } of s.phrases) {
      const key = pattern.words[0]?.key;
      if (key === undefined) continue;
      const list = phrases.get(key);
      if (list === undefined) phrases.set(key, [{ subTopic, phrase: pattern }]);
      else list.push({ subTopic, phrase: pattern });
    }
  });
  const result = { subTopics, words, byFirstWord, hasEmergencyTopic: subTopics.some((s) => s.main === EMERGENCY) };
  compiled.set(catalogue, result);
  return result;
}

/**
 * By sub-topic index, the phrases of `byFirstWord` found in the text; no entry for a sub-topic
 * with none. Only a phrase whose first word occurs can occur, so only those are followed through
 * the text. An array, not a map: it is read in sub-topic order, which is catalogue order.
 */
function occurringPhrases(index: WordIndex, byFirstWord: FirstWordIndex): (Set<PhrasePattern> | undefined)[] {
  const found: (Set<PhrasePattern> | undefined)[] = [];
  for (const key of index.keys) {
    // Many catalogue words a text holds start no phrase: no empty array is made for each of them.
    const starting = byFirstWord.get(key);
    if (starting === undefined) continue;
    for (const { subTopic, phrase } of starting) {
      if (phraseOccursIn(index.positions, phrase)) (found[subTopic] ??= new Set()).add(phrase);
    }
  }
  return found;
}

/** The phrases of a sub-topic found in the text (`occurs`), less those inside a longer one found and repeats, in catalogue order. */
function countedPhrases(subTopic: CompiledSubTopic, occurs: ReadonlySet<PhrasePattern>): PhrasePattern[] {
  const counted = new Map<string, PhrasePattern>();
  for (const p of subTopic.phrases) {
    if (occurs.has(p.pattern) && !p.within.some((w) => occurs.has(w)) && !counted.has(p.pattern.key)) counted.set(p.pattern.key, p.pattern);
  }
  return [...counted.values()];
}

/**
 * Whether a candidate beats the best so far: a higher score; on equal scores, longer evidence
 * (a specific "gecikme" over a generic "fatura"). Still equal, the earlier in the catalogue stays.
 */
function beats(candidate: TopicMatch, best: TopicMatch): boolean {
  if (candidate.score !== best.score) return candidate.score > best.score;
  const length = (m: TopicMatch): number => m.evidence.reduce((sum, e) => sum + e.length, 0);
  return length(candidate) > length(best);
}

/** A phrase's weight: 1 for one word, 2.5 for two, 4 for three: more words, less chance. */
export function phraseWeight(words: number): number {
  return 1 + 1.5 * Math.max(0, words - 1);
}

/**
 * Classifies free text under the catalogue's sub-topics; null when no phrase is found.
 * @param screened the caller's emergency detection on this text, when it has one already (the
 *   decision does): detecting again would only repeat the same work
 */
export function classifyTopic(text: string, catalogue: Catalogue, screened?: EmergencyDetection): TopicMatch | null {
  const words = foldedWords(text);
  if (words.length === 0) return null;
  return classifyWords(words, catalogue, screened ?? detectEmergency(text));
}

/**
 * Classifies a text given as its folded words (foldedWords), with its emergency detection; null
 * when no phrase is found. The decision splits an item's text into words once, for the emergency
 * detector and for this.
 */
export function classifyWords(tokens: readonly string[], catalogue: Catalogue, emergency: EmergencyDetection): TopicMatch | null {
  if (tokens.length === 0) return null;
  const { subTopics, words, byFirstWord, hasEmergencyTopic } = compileCatalogue(catalogue);
  const index = indexWords(tokens, words);
  const urgent = emergency.emergency && hasEmergencyTopic;
  // Without a reported emergency its sub-topics are left out; with one, only they compete.
  const occurring = occurringPhrases(index, urgent ? byFirstWord.urgent : byFirstWord.usual);
  let best: TopicMatch | null = null;
  // In catalogue order, so that a tie still goes to the sub-topic listed first.
  for (let i = 0; i < occurring.length; i++) {
    const subTopic = subTopics[i];
    const occurs = occurring[i];
    if (subTopic === undefined || occurs === undefined) continue;
    const found = countedPhrases(subTopic, occurs);
    const score = subTopic.weight * found.reduce((sum, p) => sum + phraseWeight(p.words.length), 0);
    const candidate = { main: subTopic.main, sub: subTopic.sub, unit: subTopic.unit, resolutionHours: subTopic.resolutionHours, evidence: found.map((p) => p.phrase), score };
    if (score > 0 && (best === null || beats(candidate, best))) best = candidate;
  }
  if (best === null && urgent) {
    const first = subTopics.find((s) => s.main === EMERGENCY);
    if (first) return { main: first.main, sub: first.sub, unit: first.unit, resolutionHours: first.resolutionHours, evidence: [...emergency.evidence], score: 0 };
  }
  return best;
}
