/**
 * SMS item ids. Twilio names every message with its MessageSid and sends the same one when it
 * retries a webhook, so a retry, a replay or a second delivery to another instance is the same
 * item, and the sink's unique item id keeps one record.
 */
import { createHash } from 'node:crypto';

export interface SmsKey {
  /** `sms:<32 hex>`. */
  readonly itemId: string;
  /** `message-sid:<sha256>`. */
  readonly sourceRef: string;
}

export function smsKey(messageSid: string): SmsKey {
  const hex = createHash('sha256').update(`twilio-message\0${messageSid}`).digest('hex');
  return { itemId: `sms:${hex.slice(0, 32)}`, sourceRef: `message-sid:${hex}` };
}

export interface VoicemailKey {
  /** `voicemail:<32 hex>`. */
  readonly itemId: string;
  /** `recording-sid:<sha256>`, or `call-sid:<sha256>` for a call that left no recording sid. */
  readonly sourceRef: string;
}

/**
 * Voicemail item ids. A call leaves one recording (the TwiML records once), and every callback
 * about it (recording status, transcription, Twilio's retries of either) names its RecordingSid, so
 * they are all the same item, and so is a re-delivered transcription job. The CallSid stands in
 * only when a callback names no recording.
 */
export function voicemailKey(sids: { recordingSid: string | null; callSid: string }): VoicemailKey {
  const [kind, sid] = sids.recordingSid === null ? ['call', sids.callSid] : ['recording', sids.recordingSid];
  const hex = createHash('sha256').update(`twilio-${kind}\0${sid}`).digest('hex');
  return { itemId: `voicemail:${hex.slice(0, 32)}`, sourceRef: `${kind}-sid:${hex}` };
}
