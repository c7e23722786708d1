/**
 * The acknowledgement's subject: our tag with the application number first, then the customer's
 * own subject as a reply. The tag is what the e-mail connector reads back when the customer
 * answers, so that the answer is attached to the application as a follow-up.
 */

// Reply prefixes mail programs write: "Re:", and Outlook's Turkish "YNT:".
const REPLY_PREFIX = /^\s*(?:re|ynt)\s*:/i;
// A subject longer than this is cut: it only has to remind the customer which mail we answer.
const MAX_ORIGINAL_CHARS = 200;
const FALLBACK = 'Başvurunuz kaydedildi';

/** `[Başvuru No: 2026-000123]`: the tag as the customer sees it and keeps in an answer. */
export function applicationTag(applicationNumber: string): string {
  return `[Başvuru No: ${applicationNumber}]`;
}

/** `[Başvuru No: 2026-000123] Re: <subject>`, without doubling a "Re:" already there. */
export function replySubject(applicationNumber: string, original: string | undefined): string {
  // One line: CR, LF and other controls in a header are never copied from the customer's mail.
  const flat = (original ?? '').replace(/[\p{Cc}\s]+/gu, ' ').trim();
  if (flat === '') return `${applicationTag(applicationNumber)} ${FALLBACK}`;
  const cut = [...flat].length > MAX_ORIGINAL_CHARS ? `${[...flat].slice(0, MAX_ORIGINAL_CHARS).join('').trimEnd()}…` : flat;
  return `${applicationTag(applicationNumber)} ${REPLY_PREFIX.test(cut) ? cut : `Re: ${cut}`}`;
}
