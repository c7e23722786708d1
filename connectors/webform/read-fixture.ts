/**
 * What the web form would make of one request file, without a server or Kafka: the same parser,
 * size limit and item id rule as the HTTP path. Staff authentication is the server's business and is
 * not judged here.
 */
import { createHash } from 'node:crypto';
import type { Channel, WebformConfig } from '../../schemas/types.generated.js';
import type { Defaulted } from '../../runtime/config.js';
import type { Reading } from '../types.js';
import { parseHttpRequest } from './http-request.js';
import { formFingerprint, itemIdFromKey } from './item-id.js';
import { parseForm } from './parse-form.js';
import { formToRawItem } from './to-raw-item.js';

export function readWebformFile(file: Buffer, options: { channel: Channel; receivedAt: Date; config: Defaulted<WebformConfig> }): Reading {
  const request = parseHttpRequest(file);
  if (request.body.length > options.config.bodyLimitBytes) {
    return { ok: false, code: 'INTAKE_REQUEST_TOO_LARGE', errors: [{ path: '(body)', message: `is over the limit of ${options.config.bodyLimitBytes} bytes` }] };
  }
  const parsed = parseForm(request.headers['content-type'] ?? '', request.body);
  if (!parsed.ok) return { ok: false, code: 'INTAKE_REQUEST_INVALID', errors: parsed.errors };
  const key = request.headers['idempotency-key'] ?? `file:${createHash('sha256').update(file).digest('hex')}`;
  // The form names its own channel (webform, or phone and face-to-face when staff enter it).
  const staff = parsed.form.channel !== undefined && parsed.form.channel !== 'webform';
  const itemId = itemIdFromKey(key, formFingerprint(parsed.form));
  return { ok: true, item: formToRawItem(parsed.form, { itemId, receivedAt: options.receivedAt, enteredBy: staff ? 'check' : null, notes: parsed.notes }) };
}
