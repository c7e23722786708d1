/**
 * The decision: one raw item (and what the registry said of it) in, one decision out. No clock,
 * no I/O, so the Kafka runner and `intake check` share it and tests need no infrastructure.
 *
 * - crm: every required customer field is present and valid (DOMAIN.md rule 1).
 * - needs-info: something is missing; recorded, flagged, and the missing data is asked for.
 * - archive-only: a fax or letter without the required data is only archived (rule 2).
 * - ignored: not an application at all (an auto-reply, an empty message).
 * A gas smell or leak is flagged on every kind and routed to the 187 dispatch unit (rule 7).
 */
import type { Customer, Decision, RawItem, ReasonCode } from '../schemas/types.generated.js';
import type { CandidateFields } from './candidate-fields.js';
import { assignTopic } from './assign-topic.js';
import { DEFAULT_MIN_CONFIDENCE, readCandidates, type Provenance, type SourcedField } from './candidate-fields.js';
import { captureNotes } from './capture-notes.js';
import { defaultCatalogue, type Catalogue } from './catalogue/index.js';
import { deadlineAfter } from './deadline.js';
import { decisionRecord, type Common, type Outcome } from './decision-record.js';
import { canonicalDistrict, recogniseDistrict } from './district/index.js';
import { readItemText } from './item-text.js';
import { mergeRegistry, type RegistryLookup } from './registry-merge.js';
import { checkRequiredFields } from './required-fields.js';
import { screenFields } from './screen-emergency.js';

export interface DecideContext {
  catalogue: Catalogue;
  /** What the subscriber registry said; `not-looked-up` where there is no registry (intake check). */
  registry?: RegistryLookup;
  /** Below this confidence a field read by OCR or speech-to-text counts as not given. */
  minFieldConfidence?: number;
}

const paperChannels: ReadonlySet<RawItem['channel']> = new Set(['fax', 'letter']);
const staffChannels: ReadonlySet<RawItem['channel']> = new Set(['phone', 'face-to-face']);

function isGiven(value: unknown): boolean {
  return typeof value === 'string' ? value.trim() !== '' : value !== undefined;
}

function hasContent(item: RawItem): boolean {
  const form = item.form;
  // A loop over the keys, not entries filtered and mapped: three arrays per item were 2% of deciding a form.
  if (form !== undefined) for (const key of Object.keys(form) as (keyof typeof form)[]) if (key !== 'channel' && isGiven(form[key])) return true;
  return isGiven(item.text?.body) || isGiven(item.text?.subject) || item.attachments.length > 0;
}

/** The district for region reports: the form's own, recognised; else the one the address names. */
function district(formDistrict: string | null, address: string | null): { name: string | null; fromAddress: boolean } {
  const given = formDistrict === null ? null : canonicalDistrict(formDistrict);
  if (given !== null) return { name: given, fromAddress: false };
  const found = address === null ? null : recogniseDistrict(address);
  return found === null ? { name: null, fromAddress: false } : { name: found.name, fromAddress: true };
}

/** An e-mail's return address, with what threads an answer to it; undefined for other items. */
function replyTo(item: RawItem): Common['replyTo'] {
  const text = item.text;
  if (item.channel !== 'email' || text?.sender === undefined || !text.sender.includes('@')) return undefined;
  return { address: text.sender, ...(text.messageId === undefined ? {} : { messageId: text.messageId }), ...(text.subject === undefined ? {} : { subject: text.subject }) };
}

/** A fax's or letter's reading, as the record keeps it; undefined for other items. */
function documentOf(item: RawItem): Common['document'] {
  const d = item.document;
  if (d === undefined) return undefined;
  return {
    ...(d.registryNumber === undefined ? {} : { registryNumber: d.registryNumber }), read: d.read, pages: d.pages,
    ...(d.problem === undefined ? {} : { problem: d.problem }),
    ...(d.read !== 'unreadable' && item.text?.confidence !== undefined ? { confidence: item.text.confidence } : {}),
    // Capture puts the original first among the attachments.
    ...(item.attachments[0] === undefined ? {} : { original: item.attachments[0] }),
  };
}

/** What became of an item that gets no topic, unit or deadline. */
function untopical(kind: Outcome['kind'], reasons: ReasonCode[], missing: Outcome['missing']): Outcome {
  return { kind, reasons, missing, topic: null, topicEvidence: [], unit: null, resolutionHours: null, deadline: null };
}

/** Fields the registry may fill or replace: their source is the registry when it changed them. */
const REGISTRY_FIELDS = ['fullName', 'nationalId', 'phone', 'email', 'address', 'district'] as const satisfies readonly SourcedField[];
const REGISTRY_SOURCE = { source: 'registry', confidence: 1 } as const;

/** The customer's fields with a source in the provenance. */
const CUSTOMER_FIELDS = ['fullName', 'nationalId', 'contractAccountNumber', 'phone', 'email', 'address', 'district'] as const satisfies readonly SourcedField[];

