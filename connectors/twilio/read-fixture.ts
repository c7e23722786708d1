/**
 * What the Twilio connector makes of one inbound-message payload file, without a server, Kafka
 * or the network: the form's fields as a flat JSON object of strings, as Twilio posts them. The
 * same size limit, reading and item id as the webhook; the signature is the server's business and
 * media are not fetched (a note stands in each one's place, as when the media workers' fetch
 * fails), so the decision is the one the live connector reaches.
 */
import type { Defaulted } from '../../runtime/config.js';
import { keepNothingBlobStore } from '../../runtime/blob-store.js';
import type { TwilioConfig } from '../../schemas/types.generated.js';
import type { Reading } from '../types.js';
import { encodeFormParams, formParamsOf, type FormParams } from './form-params.js';
import { readInboundMessage } from './inbound-message.js';
import { noteMedia } from './media.js';
import { mediaEntries } from './media-job.js';
import { smsToRawItem } from './to-raw-item.js';

/** The payload's parameters, or null when the file is not a JSON object of strings. */
export function readPayloadFile(file: Buffer): FormParams | null {
  try {
    return formParamsOf(JSON.parse(file.toString('utf8')));
  } catch {
    return null;
  }
}

export async function readSmsFile(file: Buffer, options: { receivedAt: Date; config: Defaulted<TwilioConfig> }): Promise<Reading> {
  const params = readPayloadFile(file);
  if (params === null) return { ok: false, code: 'INTAKE_INPUT_UNREADABLE', errors: [{ path: '(file)', message: 'must be a JSON object of the inbound-message form fields, each a string' }] };
  const bytes = Buffer.byteLength(encodeFormParams(params));
  if (bytes > options.config.bodyLimitBytes) return { ok: false, code: 'INTAKE_REQUEST_TOO_LARGE', errors: [{ path: '(body)', message: `is over the limit of ${options.config.bodyLimitBytes} bytes` }] };
  const reading = readInboundMessage(params);
  if (!reading.ok) return { ok: false, code: 'INTAKE_REQUEST_INVALID', errors: reading.errors };
  const attachments = await noteMedia(mediaEntries(reading.message.media), 'not-fetched-by-check', keepNothingBlobStore());
  return { ok: true, item: smsToRawItem(reading.message, { receivedAt: options.receivedAt, attachments }).item };
}
