/**
 * What a raw item says about the customer, before any checking: a web or staff form gives its
 * fields as typed; free text (e-mail, SMS, transcription, OCR) gives its body and sender, and the
 * extractor reads the fields out of it (extract/). A form's own field always wins over the text.
 * Each value keeps where it came from and how sure the reading is.
 */
import type { FieldSource, RawItem, ReasonCode } from '../schemas/types.generated.js';
import { extractFields, readOwnWords, type Extracted, type Extraction } from './extract/index.js';

export interface CandidateFields {
  fullName: string | null;
  phone: string | null;
  email: string | null;
  isSubscriber: boolean | null;
  contractAccountNumber: string | null;
  nationalId: string | null;
  district: string | null;
  address: string | null;
  mainTopic: string | null;
  subTopic: string | null;
  description: string | null;
  proposedSolution: string | null;
}

export type SourcedField = 'fullName' | 'nationalId' | 'contractAccountNumber' | 'phone' | 'email' | 'address' | 'district' | 'description' | 'proposedSolution' | 'caseRef';
export type Provenance = Partial<Record<SourcedField, FieldSource>>;

export interface Candidates {
  readonly fields: CandidateFields;
  readonly provenance: Provenance;
  readonly caseRef: string | null;
  readonly contactPerson: { fullName: string | null; phone: string | null } | null;
  /** Where text gave a field (NATIONAL_ID_FROM_TEXT…), and values too unsure to use. */
  readonly reasons: ReasonCode[];
}

/** Below this, a value read by OCR or speech-to-text counts as not given (an unreadable fax is archived, not recorded with a wrong ID). */
export const DEFAULT_MIN_CONFIDENCE = 0.6;

/** Fields a decision needs; an unsure one is dropped rather than recorded wrong. */
const REQUIRED: ReadonlySet<SourcedField> = new Set(['fullName', 'nationalId', 'contractAccountNumber', 'phone', 'email', 'address']);

const FROM_TEXT: Partial<Record<SourcedField, ReasonCode>> = {
  fullName: 'FULL_NAME_FROM_TEXT', nationalId: 'NATIONAL_ID_FROM_TEXT', contractAccountNumber: 'CONTRACT_ACCOUNT_FROM_TEXT',
  phone: 'PHONE_FROM_TEXT', email: 'EMAIL_FROM_TEXT', address: 'ADDRESS_FROM_TEXT', district: 'DISTRICT_FROM_TEXT', proposedSolution: 'PROPOSED_SOLUTION_FROM_TEXT',
};
const FROM_SENDER: Partial<Record<SourcedField, ReasonCode>> = { fullName: 'FULL_NAME_FROM_SENDER', phone: 'PHONE_FROM_SENDER', email: 'EMAIL_FROM_SENDER' };

const FORM: FieldSource = { source: 'form', confidence: 1 };
const SENDER: FieldSource = { source: 'sender', confidence: 1 };

// Deciding reads an item's candidates more than once (the registry key, the decision); extracting them once is enough.
const memo = new WeakMap<RawItem, Map<number, Candidates>>();

function extraction(item: RawItem): Extraction | null {
  const text = item.text;
  if (text === undefined) return null;
  return extractFields({
    subject: text.subject ?? null, body: text.body, sender: text.sender ?? null, senderName: text.senderName ?? null,
    source: text.source ?? 'typed', confidence: text.confidence ?? null,
  });
}

