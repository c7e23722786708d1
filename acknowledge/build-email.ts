/**
 * The e-mail acknowledgement of one outcome, or why there is none. Pure (`now` is passed in), so
 * every rule is tested without a server; the runner claims and sends what this returns.
 */
import type { Outcome } from '../schemas/types.generated.js';
import type { EmailAcknowledgementSettings } from './email-settings.js';
import { acknowledgementText } from './email-text.js';
import { domainOf, isMachineAddress, isOwnAddress, plainAddress } from './mail-address.js';
import { replySubject } from './reply-subject.js';
import type { AcknowledgementClaim } from './store-port.js';

/** A message ready for SMTP; every header value is ours or checked, never copied raw from the customer. */
export interface AcknowledgementMail {
  to: string;
  subject: string;
  text: string;
  /** Derived from the item id, so that a resend would be recognisable as the same acknowledgement. */
  messageId: string;
  /** The customer's Message-ID, threading the answer (RFC 5322 §3.6.4); null when the mail had none. */
  inReplyTo: string | null;
  references: string[];
  /** RFC 3834: an automatic answer, which other machines must not answer in turn. */
  headers: Readonly<Record<string, string>>;
}

/**
 * Why an outcome gets no acknowledgement:
 * - NOT_ACKNOWLEDGED_KIND: ignored (not an application) or archive-only (paper, no way back);
 * - NOT_EMAIL, NO_REPLY_ADDRESS: another channel, or an e-mail without a return address;
 * - LINKED: a repeat or a follow-up; its application was acknowledged already;
 * - NO_APPLICATION_NUMBER: nothing to tell (the sink numbers every unlinked crm and needs-info record);
 * - AUTOMATIC: a machine wrote the item (kept only because it reports gas): no answer to a machine;
 * - TOO_OLD: recorded more than `maxAgeHours` ago (a new consumer group replaying the topics);
 * - INVALID_ADDRESS, OWN_ADDRESS, MACHINE_ADDRESS: an address we cannot, or must not, write to.
 */
export type NoAcknowledgementReason =
  | 'NOT_ACKNOWLEDGED_KIND' | 'NOT_EMAIL' | 'NO_REPLY_ADDRESS' | 'LINKED' | 'NO_APPLICATION_NUMBER'
  | 'AUTOMATIC' | 'TOO_OLD' | 'INVALID_ADDRESS' | 'OWN_ADDRESS' | 'MACHINE_ADDRESS';

export type EmailAcknowledgement =
  | { due: true; claim: AcknowledgementClaim; mail: AcknowledgementMail }
  | { due: false; reason: NoAcknowledgementReason };

const hourMs = 3_600_000;
// A msg-id in angle brackets (RFC 5322 §3.6.4); anything else is not copied into a header.
const MESSAGE_ID = /^<[^<>\s\p{Cc}]{1,994}>$/u;

function skip(reason: NoAcknowledgementReason): EmailAcknowledgement {
  return { due: false, reason };
}

export function buildEmailAcknowledgement(outcome: Outcome, settings: EmailAcknowledgementSettings, now: Date): EmailAcknowledgement {
  const d = outcome.decision;
  if (d.kind !== 'crm' && d.kind !== 'needs-info') return skip('NOT_ACKNOWLEDGED_KIND');
  if (d.channel !== 'email') return skip('NOT_EMAIL');
  if (d.replyTo === undefined) return skip('NO_REPLY_ADDRESS');
  if (d.linkedTo !== null) return skip('LINKED');
  if (outcome.applicationNumber === null) return skip('NO_APPLICATION_NUMBER');
  // A redelivery (firstWrite false) is answered when the first delivery was not: the claim keeps it to one.
  if (d.reasons.includes('AUTO_REPLY')) return skip('AUTOMATIC');
  if (now.getTime() - Date.parse(outcome.recordedAt) > settings.maxAgeHours * hourMs) return skip('TOO_OLD');
  const to = plainAddress(d.replyTo.address.trim());
  if (to === null) return skip('INVALID_ADDRESS');
  if (isOwnAddress(to, settings.own)) return skip('OWN_ADDRESS');
  if (isMachineAddress(to)) return skip('MACHINE_ADDRESS');

  const number = outcome.applicationNumber;
  const original = d.replyTo.messageId !== undefined && MESSAGE_ID.test(d.replyTo.messageId) ? d.replyTo.messageId : null;
  const text = acknowledgementText({
    kind: d.kind, applicationNumber: number, emergency: d.emergency, topic: d.topic, deadline: d.deadline, missing: d.missing,
    // The mail goes to whoever wrote it: the person writing for a parent or neighbour, when the text said so.
    name: d.contactPerson?.fullName ?? d.customer.fullName,
    signature: settings.from.name,
  });
  return {
    due: true,
    claim: { itemId: d.itemId, channel: 'email', applicationNumber: number },
    mail: {
      to,
      subject: replySubject(number, d.replyTo.subject),
      text,
      messageId: `<ack.${d.itemId.replace(/[^A-Za-z0-9-]/g, '.')}@${domainOf(settings.from.address)}>`,
      inReplyTo: original,
      references: original === null ? [] : [original],
      // X-Auto-Response-Suppress: Exchange's way of saying the same to its out-of-office replies.
      headers: { 'Auto-Submitted': 'auto-replied', 'X-Auto-Response-Suppress': 'All' },
    },
  };
}
