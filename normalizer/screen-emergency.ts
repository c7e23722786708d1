/**
 * Whether a raw item reports gas smell or leak, read from its free text (a form's description, an
 * e-mail's subject and body, an SMS, a transcript, OCR text). Shared by the connectors, which
 * publish the alert at capture, and the decision, which records it.
 */
import type { RawItem } from '../schemas/types.generated.js';
import { screenedFields, type CandidateFields } from './candidate-fields.js';
import { detectEmergency } from './emergency/index.js';
import { readItemText, type ItemText } from './item-text.js';

export interface EmergencyScreen { emergency: boolean; evidence: string[] }

/**
 * Screens the candidate fields a decision has already read off the item.
 * @param text the item's text as readItemText split it, when the caller has it already (the
 *   decision hands the same words to the classifier)
 */
export function screenFields(fields: Pick<CandidateFields, 'description' | 'proposedSolution' | 'mainTopic'>, text: ItemText = readItemText(fields)): EmergencyScreen {
  const detected = detectEmergency(text.screened);
  // Choosing the emergency topic on a form is itself the report, whatever the text says.
  if (!detected.emergency && fields.mainTopic?.trim() === 'emergency') return { emergency: true, evidence: ['mainTopic: emergency'] };
  return detected;
}

/** Screens an item as its decision will, reading only what the screen needs (a connector does this at capture). */
export function screenItemForEmergency(item: RawItem): EmergencyScreen {
  return screenFields(screenedFields(item));
}