function read(item: RawItem, minConfidence: number): Candidates {
  const form = item.form ?? {};
  const text = item.text;
  const found = extraction(item);
  const textSource: FieldSource['source'] = text?.source === 'ocr' ? 'ocr' : text?.source === 'transcript' ? 'transcript' : 'text';
  const provenance: Provenance = {};
  const reasons: ReasonCode[] = [];

  /** The form's value, else the text's when sure enough. */
  const pick = (key: SourcedField, formValue: string | undefined, fromText: Extracted | null | undefined): string | null => {
    if (formValue !== undefined && formValue !== '') {
      provenance[key] = FORM;
      return formValue;
    }
    if (fromText === null || fromText === undefined) return null;
    if (REQUIRED.has(key) && fromText.confidence < minConfidence) {
      if (!reasons.includes('LOW_CONFIDENCE_FIELD')) reasons.push('LOW_CONFIDENCE_FIELD');
      return null;
    }
    provenance[key] = fromText.fromSenderName === true ? { source: 'sender-name', confidence: fromText.confidence } : { source: textSource, confidence: fromText.confidence };
    const code = fromText.fromSenderName === true ? FROM_SENDER[key] : FROM_TEXT[key];
    if (code !== undefined) reasons.push(code);
    return fromText.value;
  };
  /** The channel's sender address or number, when neither form nor text gave one. */
  const fromSender = (key: 'phone' | 'email', value: string | null, sender: string | null): string | null => {
    if (value !== null || sender === null) return value;
    provenance[key] = SENDER;
    const code = FROM_SENDER[key];
    if (code !== undefined) reasons.push(code);
    return sender;
  };

  const sender = text?.sender ?? null;
  const senderIsEmail = sender !== null && sender.includes('@');
  const fullName = pick('fullName', form.fullName, found?.fullName);
  const nationalId = pick('nationalId', form.nationalId, found?.nationalId) ?? found?.invalidNationalId ?? null;
  const contractAccountNumber = pick('contractAccountNumber', form.contractAccountNumber, found?.contractAccountNumber);
  const phone = fromSender('phone', pick('phone', form.phone, found?.phone), senderIsEmail ? null : sender);
  const email = fromSender('email', pick('email', form.email, found?.email), senderIsEmail ? sender : null);
  const address = pick('address', form.address, found?.address);
  const proposedSolution = pick('proposedSolution', form.proposedSolution, found?.proposedSolution);
  const caseRef = found?.caseRef === null || found?.caseRef === undefined ? null : pick('caseRef', undefined, found.caseRef);
  if (caseRef !== null) reasons.push('CASE_REF_FOUND');
  const district = pick('district', form.district, found?.district);

  const description = descriptionOf(item, found?.description ?? null);
  if (description !== null) provenance.description = form.description !== undefined ? FORM : { source: textSource, confidence: text?.confidence ?? 1 };
  // The form's box, else what the text says of the writer's own subscription.
  const isSubscriber = form.isSubscriber ?? (found?.saysSubscriber === true ? true : null);
  if (form.isSubscriber === undefined && isSubscriber === true) reasons.push('SUBSCRIBER_FROM_TEXT');
  const contactPerson = found?.contactPerson ?? null;
  if (contactPerson !== null) reasons.push('CONTACT_PERSON_FROM_TEXT');

  return {
    fields: {
      fullName, phone, email, isSubscriber, contractAccountNumber, nationalId,
      district, address, mainTopic: form.mainTopic ?? null, subTopic: form.subTopic ?? null, description, proposedSolution,
    },
    provenance, caseRef, contactPerson, reasons,
  };
}

/** The description: the form's, else the subject and the text's own words. */
function descriptionOf(item: RawItem, ownWords: string | null): string | null {
  if (item.form?.description !== undefined) return item.form.description;
  const text = item.text;
  if (text === undefined) return null;
  const joined = [text.subject, ownWords].filter((s): s is string => s !== undefined && s !== null && s.trim() !== '').join('\n\n');
  return joined === '' ? null : joined;
}

/**
 * What the emergency screen reads of an item, as its decision will read it: the description, the
 * proposed solution and the chosen topic. For free text only the customer's own words are read,
 * not every field: a connector screens each item at capture, before publishing it.
 */
export function screenedFields(item: RawItem): Pick<CandidateFields, 'description' | 'proposedSolution' | 'mainTopic'> {
  const text = item.text;
  if (text === undefined) return candidateFields(item);
  const own = readOwnWords({ body: text.body, source: text.source ?? 'typed' });
  const form = item.form ?? {};
  return { description: descriptionOf(item, own.description), proposedSolution: form.proposedSolution ?? own.proposedSolution?.value ?? null, mainTopic: form.mainTopic ?? null };
}

/** Reads the candidates off a raw item; absent values are null. */
export function readCandidates(item: RawItem, minConfidence = DEFAULT_MIN_CONFIDENCE): Candidates {
  // A form alone is read in less time than remembering its reading takes (a WeakMap entry per item, 4% of deciding a form).
  if (item.text === undefined) return read(item, minConfidence);
  let byThreshold = memo.get(item);
  if (byThreshold === undefined) memo.set(item, (byThreshold = new Map()));
  let candidates = byThreshold.get(minConfidence);
  if (candidates === undefined) byThreshold.set(minConfidence, (candidates = read(item, minConfidence)));
  return candidates;
}

/** The candidate fields alone. */
export function candidateFields(item: RawItem): CandidateFields {
  return readCandidates(item).fields;
}
