/**
 * Prepares one message level's raw bytes for mailparser, so that it reads them right and cheaply:
 * - a text part in another charset than mailparser would use, or longer than the text kept, is
 *   re-encoded as UTF-8 (base64), cut to the bound;
 * - an attachment's body is taken out and its header marked with a number, so mailparser still
 *   names and types it but never decodes it: the reader takes its bytes from the raw message
 *   (mailsplit needs about three times a large attachment's size to stream it);
 * - a header block that is not UTF-8 is read as windows-1254, encoded words mailparser would read
 *   as UTF-8 though they are not are re-encoded, and a block over the byte bound keeps only the
 *   fields the intake reads;
 * - parts past `maxParts` are cut off and the multiparts left open are closed.
 * A mail that needs none of this is returned as it was, uncopied.
 */
import iconv from 'iconv-lite';
import { cutText } from '../bound-text.js';
import { decodeAs, effectiveCharset, isValidUtf8 } from './charset.js';
import { hasLostEncodedWord, mendEncodedWords } from './encoded-words.js';
import { fieldsRead, type MessageHead } from './header-fields.js';
import { isAttachment, isForwardedMessage, isInlineText, type MimeNode, type MimeWalk } from './mime-walk.js';
import { decodeTransfer } from './transfer-decoding.js';

/** The field that marks an attachment whose body was taken out: `<nonce>.<index>`. */
export const PART_MARKER = 'x-intake-part';

export interface Repaired {
  readonly raw: Buffer;
  /** The attachments whose bodies were taken out, by the index in their marker. */
  readonly attachments: readonly MimeNode[];
  readonly charsetGuessed: boolean;
  readonly headerReduced: boolean;
  readonly partsCut: boolean;
  readonly textCut: boolean;
}

export interface RepairLimits {
  readonly maxHeaderBytes: number;
  readonly maxBodyChars: number;
  readonly maxHtmlChars: number;
}

interface Edit {
  readonly start: number;
  readonly end: number;
  readonly bytes: Buffer;
}

const CRLF = Buffer.from('\r\n');
const EMPTY = Buffer.alloc(0);
const TEXT_FIELDS: ReadonlySet<string> = new Set(['content-type', 'content-transfer-encoding']);
// No charset takes more than four bytes for a character: past that many bytes, no kept character is lost.
const MAX_BYTES_PER_CHAR = 4;

function base64Lines(bytes: Buffer): Buffer {
  const encoded = bytes.toString('base64');
  const lines: string[] = [];
  for (let i = 0; i < encoded.length; i += 76) lines.push(encoded.slice(i, i + 76));
  return Buffer.from(`${lines.join('\r\n')}\r\n`, 'latin1');
}

function withLineBreak(bytes: Buffer): Buffer {
  return bytes.length === 0 || bytes[bytes.length - 1] === 0x0a ? bytes : Buffer.concat([bytes, CRLF]);
}

/** The header block rebuilt: without the dropped fields, reduced to the fields read when over the bound, with the added lines, as UTF-8. */
function rebuildHead(raw: Buffer, head: MessageHead, maxHeaderBytes: number, dropped: ReadonlySet<string>, added: readonly string[]): Buffer {
  // A block of 32 such fields still fits the bound.
  const maxFieldBytes = Math.floor(maxHeaderBytes / 32);
  const seen = new Set<string>();
  const pieces: Buffer[] = [];
  for (const field of head.fields) {
    if (dropped.has(field.name)) continue;
    if (!head.oversized) {
      pieces.push(withLineBreak(raw.subarray(field.start, field.end)));
      continue;
    }
    if (!fieldsRead.has(field.name) || seen.has(field.name)) continue;
    seen.add(field.name);
    if (field.end - field.start <= maxFieldBytes) pieces.push(withLineBreak(raw.subarray(field.start, field.end)));
    // A subject is worth keeping cut; a cut address list or Content-Type would mislead.
    else if (field.name === 'subject') pieces.push(raw.subarray(field.start, field.start + maxFieldBytes), CRLF);
  }
  for (const line of added) pieces.push(Buffer.from(`${line}\r\n`, 'latin1'));
  const joined = Buffer.concat(pieces);
  const bytes = isValidUtf8(joined) ? joined : Buffer.from(iconv.decode(joined, 'windows-1254'), 'utf8');
  // Encoded words are ASCII: read one character per byte, the UTF-8 around them comes back unchanged.
  return Buffer.from(mendEncodedWords(bytes.toString('latin1')), 'latin1');
}

function flowedParams(node: MimeNode): string {
  return ['format', 'delsp'].map((name) => (node.params.has(name) ? `; ${name}=${node.params.get(name) ?? ''}` : '')).join('');
}

interface Found {
  charset: boolean;
  reduced: boolean;
  textCut: boolean;
  readonly attachments: MimeNode[];
}

