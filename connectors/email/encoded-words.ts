/**
 * RFC 2047 encoded words whose bytes mailparser would read as UTF-8 (an unknown charset name such
 * as `=?x-unknown?Q?Ba=FEvuru?=`, UTF-7, or UTF-8 itself) while they are not UTF-8: libmime then
 * replaces them with U+FFFD, and a windows-1254 subject or name loses its Turkish letters. Such
 * words are re-encoded as UTF-8 first, read as windows-1254 as bodies are. Others are left alone.
 */
import { isUtf8 } from 'node:buffer';
import iconv from 'iconv-lite';
import { mailparserReadsAsUtf8 } from './charset.js';
import { decodeTransfer } from './transfer-decoding.js';

// Bounded pieces after a literal start: each try is short, so a header full of "=?" is read in linear time.
const ENCODED_WORD = /=\?([^?\s*]{1,64})(\*[^?\s]{0,16})?\?([BbQq])\?([^?\s]{0,4096})\?=/g;

function payloadBytes(encoding: string, payload: string): Buffer {
  if (encoding === 'B' || encoding === 'b') return decodeTransfer(Buffer.from(payload, 'latin1'), 'base64');
  return decodeTransfer(Buffer.from(payload.replaceAll('_', ' '), 'latin1'), 'quoted-printable');
}

/** The word's bytes when mailparser would lose them, else null. */
function lostBytes(charset: string, encoding: string, payload: string): Buffer | null {
  if (!mailparserReadsAsUtf8(charset)) return null;
  const bytes = payloadBytes(encoding, payload);
  return isUtf8(bytes) ? null : bytes;
}

/** Whether the header text (one character per byte) holds a word {@link mendEncodedWords} would change. */
export function hasLostEncodedWord(header: string): boolean {
  for (const [, charset = '', , encoding = '', payload = ''] of header.matchAll(ENCODED_WORD)) if (lostBytes(charset, encoding, payload) !== null) return true;
  return false;
}

/** The header text (one character per byte) with the words mailparser would lose re-encoded as UTF-8. */
export function mendEncodedWords(header: string): string {
  return header.replace(ENCODED_WORD, (word, charset: string, _language: string | undefined, encoding: string, payload: string) => {
    const bytes = lostBytes(charset, encoding, payload);
    return bytes === null ? word : `=?utf-8?B?${Buffer.from(iconv.decode(bytes, 'windows-1254'), 'utf8').toString('base64')}?=`;
  });
}
