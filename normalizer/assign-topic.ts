/**
 * Topic, unit and resolution time, and why. A reported gas smell or leak is an emergency whatever
 * else was chosen; a form's own known topic comes next; free text is classified from the
 * catalogue's Turkish phrases; anything else goes to the solution group (Çözüm Grubu), which
 * classifies it by hand, with the catalogue's fallback SLA.
 */
import type { ReasonCode } from '../schemas/types.generated.js';
import type { Catalogue } from './catalogue/index.js';
import type { CandidateFields } from './candidate-fields.js';
import { classifyWords } from './classify/index.js';
import { cleanText } from './turkish/clean.js';
import type { EmergencyScreen } from './screen-emergency.js';

export interface TopicResult {
  topic: { main: string; sub: string | null } | null;
  unit: string;
  resolutionHours: number;
  reasons: ReasonCode[];
  evidence: string[];
}

/** What the topic is chosen from: the form's choice as given, and the description's folded words. */
export interface TopicRequest extends Pick<CandidateFields, 'mainTopic' | 'subTopic'> {
  /** The folded words of the cleaned description (ItemText.descriptionWords), split once per item. */
  descriptionWords: readonly string[];
  /** A voicemail no one has heard: no transcript, so no words to route it by. */
  unheard?: boolean;
}

/** The unit whose people listen to voicemails the transcriber could not write down. */
const LISTENERS = 'call-centre';

/**
 * A voicemail without a transcript could be a gas leak: a person listens to it within the
 * emergency deadline (the emergency topic's), not the multi-day one of the fallback.
 */
function toBeHeard(catalogue: Catalogue): TopicResult {
  const emergency = catalogue.lookup('emergency', null);
  if (emergency === null) throw new Error('the topic catalogue has no emergency topic');
  return { topic: null, unit: LISTENERS, resolutionHours: emergency.resolutionHours, reasons: ['VOICEMAIL_TO_HEAR'], evidence: [] };
}

function emergencyTopic(catalogue: Catalogue, words: readonly string[], emergency: EmergencyScreen): TopicResult {
  const classified = classifyWords(words, catalogue, emergency);
  const found = (classified?.main === 'emergency' ? catalogue.lookup('emergency', classified.sub) : null) ?? catalogue.lookup('emergency', null);
  if (found === null) throw new Error('the topic catalogue has no emergency topic');
  return { topic: { main: found.main, sub: found.sub }, unit: found.unit, resolutionHours: found.resolutionHours, reasons: ['EMERGENCY_REPORTED'], evidence: [] };
}

/** Picks the topic. Pure. */
export function assignTopic(request: TopicRequest, catalogue: Catalogue, emergency: EmergencyScreen): TopicResult {
  const words = request.descriptionWords;
  if (emergency.emergency) return emergencyTopic(catalogue, words, emergency);
  if (request.unheard === true) return toBeHeard(catalogue);
  const main = cleanText(request.mainTopic);
  const chosen = main === null ? null : catalogue.lookup(main, cleanText(request.subTopic));
  if (chosen !== null) {
    return { topic: { main: chosen.main, sub: chosen.sub }, unit: chosen.unit, resolutionHours: chosen.resolutionHours, reasons: ['TOPIC_FROM_FORM'], evidence: [] };
  }
  const reasons: ReasonCode[] = main === null ? [] : ['TOPIC_UNKNOWN'];
  const classified = words.length === 0 ? null : classifyWords(words, catalogue, emergency);
  if (classified !== null) {
    return { topic: { main: classified.main, sub: classified.sub }, unit: classified.unit, resolutionHours: classified.resolutionHours, reasons: [...reasons, 'TOPIC_CLASSIFIED'], evidence: classified.evidence };
  }
  return { topic: null, ...catalogue.fallback, reasons: reasons.length > 0 ? reasons : ['TOPIC_UNSPECIFIED'], evidence: [] };
}
