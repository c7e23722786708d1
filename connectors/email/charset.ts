/**
 * Which charset a text part is really in. Turkish mail still arrives without a charset, with one
 * mailparser does not know, or declared Latin-1 while written in windows-1254, where ş, ğ, ı, İ,
 * Ş, Ğ sit on the bytes Latin-1 gives to þ, ð, ý, Ý, Þ, Ð. mailparser reads an undeclared or
 * unknown charset as UTF-8 and replaces every other byte with U+FFFD, losing the letters for good;
 * so the guess is made here, on the bytes, before mailparser reads them.
 */
import { isAscii, isUtf8 } from 'node:buffer';
import iconv from 'iconv-lite';

/** Charsets mailparser does not convert: it reads the bytes as UTF-8. */
const READ_AS_UTF8 = new Set(['ascii', 'usascii', 'utf8']);
/** Charsets mailparser refuses (UTF-7 can smuggle markup): it reads the bytes as UTF-8 too. */
const REFUSED = /^(?:(?:cs)?unicode11)?utf7(?:imap)?$|^base64$|^hex$/;
/** Latin-1 and its relatives, which Turkish senders declare by mistake for windows-1254 text. */
const WESTERN = new Set(['iso88591', 'latin1', 'l1', 'cp819', 'windows1252', 'cp1252', 'iso885915', 'latin9']);
/** Declared single-byte charsets under which valid UTF-8 means the sender declared the wrong one. */
const SINGLE_BYTE_LATIN = new Set([...WESTERN, 'iso88599', 'latin5', 'l5', 'windows1254', 'cp1254']);
/** The bytes of ğ Ğ ı İ ş Ş in windows-1254: Ð Ý Þ ð ý þ in Latin-1, letters of Icelandic, not of Turkish. */
const TURKISH_IN_LATIN1 = [0xd0, 0xdd, 0xde, 0xf0, 0xfd, 0xfe];

function nameKey(charset: string): string {
  return charset.toLowerCase().replace(/[^a-z0-9]/g, '');
}

/** Whether mailparser reads bytes declared in this charset as UTF-8: UTF-8 itself, US-ASCII, an unknown or a refused charset. */
export function mailparserReadsAsUtf8(charset: string): boolean {
  const key = nameKey(charset);
  return READ_AS_UTF8.has(key) || REFUSED.test(key) || !iconv.encodingExists(charset);
}

/**
 * The charset to read a text part's bytes in, when it is not what mailparser would use for the
 * declared one; null when mailparser reads them right.
 * @param declared the part's `charset` parameter, null when it has none (UTF-8 by mailparser's default)
 */
export function effectiveCharset(declared: string | null, bytes: Buffer): string | null {
  if (isAscii(bytes)) return null;
  const key = declared === null ? 'utf8' : nameKey(declared);
  const readAsUtf8 = declared === null || mailparserReadsAsUtf8(declared);
  if (isUtf8(bytes)) return !readAsUtf8 && SINGLE_BYTE_LATIN.has(key) ? 'utf-8' : null;
  if (readAsUtf8) return 'windows-1254';
  if (WESTERN.has(key) && TURKISH_IN_LATIN1.some((b) => bytes.includes(b))) return 'windows-1254';
  return null;
}

/**
 * Mends a header value decoded in the wrong charset: UTF-8 read as Latin-1 (`Ã¼` for ü) or
 * windows-1254 read as Latin-1 (`Baþvuru` for Başvuru). Only a value made of Latin-1 characters
 * alone can be such a misreading; any other is returned as it is.
 */
export function repairMojibake(text: string): string {
  if (!/[\u0080-\u00ff]/.test(text) || /[^\u0000-\u00ff]/.test(text)) return text;
  const bytes = Buffer.from(text, 'latin1');
  if (isUtf8(bytes)) return bytes.toString('utf8');
  if (/[ÐÝÞðýþ]/.test(text)) return iconv.decode(bytes, 'windows-1254');
  return text;
}

/** Bytes in a charset iconv-lite knows, as text. */
export function decodeAs(bytes: Buffer, charset: string): string {
  return charset === 'utf-8' ? bytes.toString('utf8') : iconv.decode(bytes, charset);
}

/** Whether the bytes are UTF-8, as mailparser takes every header block to be. */
export function isValidUtf8(bytes: Buffer): boolean {
  return isUtf8(bytes);
}
