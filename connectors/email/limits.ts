/**
 * How much of one e-mail is read. Every bound exists so that no mail, however built, makes the
 * reader take unbounded memory or time; what lies past a bound stays in the original message,
 * which is always kept as a blob.
 */
export interface MailLimits {
  /** Largest raw message read, in bytes. A larger one is refused unread (INTAKE_REQUEST_TOO_LARGE). */
  readonly maxRawBytes: number;
  /** Most MIME parts read on one message level; the parts after them are left unread. */
  readonly maxParts: number;
  /** Largest header block of the message or of one part, in bytes; a larger one keeps only the fields the intake reads. */
  readonly maxHeaderBytes: number;
  /** Most characters of body text kept, forwarded messages included (the item's text and its full-text blob). */
  readonly maxBodyChars: number;
  /** Longest HTML, in characters, converted to text when a mail has no plain text; a longer one is converted up to here. */
  readonly maxHtmlChars: number;
  /** Deepest forwarded message (message/rfc822) whose text is read; a deeper one is kept as an attachment. */
  readonly maxDepth: number;
  /** Most forwarded messages read for their text, all depths together; the others are kept as attachments. */
  readonly maxForwarded: number;
  /** Most attachments listed besides the original (the raw-item schema allows 100 in all). */
  readonly maxAttachments: number;
  /** A guard against a parser that stalls, in milliseconds; ordinary mails take a small fraction of it. */
  readonly parseTimeoutMs: number;
}

export const defaultMailLimits: MailLimits = Object.freeze({
  // The large providers send at most 25-35 MB; 40 MiB still takes a 30 MB attachment in base64.
  maxRawBytes: 40 * 1024 * 1024,
  maxParts: 500,
  maxHeaderBytes: 256 * 1024,
  maxBodyChars: 1_000_000,
  // html-to-text needs about 60 MB and half a second per million characters.
  maxHtmlChars: 1_000_000,
  maxDepth: 5,
  maxForwarded: 20,
  maxAttachments: 98,
  parseTimeoutMs: 30_000,
});
