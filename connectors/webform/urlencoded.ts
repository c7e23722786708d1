/**
 * application/x-www-form-urlencoded, read at the byte level: a percent-escape stands for a byte of
 * the body's charset (`%DE` is ş in iso-8859-9, half of a letter in UTF-8), so escapes are undone
 * first and the bytes decoded after. URLSearchParams would decode them as UTF-8 and hide invalid
 * bytes behind U+FFFD. `&`, `=`, `+` and `%` are the same byte in every supported charset.
 */
import type { FieldError } from '../../runtime/schemas.js';
import { decodeBytes } from './charset.js';

const AMP = 0x26, EQ = 0x3d, PLUS = 0x2b, PERCENT = 0x25, SPACE = 0x20;

function hexValue(byte: number | undefined): number {
  if (byte === undefined) return -1;
  if (byte >= 0x30 && byte <= 0x39) return byte - 0x30;
  const lower = byte | 0x20;
  return lower >= 0x61 && lower <= 0x66 ? lower - 0x57 : -1;
}

/** Undoes `+` and `%XX`; a `%` not followed by two hex digits stays as it is, as browsers do. */
function unescapeBytes(part: Uint8Array): Uint8Array {
  const out = new Uint8Array(part.length);
  let n = 0;
  for (let i = 0; i < part.length; i++) {
    const byte = part[i] as number;
    if (byte === PERCENT) {
      const hi = hexValue(part[i + 1]), lo = hexValue(part[i + 2]);
      if (hi >= 0 && lo >= 0) {
        out[n++] = hi * 16 + lo;
        i += 2;
        continue;
      }
    }
    out[n++] = byte === PLUS ? SPACE : byte;
  }
  return out.subarray(0, n);
}

export interface UrlEncodedFields {
  /** Name and value pairs in body order; a name may repeat. */
  entries: Array<[string, string]>;
  errors: FieldError[];
}

/** Splits and decodes a urlencoded body; undecodable names or values are errors naming the field. */
export function parseUrlEncoded(body: Uint8Array, charset: string): UrlEncodedFields {
  const entries: Array<[string, string]> = [];
  const errors: FieldError[] = [];
  let start = 0;
  while (start <= body.length) {
    let end = body.indexOf(AMP, start);
    if (end === -1) end = body.length;
    const pair = body.subarray(start, end);
    start = end + 1;
    if (pair.length === 0) continue;
    const eq = pair.indexOf(EQ);
    const name = decodeBytes(unescapeBytes(eq === -1 ? pair : pair.subarray(0, eq)), charset);
    const value = decodeBytes(unescapeBytes(eq === -1 ? new Uint8Array(0) : pair.subarray(eq + 1)), charset);
    if (name === null) errors.push({ path: '(field name)', message: `is not valid ${charset}; declare the body's charset in Content-Type` });
    else if (value === null) errors.push({ path: name, message: `is not valid ${charset}; declare the body's charset in Content-Type` });
    else entries.push([name, value]);
  }
  return { entries, errors };
}
