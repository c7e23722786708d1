/**
 * A message level that is one text/plain part, read without mailparser. For such a mail
 * mailparser's streams, one setImmediate per chunk, cost most of the reading while the result
 * is a few header values and one decoded body. The same functions mailparser's pipeline calls
 * are called here directly: mailsplit's MimeNode and Headers for the structure and header lines,
 * libmime for header values, encoded words and the charset, libqp and libbase64 for the body,
 * mailparser's own address parser. Only where their one-shot form is known to give what the
 * streams give is the level read here; for anything else (format=flowed, a charset outside a
 * short list, base64 with padding inside, a header block near mailsplit's bound, an encoded
 * word in Content-Type…) the answer is null and the caller runs mailparser.
 */
import mailsplit from '@zone-eu/mailsplit';
import libbase64 from 'libbase64';
import libmime from 'libmime';
import { decode as decodeCharset, normalizeCharset } from 'libmime/lib/charset.js';
import libqp from 'libqp';
import { parseAddressHeader, type AddressObject } from 'mailparser';
import { scanHead } from './header-fields.js';
import type { ParsedLevel } from './run-mailparser.js';

const LF = 0x0a;
// mailsplit counts each header line as at least 64 bytes against its bound.
const HEADER_LINE_MIN_COST = 64;
/** Charsets mailparser leaves undecoded: the bytes are read as UTF-8. */
const READ_AS_UTF8 = new Set(['ascii', 'usascii', 'utf8']);
/**
 * Single-byte charsets, by libmime's normalised name (it reads ISO-8859-9 as windows-1254 and
 * Latin-1 as windows-1252): for these its decode stream and decode() give the same text however
 * the body is split (no state, no surrogates, no byte-order guess).
 */
const SINGLE_BYTE = new Set(['windows-1252', 'windows-1254', 'ISO-8859-15']);
// Base64 whose only padding ends it: libbase64's stream and one decode agree on it.
const PLAIN_BASE64 = /^[A-Za-z0-9+/]*={0,2}$/;

/** The body bytes with the transfer encoding undone as mailsplit's decoder does, null when not sure to match. */
function bodyBytes(body: Buffer, encoding: string): Buffer | null {
  if (encoding === 'quoted-printable') return libqp.decode(body.toString('latin1'));
  if (encoding !== 'base64') return body;
  const b64 = body.toString('latin1').replace(/[^a-zA-Z0-9+/=]/g, '');
  return PLAIN_BASE64.test(b64) ? libbase64.decode(b64) : null;
}

/** The body text as mailparser makes it, null for a charset not known to decode the same. */
function bodyText(bytes: Buffer, charset: string): string | null {
  if (READ_AS_UTF8.has(charset.toLowerCase().replace(/[^a-z0-9]+/g, ''))) return bytes.toString();
  if (!SINGLE_BYTE.has(normalizeCharset(charset))) return null;
  return decodeCharset(bytes, charset);
}

/** A header line's value as mailparser's processHeaders takes it, before its per-field reading. */
function lineValue(line: string): string {
  const value = String(libmime.decodeHeader(line)?.value ?? '').trim();
  return Buffer.from(value, 'binary').toString();
}

function decodedWords(value: string): string {
  try {
    return libmime.decodeWords(value);
  } catch {
    return value;
  }
}

/**
 * @param maxHeaderBytes the reader's bound on a header block; mailparser is given twice it, so a
 *   block within it never meets mailsplit's bound
 * @returns the level as {@link runMailParser} gives it, or null when mailparser must read it:
 *   also when a library throws on what a hostile mail holds, as mailparser is the one to judge it
 */
export function readPlainLevel(raw: Buffer, maxHeaderBytes: number): ParsedLevel | null {
  try {
    return readPlain(raw, maxHeaderBytes);
  } catch {
    return null;
  }
}

function readPlain(raw: Buffer, maxHeaderBytes: number): ParsedLevel | null {
  const { end, bodyStart } = scanHead(raw, 0, raw.length, () => undefined);
  // No blank line (a header running to the end) or nothing before it: mailsplit's edge cases.
  if (end === 0 || bodyStart === end || raw[bodyStart - 1] !== LF) return null;
  const headBytes = raw.subarray(0, bodyStart);
  let cost = 0;
  for (let at = 0; at < headBytes.length; ) {
    const next = headBytes.indexOf(LF, at) + 1 || headBytes.length;
    cost += Math.max(next - at, HEADER_LINE_MIN_COST);
    at = next;
  }
  if (cost > maxHeaderBytes) return null;

  const node = new mailsplit.MimeNode(false, {});
  node.addHeaderChunk(headBytes);
  node.parseHeaders();
  if (node.contentType !== 'text/plain' || node.flowed || (node.disposition !== false && node.disposition !== 'inline')) return null;
  const lines = node.headers === false ? [] : node.headers.getList();
  // processHeaders calls decodeWords on these outside a try: whether it throws is mailparser's to find.
  if (lines.some((l) => ['content-type', 'content-disposition', 'dkim-signature'].includes(l.key) && l.line.includes('=?'))) return null;

  const decoded = bodyBytes(raw.subarray(bodyStart), node.encoding || '');
  const text = decoded === null ? null : bodyText(decoded, node.charset || 'utf-8');
  if (text === null) return null;

  let subject: string | null = null;
  let from: AddressObject | null = null;
  const to: AddressObject[] = [];
  for (const { key, line } of lines) {
    if (key === 'subject') {
      const value = decodedWords(lineValue(line));
      // processHeaders keeps the first non-empty Subject.
      if (subject === null && value !== '') subject = value;
    } else if (key === 'from') {
      from ??= parseAddressHeader(lineValue(line));
    } else if (key === 'to') {
      to.push(parseAddressHeader(lineValue(line)));
    }
  }
  return { subject, from, to, text: text.replace(/\r?\n/g, '\n'), html: null, attachments: [], dropped: 0 };
}