/** A text part re-encoded as UTF-8 when its charset is guessed or it is too long; null when it may stay. */
function textBody(raw: Buffer, node: MimeNode, limits: RepairLimits, found: Found): Buffer | null {
  const decoded = decodeTransfer(raw.subarray(node.head.bodyStart, node.bodyEnd), node.encoding);
  const declared = node.params.get('charset') ?? null;
  const guessed = effectiveCharset(declared, decoded);
  const maxChars = node.contentType === 'text/html' ? limits.maxHtmlChars : limits.maxBodyChars;
  const tooLong = decoded.length > maxChars * MAX_BYTES_PER_CHAR;
  if (guessed === null && !tooLong) return null;
  found.charset ||= guessed !== null;
  found.textCut ||= tooLong;
  const charset = guessed ?? (declared !== null && iconv.encodingExists(declared) ? declared : 'utf-8');
  const text = decodeAs(tooLong ? decoded.subarray(0, maxChars * MAX_BYTES_PER_CHAR) : decoded, charset);
  return base64Lines(Buffer.from(tooLong ? cutText(text, maxChars) : text, 'utf8'));
}

function editsOf(raw: Buffer, node: MimeNode, limits: RepairLimits, nonce: string, found: Found, edits: Edit[]): void {
  const { head } = node;
  let dropped: ReadonlySet<string> = new Set();
  const added: string[] = [];
  let body: Buffer | null = null;
  if (isInlineText(node)) {
    body = textBody(raw, node, limits, found);
    if (body !== null) {
      dropped = TEXT_FIELDS;
      added.push(`Content-Type: ${node.contentType}; charset=utf-8${flowedParams(node)}`, 'Content-Transfer-Encoding: base64');
    }
  } else if (isAttachment(node)) {
    // Forwarded mails are read from the raw bytes too, by the MIME walk; they need no mark.
    if (!isForwardedMessage(node.contentType)) {
      added.push(`X-Intake-Part: ${nonce}.${found.attachments.length}`);
      found.attachments.push(node);
    }
    // Without a Content-Type, mailsplit guesses the type from the file name (note.txt is text,
    // and then no attachment): such a part keeps its body, so mailparser reads it either way.
    if (head.fields.some((f) => f.name === 'content-type')) body = EMPTY;
  }
  const headBytes = raw.subarray(head.start, head.end);
  const eightBitHead = !isValidUtf8(headBytes);
  const lostWords = headBytes.includes('=?') && !head.oversized && hasLostEncodedWord(headBytes.toString('latin1'));
  if (dropped.size > 0 || head.oversized || eightBitHead || lostWords) {
    found.reduced ||= head.oversized;
    found.charset ||= eightBitHead || lostWords;
    edits.push({ start: head.start, end: head.end, bytes: rebuildHead(raw, head, limits.maxHeaderBytes, dropped, added) });
  } else if (added.length > 0) {
    const lineBreak = head.end > head.start && raw[head.end - 1] !== 0x0a ? '\r\n' : '';
    edits.push({ start: head.end, end: head.end, bytes: Buffer.from(`${lineBreak}${added.join('\r\n')}\r\n`, 'latin1') });
  }
  if (body !== null && (body.length > 0 || node.bodyEnd > head.bodyStart)) edits.push({ start: head.bodyStart, end: node.bodyEnd, bytes: body });
  for (const child of node.children) editsOf(raw, child, limits, nonce, found, edits);
}

/** @param nonce marks this reading's attachments, so that a sender's own X-Intake-Part field is not taken for one */
export function repairMime(raw: Buffer, walk: MimeWalk, limits: RepairLimits, nonce: string): Repaired {
  const found: Found = { charset: false, reduced: false, textCut: false, attachments: [] };
  const edits: Edit[] = [];
  editsOf(raw, walk.root, limits, nonce, found, edits);
  const cut = walk.cut;
  const summary = { attachments: found.attachments, charsetGuessed: found.charset, headerReduced: found.reduced, partsCut: cut !== null, textCut: found.textCut };
  if (edits.length === 0 && cut === null) return { raw, ...summary };
  const end = cut === null ? raw.length : cut.at;
  const pieces: Buffer[] = [];
  let at = 0;
  for (const edit of edits) {
    if (edit.start >= end) break;
    pieces.push(raw.subarray(at, edit.start), edit.bytes);
    at = edit.end;
  }
  pieces.push(raw.subarray(at, Math.max(at, end)));
  // Closing the multiparts left open makes the cut message well-formed again.
  if (cut !== null) pieces.push(Buffer.from([...cut.open].reverse().map((b) => `--${b}--\r\n`).join(''), 'latin1'));
  return { raw: Buffer.concat(pieces), ...summary };
}
