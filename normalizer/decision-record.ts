/**
 * A decision as it is recorded: what every kind says of the item, then what became of it, keys in
 * the order records have always had (the connector's field notes first, when there are any).
 *
 * Written out key by key, not spread: in V8 each key added to an object literal after spreading a
 * large object into it is a slow dictionary insert, and building the decision that way was a tenth
 * of deciding an item (issue 11).
 */
import type { Decision, FieldNotes } from '../schemas/types.generated.js';

/** What became of the item. */
export type Outcome = Pick<Decision, 'kind' | 'reasons' | 'missing' | 'topic' | 'topicEvidence' | 'unit' | 'resolutionHours' | 'deadline'>;

/** What every decision says of the item, whatever became of it. */
export type Common = Omit<Decision, keyof Outcome | 'fieldNotes'>;

/** The decision of `common` and `outcome`, with the connector's field notes when there are any. */
export function decisionRecord(common: Common, outcome: Outcome, fieldNotes: FieldNotes | null): Decision {
  const decision: Decision = {
    itemId: common.itemId, channel: common.channel, receivedAt: common.receivedAt, enteredBy: common.enteredBy,
    emergency: common.emergency, emergencyEvidence: common.emergencyEvidence, registry: common.registry, contactPerson: common.contactPerson,
    linkedTo: common.linkedTo, customer: common.customer, description: common.description, proposedSolution: common.proposedSolution,
    kind: outcome.kind, reasons: outcome.reasons, missing: outcome.missing, topic: outcome.topic, topicEvidence: outcome.topicEvidence,
    unit: outcome.unit, resolutionHours: outcome.resolutionHours, deadline: outcome.deadline, caseRef: common.caseRef, provenance: common.provenance,
  };
  // Only e-mails have it: one key added to those few.
  if (common.replyTo !== undefined) decision.replyTo = common.replyTo;
  // Only faxes and letters have it.
  if (common.document !== undefined) decision.document = common.document;
  // Spread last, nothing added after it: the fast way, and only for the few items with notes.
  return fieldNotes === null ? decision : { fieldNotes, ...decision };
}
