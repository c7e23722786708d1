/**
 * The character sets a form body may arrive in. JSON and modern browsers send UTF-8; old Turkish
 * sites still post `iso-8859-9` (Latin-5) or `windows-1254`, where ş, ğ, ı, İ sit on the bytes
 * Latin-1 gives to other letters, so reading them as UTF-8 or Latin-1 garbles every name.
 * Invalid UTF-8 is refused, never stored as U+FFFD: the sender can fix it, we cannot.
 */
import iconv from 'iconv-lite';

const aliases: Readonly<Record<string, string>> = {
  'utf-8': 'utf-8', utf8: 'utf-8', 'us-ascii': 'utf-8', ascii: 'utf-8',
  'iso-8859-9': 'iso-8859-9', iso88599: 'iso-8859-9', 'latin5': 'iso-8859-9', 'l5': 'iso-8859-9',
  'windows-1254': 'windows-1254', cp1254: 'windows-1254',
  'iso-8859-1': 'iso-8859-1', latin1: 'iso-8859-1', 'windows-1252': 'windows-1252',
};

export const supportedCharsets = [...new Set(Object.values(aliases))];

/** The canonical name of the content type's charset (UTF-8 when none is named), or null when unsupported. */
export function charsetOf(contentType: string): string | null {
  const param = /;\s*charset\s*=\s*"?([^";\s]+)"?/i.exec(contentType);
  if (param === null) return 'utf-8';
  return aliases[(param[1] ?? '').toLowerCase()] ?? null;
}

const strictUtf8 = new TextDecoder('utf-8', { fatal: true, ignoreBOM: false });

/** Decodes bytes in a supported charset; null when they are not valid UTF-8. */
export function decodeBytes(bytes: Uint8Array, charset: string): string | null {
  if (charset === 'utf-8') {
    try {
      return strictUtf8.decode(bytes);
    } catch {
      return null;
    }
  }
  // Single-byte charsets map every byte to a character: nothing there is invalid.
  return iconv.decode(Buffer.from(bytes.buffer, bytes.byteOffset, bytes.byteLength), charset);
}
