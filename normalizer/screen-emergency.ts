/**
 * Whether a raw item reports gas smell or leak, read from its free text (a form's description, an
 * e-mail's subject and body, an SMS, a transcript, OCR text). Shared by the connectors, which
 * publish the alert at capture, and the decision, which records it.
 */
import type { RawItem } from '../schemas/types.generated.js';
import { screenedFields, type CandidateFields } from './candidate-fields.js';
import { detectEmergency } from './emergency/index.js';
import { mayMentionSomewhere } from './emergency/mentions.js';
import { prepareText } from './extract/prepare.js';
import { readItemText, type ItemText } from './item-text.js';
import { APOSTROPHES, foldTurkish } from './turkish/fold.js';

export interface EmergencyScreen { emergency: boolean; evidence: string[] }

/**
 * Screens the candidate fields a decision has already read off the item.
 * @param text the item's text as readItemText split it, when the caller has it already (the
 *   decision hands the same words to the classifier)
 */
export function screenFields(fields: Pick<CandidateFields, 'description' | 'proposedSolution' | 'mainTopic'>, text: ItemText = readItemText(fields)): EmergencyScreen {
  const detected = detectEmergency(text.screened);
  // Choosing the emergency topic on a form is itself the report, whatever the text says.
  return detected.emergency ? detected : topicOnly(fields.mainTopic ?? undefined);
}

/** What a form's chosen topic reports when no text does. */
function topicOnly(mainTopic: string | undefined): EmergencyScreen {
  return mainTopic?.trim() === 'emergency' ? { emergency: true, evidence: ['mainTopic: emergency'] } : { emergency: false, evidence: [] };
}

/**
 * Whether no text the screen could read from the item holds even the start of a mention: the
 * description and proposed solution are cut out of the subject, the prepared body and the form's
 * own, so a text none of whose stretches may mention gas needs no message split or clause read.
 * Most items are such, and a connector screens every one at capture.
 */
function mentionsNothing(item: RawItem): boolean {
  const text = item.text;
  if (text === undefined) return false;
  const form = item.form;
  const written = [prepareText(text.body), text.subject, form?.description, form?.proposedSolution];
  return !written.some((w) => w !== undefined && mayMentionSomewhere(foldTurkish(w).replace(APOSTROPHES, '')));
}

/** Screens an item as its decision will, reading only what the screen needs (a connector does this at capture). */
export function screenItemForEmergency(item: RawItem): EmergencyScreen {
  if (mentionsNothing(item)) return topicOnly(item.form?.mainTopic);
  return screenFields(screenedFields(item));
}
