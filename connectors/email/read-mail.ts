/**
 * One e-mail read and its binaries stored: the original message, its attachments and any
 * forwarded mail too deep to read go to the blob store, which is content-addressed, so reading the
 * same mail again stores nothing new. The text is bounded to the raw-item schema here (the whole
 * kept as a blob), so the item is ready to publish. Its only I/O is the blob store's.
 */
import type { BlobRef } from '../../schemas/types.generated.js';
import type { BlobStore } from '../../runtime/blob-store.js';
import { storableText } from '../../runtime/storable-text.js';
import { boundText, cutText } from '../bound-text.js';
import type { MailLimits } from './limits.js';
import { parseMail } from './parse-mail.js';
import type { MailReading } from './types.js';

// The blob-ref schema bounds these; a longer type is no MIME type, a longer name is cut.
const MAX_CONTENT_TYPE_CHARS = 200;
const MAX_NAME_CHARS = 255;
const MIME_TYPE = /^[a-z0-9][a-z0-9!#$&^_.+-]*\/[a-z0-9][a-z0-9!#$&^_.+-]*$/;

function safeContentType(contentType: string): string {
  const lower = contentType.toLowerCase();
  return lower.length <= MAX_CONTENT_TYPE_CHARS && MIME_TYPE.test(lower) ? lower : 'application/octet-stream';
}

function safeName(name: string | undefined): string | undefined {
  if (name === undefined) return undefined;
  const clean = storableText(name).replace(/[\u0000-\u001f\u007f]/g, '').trim();
  return clean === '' ? undefined : cutText(clean, MAX_NAME_CHARS);
}

/**
 * Reads a raw e-mail and stores its binaries.
 * @param options.receivedAt when the mailbox received it (IMAP INTERNALDATE)
 * @throws whatever the blob store throws when it cannot write (the caller retries; nothing was published)
 */
export async function readMail(raw: Buffer, options: { receivedAt: Date; blobStore: BlobStore; limits?: MailLimits }): Promise<MailReading> {
  const parsed = await parseMail(raw, options);
  if (!parsed.ok) return parsed;
  const attachments: BlobRef[] = [];
  for (const part of parsed.parts) attachments.push(await options.blobStore.put(part.bytes, safeContentType(part.contentType), safeName(part.name)));
  const item = await boundText({ ...parsed.item, attachments }, options.blobStore);
  return { ok: true, item, ignoredBecause: parsed.ignoredBecause, notes: parsed.notes };
}
