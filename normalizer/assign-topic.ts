/**
 * Topic, unit and resolution time. A form names its topic; anything without a known topic goes to
 * the solution group (Çözüm Grubu), which classifies it, with the catalogue's fallback SLA.
 */
import type { ReasonCode } from '../schemas/types.generated.js';
import type { Catalogue } from './catalogue/index.js';
import type { CandidateFields } from './candidate-fields.js';
import { cleanText } from './rules/text.js';

export interface TopicResult {
  topic: { main: string; sub: string | null } | null;
  unit: string;
  resolutionHours: number;
  reason: ReasonCode;
}

/** Picks the topic from the form's choice, or the fallback. Pure. */
export function assignTopic(fields: CandidateFields, catalogue: Catalogue): TopicResult {
  const main = cleanText(fields.mainTopic);
  const sub = cleanText(fields.subTopic);
  if (main === null) return { topic: null, ...catalogue.fallback, reason: 'TOPIC_UNSPECIFIED' };
  const found = catalogue.lookup(main, sub);
  if (found === null) return { topic: null, ...catalogue.fallback, reason: 'TOPIC_UNKNOWN' };
  return { topic: { main: found.main, sub: found.sub }, unit: found.unit, resolutionHours: found.resolutionHours, reason: 'TOPIC_FROM_FORM' };
}
