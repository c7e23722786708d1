/**
 * E-mail item ids. A mail's Message-ID names it wherever it is delivered, so a second delivery,
 * an IMAP replay or a retry after a crash is the same item. A mail without one is named by its
 * content, read the way two deliveries of it still agree: line endings as LF (IMAP servers
 * rewrite LF to CRLF), no trailing white space, no trailing blank lines, and without the fields
 * each delivery adds (Received, Return-Path, Delivered-To…). The Message-ID is hashed: its local
 * part may carry the sender's name.
 */
import { createHash, type Hash } from 'node:crypto';
import { fieldValue, scanHead, type MessageHead } from './header-fields.js';

export interface MailKey {
  /** `email:<32 hex>`. */
  readonly itemId: string;
  /** `message-id:<sha256>` or `content:<sha256>`: free of personal data. */
  readonly sourceRef: string;
}

/** Fields written on the way or at delivery, different for each copy of the same mail. */
const TRACE_FIELD = /^(received|return-path|delivered-to|x-original-to|x-received|received-spf|authentication-results|arc-[a-z-]+|x-spam-[a-z-]+|x-virus-[a-z-]+|status|x-status|x-keywords|x-uid)$/;

/** The Message-ID without angle brackets, comments or folding, its domain lower-cased; null when empty. */
export function normaliseMessageId(value: string): string | null {
  const bracketed = /<([^<>]*)>/.exec(value);
  const id = (bracketed === null ? value : (bracketed[1] ?? '')).replace(/\s+/g, '');
  if (id === '') return null;
  const at = id.lastIndexOf('@');
  return at < 0 ? id : `${id.slice(0, at)}@${id.slice(at + 1).toLowerCase()}`;
}

const LF = 0x0a;
const CR = 0x0d;
const NEWLINE = Buffer.from('\n');

/**
 * Feeds bytes to a hash a line at a time: a line ends at CRLF, LF or a lone CR, and loses its
 * trailing spaces and tabs; blank lines at the very end are dropped. The ranges given
 * to `update` each end where a line does.
 */
class NormalisedLines {
  private readonly out = Buffer.allocUnsafe(64 * 1024);
  private length = 0;
  private newlines = 0;
  private nextCr = -1;

  constructor(private readonly hash: Hash) {}

  update(bytes: Buffer, start: number, end: number): void {
    this.nextCr = -1;
    let lineStart = start;
    while (lineStart < end) {
      const lf = bytes.indexOf(LF, lineStart);
      const lineEnd = lf === -1 || lf >= end ? end : lf;
      let segment = lineStart;
      // The next CR is looked up once and kept until passed, so that LF-only text is not rescanned per line.
      while (segment <= lineEnd) {
        if (this.nextCr !== -2 && this.nextCr < segment) this.nextCr = bytes.indexOf(CR, segment);
        if (this.nextCr === -1) this.nextCr = -2;
        const cr = this.nextCr >= 0 && this.nextCr < lineEnd ? this.nextCr : lineEnd;
        this.line(bytes, segment, cr);
        // A CR ends a line, except right before the LF, where CRLF is one line ending.
        segment = cr + 1;
        if (segment >= lineEnd) break;
      }
      lineStart = lineEnd + 1;
    }
  }

  digest(): string {
    this.hash.update(this.out.subarray(0, this.length));
    return this.hash.digest('hex');
  }

  private line(bytes: Buffer, start: number, end: number): void {
    let last = end;
    while (last > start && (bytes[last - 1] === 0x20 || bytes[last - 1] === 0x09)) last--;
    if (last > start) {
      for (; this.newlines > 0; this.newlines--) this.put(NEWLINE, 0, 1);
      this.put(bytes, start, last);
    }
    this.newlines++;
  }

  private put(bytes: Buffer, start: number, end: number): void {
    if (this.length + (end - start) > this.out.length) {
      this.hash.update(this.out.subarray(0, this.length));
      this.length = 0;
      if (end - start > this.out.length) {
        this.hash.update(bytes.subarray(start, end));
        return;
      }
    }
    this.length += bytes.copy(this.out, this.length, start, end);
  }
}

function key(kind: 'message-id' | 'content', hex: string): MailKey {
  return { itemId: `email:${hex.slice(0, 32)}`, sourceRef: `${kind}:${hex}` };
}

/** The content hash of a mail without a Message-ID. Linear in the message's size. */
function contentKey(raw: Buffer, head: MessageHead): MailKey {
  const lines = new NormalisedLines(createHash('sha256').update('content\0'));
  scanHead(raw, head.start, head.end, (field) => {
    if (!TRACE_FIELD.test(field.name)) lines.update(raw, field.start, field.end);
  });
  lines.update(raw, head.end, raw.length);
  return key('content', lines.digest());
}

/** The id of a mail: from its own header block's first Message-ID, else from its content. */
export function mailKey(raw: Buffer, head: MessageHead): MailKey {
  const field = head.fields.find((f) => f.name === 'message-id');
  const messageId = field === undefined ? null : normaliseMessageId(fieldValue(raw, field, 4096));
  if (messageId === null) return contentKey(raw, head);
  return key('message-id', createHash('sha256').update(`message-id\0${messageId}`).digest('hex'));
}
