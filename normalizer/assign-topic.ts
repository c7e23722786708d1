/**
 * Topic, unit and resolution time, and why. A reported gas smell or leak is an emergency whatever
 * else was chosen; a form's own known topic comes next; free text is classified from the
 * catalogue's Turkish phrases; anything else goes to the solution group (Çözüm Grubu), which
 * classifies it by hand, with the catalogue's fallback SLA.
 */
import type { ReasonCode } from '../schemas/types.generated.js';
import type { Catalogue } from './catalogue/index.js';
import type { CandidateFields } from './candidate-fields.js';
import { classifyTopic } from './classify/index.js';
import { cleanText } from './rules/text.js';
import type { EmergencyScreen } from './screen-emergency.js';

export interface TopicResult {
  topic: { main: string; sub: string | null } | null;
  unit: string;
  resolutionHours: number;
  reasons: ReasonCode[];
  evidence: string[];
}

function emergencyTopic(catalogue: Catalogue, text: string, emergency: EmergencyScreen): TopicResult {
  const classified = classifyTopic(text, catalogue, emergency);
  const found = (classified?.main === 'emergency' ? catalogue.lookup('emergency', classified.sub) : null) ?? catalogue.lookup('emergency', null);
  if (found === null) throw new Error('the topic catalogue has no emergency topic');
  return { topic: { main: found.main, sub: found.sub }, unit: found.unit, resolutionHours: found.resolutionHours, reasons: ['EMERGENCY_REPORTED'], evidence: [] };
}

/** Picks the topic. Pure. */
export function assignTopic(fields: CandidateFields, catalogue: Catalogue, emergency: EmergencyScreen): TopicResult {
  const text = cleanText(fields.description, { multiline: true }) ?? '';
  if (emergency.emergency) return emergencyTopic(catalogue, text, emergency);
  const main = cleanText(fields.mainTopic);
  const chosen = main === null ? null : catalogue.lookup(main, cleanText(fields.subTopic));
  if (chosen !== null) {
    return { topic: { main: chosen.main, sub: chosen.sub }, unit: chosen.unit, resolutionHours: chosen.resolutionHours, reasons: ['TOPIC_FROM_FORM'], evidence: [] };
  }
  const reasons: ReasonCode[] = main === null ? [] : ['TOPIC_UNKNOWN'];
  const classified = text === '' ? null : classifyTopic(text, catalogue, emergency);
  if (classified !== null) {
    return { topic: { main: classified.main, sub: classified.sub }, unit: classified.unit, resolutionHours: classified.resolutionHours, reasons: [...reasons, 'TOPIC_CLASSIFIED'], evidence: classified.evidence };
  }
  return { topic: null, ...catalogue.fallback, reasons: reasons.length > 0 ? reasons : ['TOPIC_UNSPECIFIED'], evidence: [] };
}
