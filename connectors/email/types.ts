/** What reading one e-mail gives. */
import type { RawItem } from '../../schemas/types.generated.js';
import type { ErrorCode } from '../../runtime/errors.js';

/**
 * Why a mail is no application, though it is captured all the same: a machine wrote it (an
 * out-of-office or other auto-reply, a delivery report) or it went to many (bulk, a list).
 */
export type IgnoredBecause = 'auto-reply' | 'bounce' | 'bulk';

/** A binary of the mail for the blob store: the original message, an attachment, a forwarded mail too deep to read. */
export interface MailPart {
  bytes: Buffer;
  contentType: string;
  name?: string;
}

/** What the reader left out or mended, as counts and flags only (never content), for logs and review. */
export interface MailNotes {
  /** Some message level had more MIME parts than `maxParts`; the rest were not read. */
  partsCut: boolean;
  /** Attachments past `maxAttachments`, not listed (they stay in the original). */
  attachmentsDropped: number;
  /** Forwarded messages deeper than `maxDepth` or past `maxForwarded`, kept as attachments unread. */
  forwardedUnread: number;
  /** The body text was longer than `maxBodyChars` and was cut there. */
  bodyCut: boolean;
  /** A header block over `maxHeaderBytes` was reduced to the fields the intake reads. */
  headerReduced: boolean;
  /** Some text was read in another charset than it declared (none, an unknown one, or a wrong one). */
  charsetGuessed: boolean;
  /** mailparser could not read the structure; the text is what a simpler reading found. */
  mimeUnparsed: boolean;
}

/** A mail that is not read: too large, not a mail at all, or a bug met while reading it. */
export interface MailRefusal {
  ok: false;
  code: ErrorCode;
  /** Free of personal data. */
  reason: string;
  /** The unexpected error behind INTAKE_INTERNAL, for the log. */
  cause?: unknown;
}

/**
 * A mail read without I/O: the item lists no attachments yet, `parts` holds them (the original
 * first), and its text is not yet bounded to the schema (publishing bounds it).
 */
export type MailParsing =
  | { ok: true; item: RawItem; parts: MailPart[]; ignoredBecause: IgnoredBecause | null; notes: MailNotes }
  | MailRefusal;

/** A mail read and its binaries stored: the item is valid against the raw-item schema. */
export type MailReading =
  | { ok: true; item: RawItem; ignoredBecause: IgnoredBecause | null; notes: MailNotes }
  | MailRefusal;
