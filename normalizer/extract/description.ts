/**
 * The description a CRM agent would keep: the customer's own words, without the letterhead above a
 * letter's salutation, the answering message a voicemail caught first, the signature, or a quoted
 * reply. A forwarded complaint is the customer's words when they add little of their own
 * ("Aşağıdaki şikayetimi iletiyorum"); when they write the complaint themselves, what they forward
 * (a notice, a bill, a building manager's mail) is its evidence, kept in the original, not its words.
 */
import type { MessageParts } from './parts.js';

/**
 * The customer's own words: their text without the signature (after a closing, or from a line that
 * is only their name near the end), and a forwarded complaint with them; never a quoted reply.
 */
export function describe(parts: MessageParts, ownFolded: string, nameAt: number | null): string | null {
  const signed = nameAt !== null && nameAt < parts.own.length && parts.own.length - nameAt < 400 ? parts.own.slice(0, nameAt).trimEnd() : parts.own;
  const own = afterHeading(signed, ownFolded.slice(0, signed.length));
  const words = [own, (parts.forwarded && wordCount(own) < OWN_COMPLAINT_WORDS) || own === '' ? parts.quoted : ''].filter((p) => p !== '').join('\n\n');
  return words === '' ? null : words;
}

/** Fewer words than this of their own, and what a customer forwards is their complaint. */
const OWN_COMPLAINT_WORDS = 25;

function wordCount(text: string): number {
  return text.split(/\s+/).filter((w) => /\p{L}/u.test(w)).length;
}

/** A letter's salutation or addressee line ("Sayın Yetkili,", "… MÜDÜRLÜĞÜNE"): the letterhead and fax header are above it. */
const ADDRESSEE = /(mudurlugune|baskanligina|sefligine|mudurlugu'?ne|hizmetlerine|yetkililerine|ilgililere|ilgiliye|makamina)[.,:]*$/;
/** The utility's own answering message caught at the start of a voicemail. */
const GREETING = /mesajinizi birakiniz|mesajinizi birakin|sinyal sesinden sonra [^.\n]{0,40}(konusunuz|birakiniz)/;
/** Only a salutation near the top is one; "Sayın …" deep in a text is the text. */
const HEADING_LINES = 12;

/** The text from the salutation on, or after the answering message a voicemail recorded first. */
function afterHeading(own: string, folded: string): string {
  const greeting = GREETING.exec(folded);
  if (greeting !== null) return own.slice(greeting.index + greeting[0].length).trim();
  let at = 0;
  const lines = folded.split('\n', HEADING_LINES);
  for (let i = 0; i < lines.length; i++) {
    const line = (lines[i] ?? '').trim();
    if (i > 0 && (/^sayin\b/.test(line) || ADDRESSEE.test(line))) return own.slice(at);
    at += (lines[i] ?? '').length + 1;
  }
  return own;
}
