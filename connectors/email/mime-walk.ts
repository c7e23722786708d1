/**
 * The MIME structure of one message level, found on the raw bytes with the byte range of every
 * part, without decoding anything. It is what lets the reader mend a part (its charset, an
 * oversized header) or stop after `maxParts` parts before mailparser reads the message: mailparser
 * refuses a whole message with too many parts or too large a header, and cannot give back the
 * bytes of a text part it decoded wrongly. Forwarded messages (message/rfc822) are not entered;
 * each is walked on its own when it is read. Linear in the message's size.
 */
import { parseHeaderValue } from './content-type.js';
import { fieldsRead, firstValue, readHead, type MessageHead } from './header-fields.js';

export interface MimeNode {
  readonly head: MessageHead;
  readonly bodyEnd: number;
  /** Lower-cased; when the part names none, text/plain (RFC 2045) or, for a named file, application/octet-stream. */
  readonly contentType: string;
  readonly params: ReadonlyMap<string, string>;
  /** Lower-cased Content-Disposition, '' when none. */
  readonly disposition: string;
  /** Lower-cased Content-Transfer-Encoding, '' when none. */
  readonly encoding: string;
  readonly children: readonly MimeNode[];
}

export interface MimeWalk {
  readonly root: MimeNode;
  /** Parts found below the root. */
  readonly parts: number;
  /** Where reading stopped because of `maxParts` and the boundaries then open, outermost first; null when all was read. */
  readonly cut: { readonly at: number; readonly open: readonly string[] } | null;
}

const LF = 0x0a;
const CR = 0x0d;
// Real mail nests a few multiparts; past this, a part is taken as one opaque leaf.
const MAX_NESTING = 32;

/** A usable boundary: printable ASCII (RFC 2046 §5.1.1), trailing white space dropped, as mailsplit reads it. */
function boundaryOf(node: { contentType: string; params: ReadonlyMap<string, string> }): string | null {
  if (!node.contentType.startsWith('multipart/')) return null;
  const boundary = node.params.get('boundary')?.trimEnd() ?? '';
  return boundary !== '' && /^[\x20-\x7e]+$/.test(boundary) ? boundary : null;
}

/** @param rootHead the message's own header block when the caller read it already (with the same bounds), so it is not read twice */
export function walkMime(raw: Buffer, limits: { maxParts: number; maxHeaderBytes: number }, rootHead?: MessageHead): MimeWalk {
  let parts = 0;
  let cut: MimeWalk['cut'] = null;
  const open: string[] = [];

  const read = (start: number, end: number, nesting: number, known?: MessageHead): MimeNode => {
    const head = known ?? readHead(raw, start, end, { maxBytes: limits.maxHeaderBytes, keep: (name) => fieldsRead.has(name) });
    const type = parseHeaderValue(firstValue(raw, head, 'content-type') ?? '');
    const disposition = parseHeaderValue(firstValue(raw, head, 'content-disposition') ?? '');
    const children: MimeNode[] = [];
    const node: MimeNode = {
      head,
      bodyEnd: end,
      // Without a Content-Type, mailsplit takes a part with a file name or marked as an attachment for a file.
      contentType: type.value !== '' ? type.value : disposition.value === 'attachment' || disposition.params.has('filename') ? 'application/octet-stream' : 'text/plain',
      params: type.params,
      disposition: disposition.value,
      encoding: parseHeaderValue(firstValue(raw, head, 'content-transfer-encoding') ?? '').value,
      children,
    };
    const boundary = boundaryOf(node);
    if (boundary === null || nesting >= MAX_NESTING) return node;
    open.push(boundary);
    splitParts(raw, head.bodyStart, end, boundary, (delimiterAt, partStart, partEnd) => {
      if (parts >= limits.maxParts) {
        cut = { at: delimiterAt, open: [...open] };
        return false;
      }
      parts++;
      children.push(read(partStart, partEnd, nesting + 1));
      return cut === null;
    });
    open.pop();
    return node;
  };

  const root = read(0, raw.length, 0, rootHead);
  return { root, parts, cut };
}

/**
 * Calls `onPart` for each part between boundary delimiter lines in [start, end), with where its
 * delimiter line begins; stops when it answers false. A part whose closing delimiter is missing
 * (a truncated mail) runs to the end.
 */
function splitParts(raw: Buffer, start: number, end: number, boundary: string, onPart: (delimiterAt: number, partStart: number, partEnd: number) => boolean): void {
  const region = raw.subarray(start, end);
  const delimiter = Buffer.from(`--${boundary}`, 'latin1');
  let search = 0;
  let part: { delimiterAt: number; start: number } | null = null;
  for (;;) {
    const at = region.indexOf(delimiter, search);
    if (at < 0) break;
    let p = at + delimiter.length;
    const closing = region[p] === 0x2d && region[p + 1] === 0x2d;
    if (closing) p += 2;
    while (region[p] === 0x20 || region[p] === 0x09) p++;
    const atLineStart = at === 0 || region[at - 1] === LF;
    if (!atLineStart || !(p >= region.length || region[p] === CR || region[p] === LF)) {
      search = at + 1;
      continue;
    }
    // A closing delimiter in the preamble closes nothing, as in mailsplit.
    if (closing && part === null) {
      search = p;
      continue;
    }
    if (part !== null) {
      // The line break before a delimiter belongs to the delimiter (RFC 2046 §5.1.1).
      let partEnd = at;
      if (partEnd > part.start && region[partEnd - 1] === LF) partEnd--;
      if (partEnd > part.start && region[partEnd - 1] === CR) partEnd--;
      if (!onPart(start + part.delimiterAt, start + part.start, start + partEnd)) return;
      part = null;
    }
    if (closing) return;
    // A run of CRs before the LF is one line ending: the trace of a second LF-to-CRLF conversion.
    while (region[p] === CR) p++;
    const lineEnd = region[p] === LF ? p + 1 : p;
    part = { delimiterAt: at, start: lineEnd };
    search = lineEnd;
  }
  if (part !== null) onPart(start + part.delimiterAt, start + part.start, end);
}

/** A text part of the message itself: mailparser's rule is text/plain and text/html unless marked as an attachment. */
export function isInlineText(node: MimeNode): boolean {
  return node.children.length === 0 && (node.contentType === 'text/plain' || node.contentType === 'text/html') && (node.disposition === '' || node.disposition === 'inline');
}

/** A message/rfc822 (or RFC 6532 message/global) part: a forwarded mail, read on its own. */
export function isForwardedMessage(contentType: string): boolean {
  return contentType === 'message/rfc822' || contentType === 'message/global';
}

/** Types mailparser reads as the mail's text when not marked as attachments. */
const TEXT_TYPES = new Set(['text/plain', 'text/html', 'message/delivery-status']);

/** A part mailparser hands over as an attachment (its rule in createNode), forwarded messages included. */
export function isAttachment(node: MimeNode): boolean {
  if (node.children.length > 0 || node.contentType.startsWith('multipart/')) return false;
  return !TEXT_TYPES.has(node.contentType) || (node.disposition !== '' && node.disposition !== 'inline');
}

/** The nodes in document order. */
export function* nodesOf(node: MimeNode): Generator<MimeNode> {
  yield node;
  for (const child of node.children) yield* nodesOf(child);
}
