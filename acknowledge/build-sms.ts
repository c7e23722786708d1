/**
 * The SMS acknowledgement of one outcome, or why there is none. Pure (`now` is passed in), like the
 * e-mail one, with the same rules, and one more of its own: the text goes only to the number the
 * SMS came from, and only when that is a mobile number in E.164; never to a number read out of the
 * text, which may be somebody else's.
 */
import type { Outcome } from '../schemas/types.generated.js';
import { checkSmsNumber } from './phone-number.js';
import type { SmsAcknowledgementSettings } from './sms-settings.js';
import { smsText } from './sms-text.js';
import type { AcknowledgementClaim } from './store-port.js';

/** A text ready for Twilio; the sender (number or Messaging Service) is the sender's own. */
export interface AcknowledgementSms {
  /** E.164. */
  to: string;
  body: string;
}

/**
 * Why an outcome gets no SMS acknowledgement:
 * - NOT_ACKNOWLEDGED_KIND, LINKED, NO_APPLICATION_NUMBER, AUTOMATIC, TOO_OLD: as for e-mail;
 * - NOT_SMS: another channel;
 * - NO_SENDER_NUMBER: the decision's phone is missing, or it did not come from the sender;
 * - INVALID_NUMBER: not written in E.164;
 * - NOT_MOBILE: no mobile number (a landline, a short code, not a number at all in its country);
 * - OWN_NUMBER: our sending number: never answer ourselves.
 */
export type NoSmsAcknowledgementReason =
  | 'NOT_ACKNOWLEDGED_KIND' | 'NOT_SMS' | 'LINKED' | 'NO_APPLICATION_NUMBER' | 'AUTOMATIC' | 'TOO_OLD'
  | 'NO_SENDER_NUMBER' | 'INVALID_NUMBER' | 'NOT_MOBILE' | 'OWN_NUMBER';

export type SmsAcknowledgement =
  | { due: true; claim: AcknowledgementClaim; sms: AcknowledgementSms }
  | { due: false; reason: NoSmsAcknowledgementReason };

const hourMs = 3_600_000;

function skip(reason: NoSmsAcknowledgementReason): SmsAcknowledgement {
  return { due: false, reason };
}

export function buildSmsAcknowledgement(outcome: Outcome, settings: SmsAcknowledgementSettings, now: Date): SmsAcknowledgement {
  const d = outcome.decision;
  if (d.kind !== 'crm' && d.kind !== 'needs-info') return skip('NOT_ACKNOWLEDGED_KIND');
  if (d.channel !== 'sms') return skip('NOT_SMS');
  if (d.linkedTo !== null) return skip('LINKED');
  if (outcome.applicationNumber === null) return skip('NO_APPLICATION_NUMBER');
  if (d.reasons.includes('AUTO_REPLY')) return skip('AUTOMATIC');
  if (now.getTime() - Date.parse(outcome.recordedAt) > settings.maxAgeHours * hourMs) return skip('TOO_OLD');
  const to = d.customer.phone;
  if (to === null || d.provenance.phone?.source !== 'sender') return skip('NO_SENDER_NUMBER');
  const check = checkSmsNumber(to);
  if (check !== 'ok') return skip(check);
  if (settings.ownNumber !== null && to === settings.ownNumber) return skip('OWN_NUMBER');
  const number = outcome.applicationNumber;
  return {
    due: true,
    claim: { itemId: d.itemId, channel: 'sms', applicationNumber: number },
    sms: { to, body: smsText({ kind: d.kind, applicationNumber: number, emergency: d.emergency, missing: d.missing }) },
  };
}
