/**
 * The topic catalogue: choosing a main topic and sub-topic assigns the responsible unit and the
 * resolution time (DOMAIN.md rule 4). Loaded and checked once; unknown unit ids fail loudly.
 */
import topics from './topics.json' with { type: 'json' };
import type { TopicCatalogue } from '../../schemas/types.generated.js';
import { fieldErrors, validateTopicCatalogue } from '../../runtime/schemas.js';
import { foldedWords } from '../turkish/fold.js';

export interface TopicAssignment { main: string; sub: string | null; unit: string; resolutionHours: number }

/** A checked catalogue with constant-time lookups. */
export interface Catalogue {
  readonly source: TopicCatalogue;
  readonly fallback: { unit: string; resolutionHours: number };
  /** The assignment for a main topic and sub-topic; a main topic alone takes its first sub-topic's unit. */
  lookup(main: string, sub: string | null): TopicAssignment | null;
}

/**
 * Checks a catalogue document and indexes it.
 * @throws Error naming every schema problem, unknown unit, phrase without words or phrase given twice
 */
export function buildCatalogue(document: unknown): Catalogue {
  if (!validateTopicCatalogue(document)) {
    throw new Error(`topic catalogue is invalid: ${fieldErrors(validateTopicCatalogue.errors).map((e) => `${e.path} ${e.message}`).join('; ')}`);
  }
  const source = document;
  const units = new Set(Object.keys(source.units));
  const index = new Map<string, TopicAssignment>();
  const problems: string[] = [];
  // A phrase is compared folded ("Sayaç arızası" = "sayac arizasi"), so two phrases that fold alike
  // are one phrase, and in two sub-topics they would point both ways.
  const phraseOwner = new Map<string, string>();
  if (!units.has(source.fallback.unit)) problems.push(`fallback unit ${source.fallback.unit} is not in units`);
  for (const main of source.mainTopics) {
    for (const sub of main.subTopics) {
      const id = `${main.id}/${sub.id}`;
      if (!units.has(sub.unit)) problems.push(`${id}: unit ${sub.unit} is not in units`);
      for (const phrase of sub.phrases ?? []) {
        const folded = foldedWords(phrase).join(' ');
        const owner = phraseOwner.get(folded);
        if (folded === '') problems.push(`${id}: phrase "${phrase}" has no words`);
        else if (owner !== undefined) problems.push(`${id}: phrase "${phrase}" is already a phrase of ${owner}`);
        else phraseOwner.set(folded, id);
      }
      index.set(`${main.id}/${sub.id}`, { main: main.id, sub: sub.id, unit: sub.unit, resolutionHours: sub.resolutionHours });
    }
    const first = main.subTopics[0];
    if (first) index.set(`${main.id}/`, { main: main.id, sub: null, unit: first.unit, resolutionHours: first.resolutionHours });
  }
  if (problems.length > 0) throw new Error(`topic catalogue is inconsistent: ${problems.join('; ')}`);
  return Object.freeze({
    source,
    fallback: source.fallback,
    lookup: (main: string, sub: string | null) => index.get(`${main}/${sub ?? ''}`) ?? null,
  });
}

/** The catalogue shipped with the intake. */
export const defaultCatalogue: Catalogue = buildCatalogue(topics);
