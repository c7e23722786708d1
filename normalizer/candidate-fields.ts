/**
 * What a raw item says about the customer, before any checking: a web or staff form gives its
 * fields as typed; free text (e-mail, SMS, transcription, OCR) gives its body and sender.
 */
import type { RawItem } from '../schemas/types.generated.js';

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

/** Reads the candidate fields off a raw item; absent values are null. */
export function candidateFields(item: RawItem): CandidateFields {
  const form = item.form ?? {};
  const text = item.text;
  const sender = text?.sender ?? null;
  const senderIsEmail = sender !== null && sender.includes('@');
  const body = text ? [text.subject, text.body].filter((s) => s !== undefined && s.trim() !== '').join('\n\n') : null;
  return {
    fullName: form.fullName ?? null,
    phone: form.phone ?? (sender !== null && !senderIsEmail ? sender : null),
    email: form.email ?? (senderIsEmail ? sender : null),
    isSubscriber: form.isSubscriber ?? null,
    contractAccountNumber: form.contractAccountNumber ?? null,
    nationalId: form.nationalId ?? null,
    district: form.district ?? null,
    address: form.address ?? null,
    mainTopic: form.mainTopic ?? null,
    subTopic: form.subTopic ?? null,
    description: form.description ?? (body === '' ? null : body),
    proposedSolution: form.proposedSolution ?? null,
  };
}
