/**
 * One e-mail, raw RFC 5322 bytes as the mailbox holds them, made into the raw item the intake
 * publishes. Pure apart from time: no I/O, no clock (the caller says when it was received), no
 * logging; the binaries are handed back for the caller to store. Never throws: a mail is read,
 * best effort when its MIME is broken, or refused with a code.
 */
import type { RawItem } from '../../schemas/types.generated.js';
import type { ErrorCode } from '../../runtime/errors.js';
import { storableText } from '../../runtime/storable-text.js';
import { cutText } from '../bound-text.js';
import { automaticMailFields, automaticReason } from './automatic-mail.js';
import { fieldsRead, fieldValue, readHead } from './header-fields.js';
import { mailKey, normaliseMessageId } from './item-id.js';
import { defaultMailLimits, type MailLimits } from './limits.js';
import { readLevel } from './read-level.js';
import type { MailNotes, MailParsing, MailPart, MailRefusal } from './types.js';

export const EMAIL_CONNECTOR_ID = 'email';
// The schema bounds the display name; an address longer than RFC 5321 allows is no address.
const MAX_SENDER_NAME_CHARS = 200;
const MAX_ADDRESS_CHARS = 320;

function refuse(code: ErrorCode, reason: string, cause?: unknown): MailRefusal {
  return cause === undefined ? { ok: false, code, reason } : { ok: false, code, reason, cause };
}

/**
 * @param raw the whole message as received
 * @param options.receivedAt when the mailbox received it (IMAP INTERNALDATE)
 * @param options.mailparserOnly read every level with mailparser (the side-by-side test, the bench's before)
 * @returns the item without attachment references and with its text not yet bounded to the
 *   schema, and the parts to store: the original message first (`original.eml`), then the
 *   attachments and any forwarded mail too deep to read
 */
export async function parseMail(raw: Buffer, options: { receivedAt: Date; limits?: MailLimits; mailparserOnly?: boolean }): Promise<MailParsing> {
  const limits = options.limits ?? defaultMailLimits;
  if (raw.length > limits.maxRawBytes) return refuse('INTAKE_REQUEST_TOO_LARGE', `the message is ${raw.length} bytes, over the limit of ${limits.maxRawBytes}`);
  try {
    const head = readHead(raw, 0, raw.length, { maxBytes: limits.maxHeaderBytes, keep: (name) => fieldsRead.has(name) });
    if (head.fields.length === 0) return refuse('INTAKE_INPUT_UNREADABLE', 'the input has no header field: it is no RFC 5322 message');
    const key = mailKey(raw, head);
    const messageIdField = head.fields.find((f) => f.name === 'message-id');
    const messageId = messageIdField === undefined ? null : normaliseMessageId(fieldValue(raw, messageIdField, 4096));
    const ignoredBecause = automaticReason(head.fields.filter((f) => automaticMailFields.has(f.name)).map((f) => ({ name: f.name, value: fieldValue(raw, f) })));
    const notes: MailNotes = { partsCut: false, attachmentsDropped: 0, forwardedUnread: 0, bodyCut: false, headerReduced: false, charsetGuessed: false, mimeUnparsed: false };
    const parts: MailPart[] = [{ bytes: raw, contentType: 'message/rfc822', name: 'original.eml' }];
    const mail = await readLevel(raw, 0, { limits, budget: { attachments: limits.maxAttachments, forwarded: limits.maxForwarded }, parts, notes, machine: ignoredBecause !== null, mailparserOnly: options.mailparserOnly === true }, head);

    const sender = mail.from?.address ?? null;
    const senderName = mail.from?.name ?? null;
    const item: RawItem = {
      schemaVersion: 1,
      itemId: key.itemId,
      channel: 'email',
      receivedAt: options.receivedAt.toISOString(),
      connector: EMAIL_CONNECTOR_ID,
      sourceRef: key.sourceRef,
      text: {
        ...(mail.subject === null ? {} : { subject: storableText(mail.subject) }),
        body: storableText(mail.body),
        ...(sender === null || sender.length > MAX_ADDRESS_CHARS ? {} : { sender: storableText(sender) }),
        // For threading an acknowledgement; a Message-ID longer than a header line may be is none.
        ...(messageId === null || messageId.length > 996 ? {} : { messageId: `<${messageId}>` }),
        ...(senderName === null ? {} : { senderName: cutText(storableText(senderName), MAX_SENDER_NAME_CHARS) }),
        ...(ignoredBecause === null ? {} : { autoSubmitted: true }),
        source: 'typed',
      },
      attachments: [],
    };
    return { ok: true, item, parts, ignoredBecause, notes };
  } catch (cause) {
    return refuse('INTAKE_INTERNAL', 'the e-mail reader failed unexpectedly', cause);
  }
}