function provenanceAfter(before: CandidateFields, after: CandidateFields, given: Provenance, customer: Decision['customer']): Provenance {
  const out: Provenance = { ...given };
  for (const key of REGISTRY_FIELDS) if (after[key] !== before[key]) out[key] = REGISTRY_SOURCE;
  // A field the checks found invalid (or left empty) has no value, so nothing to say where it came from.
  // Deleted only when there: a delete of a missing key still costs a call into the runtime.
  for (const key of CUSTOMER_FIELDS) if (customer[key] === null && out[key] !== undefined) delete out[key];
  return out;
}

/** Decides what becomes of one raw item. Pure and deterministic. */
export function decide(item: RawItem, context: DecideContext = { catalogue: defaultCatalogue }): Decision {
  const candidates = readCandidates(item, context.minFieldConfidence ?? DEFAULT_MIN_CONFIDENCE);
  const given = candidates.fields;
  // Split into words once, for the emergency screen and the classifier.
  const text = readItemText(given);
  // Screened on what the item itself says: the registry adds contact data, never a report.
  const emergency = screenFields(given, text);
  const merge = mergeRegistry(given, context.registry ?? { status: 'not-looked-up' });
  const fields = merge.fields;
  const checked = checkRequiredFields(fields);
  const where = district(checked.customer.district, checked.customer.address);
  const c = checked.customer;
  // Written out, not spread with the district replaced: the spread was a slow copy on every item.
  const customer: Customer = { fullName: c.fullName, nationalId: c.nationalId, contractAccountNumber: c.contractAccountNumber, phone: c.phone, email: c.email, district: where.name, address: c.address, isSubscriber: c.isSubscriber };
  const provenance = provenanceAfter(given, fields, candidates.provenance, customer);
  if (where.fromAddress && customer.district !== null) provenance.district = provenance.address ?? REGISTRY_SOURCE;
  if (checked.description === null) delete provenance.description;
  if (checked.proposedSolution === null) delete provenance.proposedSolution;
  // The text says who wrote for whom; otherwise the registry knows when the name is not the subscriber's.
  const contactPerson = candidates.contactPerson ?? merge.contactPerson;
  const capture = captureNotes(item);
  const common: Common = {
    itemId: item.itemId, channel: item.channel, receivedAt: item.receivedAt, enteredBy: item.enteredBy ?? null,
    emergency: emergency.emergency, emergencyEvidence: emergency.evidence, registry: merge.registry, contactPerson,
    linkedTo: null, customer, description: checked.description, proposedSolution: checked.proposedSolution,
    caseRef: candidates.caseRef, provenance,
  };
  // Set only when there is one: spreading an empty object into the literal was a slow copy per item.
  const reply = replyTo(item);
  if (reply !== undefined) common.replyTo = reply;
  const document = documentOf(item);
  if (document !== undefined) common.document = document;

  // A report of gas smell is never set aside, even in what looks like an auto-reply.
  const heard = item.voicemail?.transcription;
  const ignoredBecause: ReasonCode | null = emergency.emergency ? null : item.text?.autoSubmitted === true ? 'AUTO_REPLY' : heard === 'silent' ? 'SILENT_RECORDING' : !hasContent(item) ? 'EMPTY_MESSAGE' : null;
  if (ignoredBecause !== null) {
    return decisionRecord(common, untopical('ignored', [ignoredBecause, ...capture.reasons], []), capture.fieldNotes);
  }

  const complete = checked.missing.length === 0;
  const archived = !complete && paperChannels.has(item.channel);
  // One array, pushed to in the order the record lists its reasons.
  const reasons: ReasonCode[] = archived ? ['PAPER_INCOMPLETE_ARCHIVED'] : complete ? ['COMPLETE'] : [];
  for (const found of [candidates.reasons, merge.reasons, checked.reasons]) for (const reason of found) reasons.push(reason);
  if (where.fromAddress) reasons.push('DISTRICT_FROM_ADDRESS');
  if (staffChannels.has(item.channel) && common.enteredBy !== null) reasons.push('STAFF_ENTERED');
  // A machine's message kept for its gas report: said, so that no one answers the machine.
  if (item.text?.autoSubmitted === true) reasons.push('AUTO_REPLY');
  const unheard = heard === 'unavailable' || heard === 'failed';
  if (unheard) reasons.push(heard === 'failed' ? 'TRANSCRIPTION_FAILED' : 'TRANSCRIPTION_UNAVAILABLE');
  for (const reason of capture.reasons) reasons.push(reason);

  if (archived && !emergency.emergency) {
    // The source is explicit: incomplete faxes and letters get no processing at all, so no topic, unit or deadline.
    return decisionRecord(common, untopical('archive-only', reasons, checked.missing), capture.fieldNotes);
  }

  // The registry never changes the description, so the words read off the item are still its words.
  const topic = assignTopic({ mainTopic: fields.mainTopic, subTopic: fields.subTopic, descriptionWords: text.descriptionWords(checked.description), unheard }, context.catalogue, emergency);
  return decisionRecord(common, {
    kind: archived ? 'archive-only' : complete ? 'crm' : 'needs-info',
    reasons: topic.reasons.length === 0 ? reasons : reasons.concat(topic.reasons),
    missing: checked.missing,
    topic: topic.topic,
    topicEvidence: topic.evidence,
    unit: topic.unit,
    resolutionHours: topic.resolutionHours,
    deadline: deadlineAfter(item.receivedAt, topic.resolutionHours),
  }, capture.fieldNotes);
}
