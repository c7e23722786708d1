/** Builds test mails in code: header fields, bodies in a given charset and transfer encoding, multiparts. */
import iconv from 'iconv-lite';

export type Bytes = string | Buffer;

function bytesOf(body: Bytes): Buffer {
  return typeof body === 'string' ? Buffer.from(body, 'utf8') : body;
}

/** A message or MIME part: header fields, a blank line, the body. Lines end in CRLF unless `eol` says LF. */
export function mail(fields: readonly Bytes[], body: Bytes = '', options: { eol?: '\r\n' | '\n' } = {}): Buffer {
  const eol = options.eol ?? '\r\n';
  const head = fields.flatMap((f) => [bytesOf(f), Buffer.from(eol)]);
  return Buffer.concat([...head, Buffer.from(eol), bytesOf(body)]);
}

/** A multipart body of these parts under `boundary`, closed unless `open`. */
export function multipart(boundary: string, parts: readonly Buffer[], options: { open?: boolean } = {}): Buffer {
  const pieces = parts.flatMap((p) => [Buffer.from(`--${boundary}\r\n`), p, Buffer.from('\r\n')]);
  return Buffer.concat([...pieces, Buffer.from(options.open === true ? '' : `--${boundary}--\r\n`)]);
}

export function encode(text: string, charset: string): Buffer {
  return iconv.encode(text, charset);
}

/** An RFC 2047 encoded word. */
export function encodedWord(text: string, charset: string, encoding: 'B' | 'Q'): string {
  const bytes = encode(text, charset);
  if (encoding === 'B') return `=?${charset}?B?${bytes.toString('base64')}?=`;
  const q = [...bytes].map((b) => (b === 0x20 ? '_' : b < 0x80 && /[A-Za-z0-9]/.test(String.fromCharCode(b)) ? String.fromCharCode(b) : `=${b.toString(16).toUpperCase().padStart(2, '0')}`)).join('');
  return `=?${charset}?Q?${q}?=`;
}

/** Quoted-printable (RFC 2045 §6.7), lines of at most 76 characters with soft line breaks. */
export function quotedPrintable(bytes: Buffer): string {
  const lines: string[] = [];
  let line = '';
  for (const b of bytes) {
    if (b === 0x0d) continue;
    if (b === 0x0a) {
      lines.push(line);
      line = '';
      continue;
    }
    const token = b >= 0x80 || b === 0x3d ? `=${b.toString(16).toUpperCase().padStart(2, '0')}` : String.fromCharCode(b);
    if (line.length + token.length > 75) {
      lines.push(`${line}=`);
      line = '';
    }
    line += token;
  }
  lines.push(line);
  return lines.join('\r\n');
}

/** Base64 in lines of 76 characters. */
export function base64(bytes: Buffer): string {
  return (bytes.toString('base64').match(/.{1,76}/g) ?? []).join('\r\n');
}

/** Header fields of an ordinary mail from a customer. */
export function ordinaryFields(overrides: { subject?: string; messageId?: string | null; from?: string } = {}): string[] {
  return [
    `From: ${overrides.from ?? 'Ayşe Yılmaz <ayse@example.com>'}`,
    'To: basvuru@example.net',
    `Subject: ${overrides.subject ?? 'Sayaç arızası'}`,
    'Date: Tue, 1 Dec 2026 10:00:00 +0300',
    ...(overrides.messageId === null ? [] : [`Message-ID: ${overrides.messageId ?? '<CAF1234@mail.example.com>'}`]),
    'MIME-Version: 1.0',
  ];
}
