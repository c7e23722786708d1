/**
 * Content-Transfer-Encoding (RFC 2045 §6) undone, for the text parts whose bytes the charset guess
 * must see. Lenient as mail readers are: a stray `=` stays, characters outside base64 are skipped.
 */

function hexValue(b: number | undefined): number {
  if (b === undefined) return -1;
  if (b >= 0x30 && b <= 0x39) return b - 0x30;
  if (b >= 0x41 && b <= 0x46) return b - 0x37;
  if (b >= 0x61 && b <= 0x66) return b - 0x57;
  return -1;
}

function decodeQuotedPrintable(bytes: Buffer): Buffer {
  const out = Buffer.allocUnsafe(bytes.length);
  let length = 0;
  for (let i = 0; i < bytes.length; i++) {
    const b = bytes[i] as number;
    if (b !== 0x3d) {
      out[length++] = b;
      continue;
    }
    const next = bytes[i + 1];
    if (next === 0x0d && bytes[i + 2] === 0x0a) {
      i += 2;
    } else if (next === 0x0a) {
      i += 1;
    } else {
      const high = hexValue(next);
      const low = hexValue(bytes[i + 2]);
      if (high >= 0 && low >= 0) {
        out[length++] = high * 16 + low;
        i += 2;
      } else {
        out[length++] = b;
      }
    }
  }
  return out.subarray(0, length);
}

/**
 * Base64 decoded a megabyte at a time straight into a buffer of the right size: decoding the body
 * as one string would hold a copy of it as large as the mail.
 */
function decodeBase64(body: Buffer): Buffer {
  const out = Buffer.allocUnsafe(Math.floor((body.length * 3) / 4) + 3);
  let length = 0;
  let carry = '';
  const chunk = 1 << 20;
  for (let at = 0; at < body.length; at += chunk) {
    const text = carry + body.toString('latin1', at, Math.min(body.length, at + chunk)).replace(/[^A-Za-z0-9+/]/g, '');
    const whole = text.length - (text.length % 4);
    length += out.write(text.slice(0, whole), length, 'base64');
    carry = text.slice(whole);
  }
  if (carry.length > 1) length += out.write(carry, length, 'base64');
  return out.subarray(0, length);
}

/** The part's body bytes with its transfer encoding undone; the same bytes for 7bit, 8bit, binary and unknown encodings. */
export function decodeTransfer(body: Buffer, encoding: string): Buffer {
  switch (encoding) {
    case 'base64':
      return decodeBase64(body);
    case 'quoted-printable':
      return decodeQuotedPrintable(body);
    default:
      return body;
  }
}
