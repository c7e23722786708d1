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
