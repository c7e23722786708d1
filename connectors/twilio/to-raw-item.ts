/**
 * The raw item an SMS becomes: its text as typed, the sender's number as the way back (the
 * normalizer takes it as the contact when the text gives none), and its media. Pure.
 */
import type { BlobRef, RawItem } from '../../schemas/types.generated.js';
import { automaticTextReason, type AutomaticReason } from './automatic-text.js';
import type { InboundMessage } from './inbound-message.js';
import { smsKey } from './item-id.js';

export interface SmsItem {
  item: RawItem;
  /** Why a machine wrote it (the item is marked autoSubmitted), or null. */
  automatic: AutomaticReason | null;
}

export function smsToRawItem(message: InboundMessage, meta: { receivedAt: Date; attachments: BlobRef[] }): SmsItem {
  const key = smsKey(message.messageSid);
  const automatic = automaticTextReason(message.body, message.from);
  const item: RawItem = {
    schemaVersion: 1,
    itemId: key.itemId,
    channel: 'sms',
    receivedAt: meta.receivedAt.toISOString(),
    connector: 'twilio',
    sourceRef: key.sourceRef,
    text: { body: message.body, sender: message.from, source: 'typed', ...(automatic === null ? {} : { autoSubmitted: true }) },
    attachments: meta.attachments,
  };
  return { item, automatic };
}
