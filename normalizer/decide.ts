/**
 * The decision: one raw item in, one decision out. No clock, no I/O, so the Kafka runner and
 * `intake check` share it and tests need no infrastructure.
 *
 * - crm: every required customer field is present and valid (DOMAIN.md rule 1).
 * - needs-info: something is missing; recorded, flagged, and the missing data is asked for.
 * - archive-only: a fax or letter without the required data is only archived (rule 2).
 * - ignored: not an application at all (an auto-reply, an empty message).
 */
import type { Decision, RawItem, ReasonCode } from '../schemas/types.generated.js';
import { assignTopic } from './assign-topic.js';
import { candidateFields } from './candidate-fields.js';
import { defaultCatalogue, type Catalogue } from './catalogue/index.js';
import { checkRequiredFields } from './required-fields.js';

export interface DecideContext { catalogue: Catalogue }

const paperChannels: ReadonlySet<RawItem['channel']> = new Set(['fax', 'letter']);
const staffChannels: ReadonlySet<RawItem['channel']> = new Set(['phone', 'face-to-face']);
const hourMs = 3_600_000;

function hasContent(item: RawItem): boolean {
  const values = [...Object.entries(item.form ?? {}).filter(([k]) => k !== 'channel').map(([, v]) => v), item.text?.body, item.text?.subject];
  return values.some((v) => (typeof v === 'string' ? v.trim() !== '' : v !== undefined)) || item.attachments.length > 0;
}

/** Decides what becomes of one raw item. Pure and deterministic. */
export function decide(item: RawItem, context: DecideContext = { catalogue: defaultCatalogue }): Decision {
  const base = {
    itemId: item.itemId, channel: item.channel, receivedAt: item.receivedAt, enteredBy: item.enteredBy ?? null,
    topicEvidence: [], emergencyEvidence: [], registry: { status: 'not-looked-up' as const, mismatches: [], updates: {} }, contactPerson: null, linkedTo: null,
  };
  const fields = candidateFields(item);
  const checked = checkRequiredFields(fields);

  const ignoredBecause: ReasonCode | null = item.text?.autoSubmitted === true ? 'AUTO_REPLY' : !hasContent(item) ? 'EMPTY_MESSAGE' : null;
  if (ignoredBecause !== null) {
    return {
      ...base, kind: 'ignored', emergency: false, reasons: [ignoredBecause], missing: [], customer: checked.customer,
      topic: null, unit: null, resolutionHours: null, deadline: null, description: checked.description, proposedSolution: checked.proposedSolution,
    };
  }

  const complete = checked.missing.length === 0;
  const reasons: ReasonCode[] = [...(complete ? (['COMPLETE'] as const) : []), ...checked.reasons];
  if (staffChannels.has(item.channel) && base.enteredBy !== null) reasons.push('STAFF_ENTERED');

  if (!complete && paperChannels.has(item.channel)) {
    // The source is explicit: incomplete faxes and letters get no processing at all, so no topic, unit or deadline.
    return {
      ...base, kind: 'archive-only', emergency: false, reasons: ['PAPER_INCOMPLETE_ARCHIVED', ...reasons], missing: checked.missing,
      customer: checked.customer, topic: null, unit: null, resolutionHours: null, deadline: null,
      description: checked.description, proposedSolution: checked.proposedSolution,
    };
  }

  const topic = assignTopic(fields, context.catalogue);
  reasons.push(topic.reason);
  const deadline = new Date(Date.parse(item.receivedAt) + topic.resolutionHours * hourMs).toISOString();
  return {
    ...base,
    kind: complete ? 'crm' : 'needs-info',
    emergency: topic.topic?.main === 'emergency',
    reasons,
    missing: checked.missing,
    customer: checked.customer,
    topic: topic.topic,
    unit: topic.unit,
    resolutionHours: topic.resolutionHours,
    deadline,
    description: checked.description,
    proposedSolution: checked.proposedSolution,
  };
}
