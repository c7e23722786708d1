/** What the connector set aside or mended while capturing an item, as reasons of the decision. */
import type { FieldNotes, RawItem, ReasonCode } from '../schemas/types.generated.js';

export interface CaptureNotes {
  reasons: ReasonCode[];
  /** Carried into the decision when there is anything to say, so the record names the fields. */
  fieldNotes: FieldNotes | null;
}

export function captureNotes(item: RawItem): CaptureNotes {
  const notes = item.fieldNotes;
  const reasons: ReasonCode[] = [];
  if (notes !== undefined) {
    if (notes.unknown.length > 0) reasons.push('UNKNOWN_FIELDS_IGNORED');
    if (notes.dropped.length > 0) reasons.push('FIELD_TYPE_DROPPED');
    if (notes.repaired.length > 0) reasons.push('TEXT_REPAIRED');
  }
  if (item.text?.fullText !== undefined) reasons.push('TEXT_TRUNCATED');
  if (item.document?.read === 'unreadable') reasons.push('DOCUMENT_UNREADABLE');
  if (item.document?.registryNumber !== undefined) reasons.push('DOCUMENT_REGISTERED');
  return { reasons, fieldNotes: notes ?? null };
}
