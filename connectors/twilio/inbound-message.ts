/**
 * Reads the fields of Twilio's inbound-message request the intake uses. Twilio sends many more
 * (ToCountry, FromCity, SmsStatus, NumSegments…): they are ignored. MessageSid names the message
 * (the item id comes from it) and From is the way back to the customer; without either the
 * message cannot be recorded, so it is refused. Body may be empty (an MMS of a photo alone).
 */
import type { FieldError } from '../../runtime/schemas.js';
import { storableText } from '../../runtime/storable-text.js';
import type { FormParams } from './form-params.js';

/** Twilio attaches at most ten media to one message. */
export const MAX_MEDIA = 10;

// SM… for an SMS, MM… for an MMS: two letters and 32 hex digits.
const MESSAGE_SID = /^[A-Z]{2}[0-9a-f]{32}$/i;
const MAX_ADDRESS_CHARS = 64;
const MAX_URL_CHARS = 2048;

export interface MediaLink {
  /** MediaUrlN, as Twilio sent it. */
  readonly url: string;
  /** MediaContentTypeN, as Twilio declared it; null when absent. */
  readonly contentType: string | null;
}

export interface InboundMessage {
  readonly messageSid: string;
  readonly accountSid: string | null;
  /** The sender, E.164 for a phone (`+905321234567`), or a carrier's alphanumeric sender id. */
  readonly from: string;
  readonly to: string | null;
  /** The text as typed, repaired where the database could not store it. */
  readonly body: string;
  readonly media: readonly MediaLink[];
}

export type InboundReading = { ok: true; message: InboundMessage } | { ok: false; errors: FieldError[] };

/** The field's one value; an error when it is given twice (no name of Twilio's repeats). */
function single(params: FormParams, name: string, errors: FieldError[]): string | undefined {
  const value = params[name];
  if (Array.isArray(value)) {
    errors.push({ path: name, message: 'is given more than once' });
    return undefined;
  }
  return value;
}

function mediaOf(params: FormParams, errors: FieldError[]): MediaLink[] {
  const count = single(params, 'NumMedia', errors);
  if (count === undefined || count === '') return [];
  if (!/^\d{1,3}$/.test(count)) {
    errors.push({ path: 'NumMedia', message: 'must be a whole number' });
    return [];
  }
  const media: MediaLink[] = [];
  for (let i = 0; i < Math.min(Number(count), MAX_MEDIA); i++) {
    const url = single(params, `MediaUrl${i}`, errors);
    // A media entry without its URL has nothing to fetch; the others are still read.
    if (url === undefined || url === '') continue;
    if (url.length > MAX_URL_CHARS) {
      errors.push({ path: `MediaUrl${i}`, message: `is longer than ${MAX_URL_CHARS} characters` });
      continue;
    }
    const contentType = single(params, `MediaContentType${i}`, errors);
    media.push({ url, contentType: contentType === undefined || contentType === '' ? null : contentType });
  }
  return media;
}

/** The message, or the fields that stop it being read (named, never their values). */
export function readInboundMessage(params: FormParams): InboundReading {
  const errors: FieldError[] = [];
  const messageSid = single(params, 'MessageSid', errors);
  const from = single(params, 'From', errors);
  const body = single(params, 'Body', errors) ?? '';
  const accountSid = single(params, 'AccountSid', errors) ?? null;
  const to = single(params, 'To', errors) ?? null;
  if (messageSid === undefined || messageSid === '') {
    if (!errors.some((e) => e.path === 'MessageSid')) errors.push({ path: 'MessageSid', message: 'is required' });
  } else if (!MESSAGE_SID.test(messageSid)) errors.push({ path: 'MessageSid', message: 'must be two letters and 32 hex digits' });
  if (from === undefined || from.trim() === '') {
    if (!errors.some((e) => e.path === 'From')) errors.push({ path: 'From', message: 'is required' });
  } else if (from.length > MAX_ADDRESS_CHARS) errors.push({ path: 'From', message: `is longer than ${MAX_ADDRESS_CHARS} characters` });
  const media = mediaOf(params, errors);
  if (errors.length > 0 || messageSid === undefined || from === undefined) return { ok: false, errors };
  return {
    ok: true,
    message: { messageSid, accountSid, from: storableText(from.trim()), to, body: storableText(body), media },
  };
}
