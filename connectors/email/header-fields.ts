/**
 * The header block of a message or MIME part, read from the raw bytes with the byte range of
 * every field. The intake needs the raw form beside mailparser's decoded one: the item id hashes
 * the message without the fields each delivery adds, a header block mailparser would refuse is
 * reduced before it sees it, and 8-bit bytes are mended before mailparser reads them as UTF-8.
 */

export interface HeaderField {
  /** The field name, lower-cased. */
  readonly name: string;
  /** Where the field's first line begins. */
  readonly start: number;
  /** Where its value begins, after the colon. */
  readonly valueStart: number;
  /** Where its last line ends, line break included. */
  readonly end: number;
}

export interface MessageHead {
  readonly start: number;
  /** Where the header block ends: the start of the blank line, or the region's end when there is none. */
  readonly end: number;
  /** Where the body begins, after the blank line; the region's end when there is no blank line. */
  readonly bodyStart: number;
  readonly fields: readonly HeaderField[];
  /** The block is over the byte bound: past it, only the first field of each kept name was collected. */
  readonly oversized: boolean;
}

const LF = 0x0a;
const CR = 0x0d;
const COLON = 0x3a;
// RFC 5322 field names: printable ASCII without the colon. Anything else is a garbled line.
const FIELD_NAME = /^[!-9;-~]+$/;

/**
 * Scans the header block that begins at `start`, calling `onField` for each well-formed field in
 * order (continuation lines included in its range); garbled lines are skipped. Linear, no memory.
 */
export function scanHead(raw: Buffer, start: number, end: number, onField: (field: HeaderField) => void): { end: number; bodyStart: number } {
  let current: { name: string; start: number; valueStart: number; end: number } | null = null;
  let pos = start;
  while (pos < end) {
    const newline = raw.indexOf(LF, pos);
    const lineEnd = newline === -1 || newline >= end ? end : newline;
    const next = lineEnd === end ? end : lineEnd + 1;
    const contentEnd = lineEnd > pos && raw[lineEnd - 1] === CR ? lineEnd - 1 : lineEnd;
    if (contentEnd === pos) {
      if (current !== null) onField(current);
      return { end: pos, bodyStart: next };
    }
    const first = raw[pos];
    if ((first === 0x20 || first === 0x09) && current !== null) {
      current.end = next;
    } else {
      if (current !== null) onField(current);
      const colon = raw.subarray(pos, contentEnd).indexOf(COLON);
      const name = colon > 0 ? raw.toString('latin1', pos, pos + colon).trimEnd() : '';
      current = FIELD_NAME.test(name) ? { name: name.toLowerCase(), start: pos, valueStart: pos + colon + 1, end: next } : null;
    }
    pos = next;
  }
  if (current !== null) onField(current);
  return { end, bodyStart: end };
}

/**
 * Reads the header block that begins at `start`. Bounded: past `maxBytes` only fields whose name
 * `keep` accepts are collected, the first of each name, so a header of millions of lines costs
 * a scan and no memory.
 */
export function readHead(raw: Buffer, start: number, end: number, options: { maxBytes: number; keep: (name: string) => boolean }): MessageHead {
  const fields: HeaderField[] = [];
  const keptPastLimit = new Set<string>();
  const bounds = scanHead(raw, start, end, (field) => {
    if (field.start - start < options.maxBytes) fields.push(field);
    else if (options.keep(field.name) && !keptPastLimit.has(field.name)) {
      keptPastLimit.add(field.name);
      fields.push(field);
    }
  });
  return { start, end: bounds.end, bodyStart: bounds.bodyStart, fields, oversized: bounds.end - start > options.maxBytes };
}

/**
 * A field's value unfolded and trimmed, one character per byte (latin1), at most `maxBytes` of it:
 * the fields read this way (Message-ID, Auto-Submitted, Content-Type…) are ASCII by rule.
 */
export function fieldValue(raw: Buffer, field: HeaderField, maxBytes = 16 * 1024): string {
  return raw.toString('latin1', field.valueStart, Math.min(field.end, field.valueStart + maxBytes)).replace(/\r?\n|\r/g, '').trim();
}

/** The value of the first field of that name, or null. */
export function firstValue(raw: Buffer, head: MessageHead, name: string): string | null {
  const field = head.fields.find((f) => f.name === name);
  return field === undefined ? null : fieldValue(raw, field);
}

/**
 * The fields the intake reads, of a message or a part. A header block over the byte bound keeps
 * these alone: thousands of Received or X- lines say nothing about an application.
 */
export const fieldsRead: ReadonlySet<string> = new Set([
  'from', 'sender', 'reply-to', 'to', 'cc', 'subject', 'date', 'message-id', 'in-reply-to', 'references', 'mime-version',
  'content-type', 'content-transfer-encoding', 'content-disposition', 'content-id', 'content-description',
  'auto-submitted', 'x-autoreply', 'x-autorespond', 'precedence', 'return-path',
]);
