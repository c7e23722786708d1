/**
 * Whether a machine wrote the mail, from its header alone. Such mails are captured but are no
 * application, and nothing may ever answer them: answering an auto-reply or a bounce starts a
 * mail loop (RFC 3834 §2). Pure, so the SMTP acknowledgement can ask the same question.
 */
import { parseHeaderValue } from './content-type.js';
import { fieldValue, readHead } from './header-fields.js';
import type { IgnoredBecause } from './types.js';

/** One header field: its name in any case and its value as written (unfolded). */
export interface MailHeader {
  readonly name: string;
  readonly value: string;
}

/** The fields {@link automaticReason} reads. */
export const automaticMailFields: ReadonlySet<string> = new Set(['auto-submitted', 'x-autoreply', 'x-autorespond', 'precedence', 'content-type', 'from', 'return-path']);

// A delivery report comes from the mail system's own mailbox, whatever its display name.
const MAIL_SYSTEM_SENDER = /(?:^|[\s<"',;:])(?:mailer-daemon|postmaster)@|^\s*<?mailer-daemon>?\s*$/i;

function token(value: string): string {
  return (value.split(';')[0] ?? '').trim().toLowerCase();
}

/**
 * Why the mail is no application, or null for one a person wrote to us.
 * - bounce: a delivery report (multipart/report), mail from MAILER-DAEMON@ or postmaster@, or an
 *   empty envelope sender (Return-Path: <>) without an auto-reply's own marks;
 * - auto-reply: Auto-Submitted other than "no" (RFC 3834), X-Autoreply, X-Autorespond,
 *   Precedence: auto_reply, or a read receipt (multipart/report of a disposition notification);
 * - bulk: Precedence bulk, junk or list: a newsletter or a mailing list, not an application either.
 */
export function automaticReason(headers: Iterable<MailHeader>): IgnoredBecause | null {
  let autoReply = false;
  let bulk = false;
  let nullSender = false;
  for (const { name, value } of headers) {
    switch (name.toLowerCase()) {
      case 'content-type': {
        const type = parseHeaderValue(value);
        if (type.value === 'multipart/report') return type.params.get('report-type')?.toLowerCase() === 'disposition-notification' ? 'auto-reply' : 'bounce';
        break;
      }
      case 'from':
        if (MAIL_SYSTEM_SENDER.test(value)) return 'bounce';
        break;
      case 'auto-submitted':
        if (token(value) !== 'no' && token(value) !== '') autoReply = true;
        break;
      case 'x-autoreply':
      case 'x-autorespond':
        if (!['no', 'false', '0'].includes(token(value))) autoReply = true;
        break;
      case 'precedence': {
        const precedence = token(value);
        if (precedence === 'auto_reply') autoReply = true;
        else if (precedence === 'bulk' || precedence === 'junk' || precedence === 'list') bulk = true;
        break;
      }
      case 'return-path':
        if (/^<\s*>$/.test(value.trim())) nullSender = true;
        break;
    }
  }
  if (autoReply) return 'auto-reply';
  if (nullSender) return 'bounce';
  return bulk ? 'bulk' : null;
}

/** {@link automaticReason} of a raw message's own header block (not of forwarded ones). */
export function automaticReasonOfMessage(raw: Buffer, maxHeaderBytes = 256 * 1024): IgnoredBecause | null {
  const head = readHead(raw, 0, raw.length, { maxBytes: maxHeaderBytes, keep: (name) => automaticMailFields.has(name) });
  return automaticReason(head.fields.filter((f) => automaticMailFields.has(f.name)).map((f) => ({ name: f.name, value: fieldValue(raw, f) })));
}
