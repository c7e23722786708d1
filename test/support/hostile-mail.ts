/**
 * Mails built to hurt a reader: each is named by what it does. They are generated, not stored,
 * because most are tens of megabytes; the sizes are parameters so a test can state its bound.
 */
import iconv from 'iconv-lite';

const CRLF = '\r\n';

function head(fields: readonly string[]): string {
  return `${fields.join(CRLF)}${CRLF}${CRLF}`;
}

function base64Lines(bytes: Buffer): string {
  const encoded = bytes.toString('base64');
  const lines: string[] = [];
  for (let i = 0; i < encoded.length; i += 76) lines.push(encoded.slice(i, i + 76));
  return lines.join(CRLF);
}

const ordinary = ['From: =?utf-8?B?QXnFn2UgWcSxbG1heg==?= <ayse@example.com>', 'To: basvuru@example.net', 'Date: Tue, 1 Dec 2026 10:00:00 +0300', 'MIME-Version: 1.0'];
const TEXT = 'Merhaba, sayacım arızalı. Abone numaram 1234567.';

/** Cut short at three places: inside an attachment's base64, inside a part's header, inside the message header. */
export function truncatedMimeMails(): Record<'inBody' | 'inPartHeader' | 'inMessageHeader', Buffer> {
  const whole = head([...ordinary, 'Subject: Kesik', 'Message-ID: <truncated@example.com>', 'Content-Type: multipart/mixed; boundary="b1"'])
    + `--b1${CRLF}Content-Type: text/plain; charset=utf-8${CRLF}${CRLF}${TEXT}${CRLF}`
    + `--b1${CRLF}Content-Type: application/pdf; name="fatura.pdf"${CRLF}Content-Transfer-Encoding: base64${CRLF}${CRLF}${base64Lines(Buffer.alloc(3000, 'PDF'))}${CRLF}--b1--${CRLF}`;
  const attachmentAt = whole.indexOf('Content-Type: application/pdf');
  return {
    inBody: Buffer.from(whole.slice(0, attachmentAt + 200), 'utf8'),
    inPartHeader: Buffer.from(whole.slice(0, attachmentAt + 20), 'utf8'),
    inMessageHeader: Buffer.from(whole.slice(0, whole.indexOf('Content-Type: multipart') + 30), 'utf8'),
  };
}

/** One attachment of `bytes` bytes (30 MB: about 41 MB of base64, under the 40 MiB default). */
export function largeAttachmentMail(bytes = 30_000_000): Buffer {
  const content = Buffer.alloc(bytes, 'gas-meter-photo-');
  return Buffer.from(head([...ordinary, 'Subject: Fotoğraf', 'Message-ID: <large@example.com>', 'Content-Type: multipart/mixed; boundary="b1"'])
    + `--b1${CRLF}Content-Type: text/plain; charset=utf-8${CRLF}${CRLF}${TEXT}${CRLF}`
    + `--b1${CRLF}Content-Type: image/jpeg; name="sayac.jpg"${CRLF}Content-Disposition: attachment; filename="sayac.jpg"${CRLF}Content-Transfer-Encoding: base64${CRLF}${CRLF}${base64Lines(content)}${CRLF}--b1--${CRLF}`, 'utf8');
}

/** A text part, then `parts` tiny attachments. */
export function manyPartsMail(parts = 5000): Buffer {
  const chunks = [head([...ordinary, 'Subject: Parçalar', 'Message-ID: <many-parts@example.com>', 'Content-Type: multipart/mixed; boundary="b1"']), `--b1${CRLF}Content-Type: text/plain; charset=utf-8${CRLF}${CRLF}${TEXT}${CRLF}`];
  for (let i = 0; i < parts; i++) chunks.push(`--b1${CRLF}Content-Type: application/octet-stream${CRLF}Content-Disposition: attachment; filename="p${i}.bin"${CRLF}${CRLF}part ${i}${CRLF}`);
  chunks.push(`--b1--${CRLF}`);
  return Buffer.from(chunks.join(''), 'utf8');
}

/**
 * A header of `bytes` bytes before an ordinary body: many short X- fields (a header loop or spam
 * stamps), or, with `oneField`, a single Subject that long.
 */
export function hugeHeaderMail(bytes = 2 * 1024 * 1024, options: { oneField?: boolean } = {}): Buffer {
  const filler = options.oneField === true
    ? [`Subject: ${'Başvuru '.repeat(Math.ceil(bytes / 9))}`]
    : Array.from({ length: Math.ceil(bytes / 80) }, (_, i) => `X-Stamp-${i}: ${'x'.repeat(64)}`);
  const fields = options.oneField === true ? [...ordinary, ...filler] : [...ordinary, 'Subject: Büyük başlık', ...filler];
  return Buffer.from(head([...fields, 'Message-ID: <huge-header@example.com>', 'Content-Type: text/plain; charset=utf-8']) + TEXT + CRLF, 'utf8');
}

/** Charset names no decoder knows or one that must be refused, each on a part holding windows-1254 bytes. */
export function invalidCharsetMail(): Buffer {
  const names = ['x-unknown-charset', 'utf-7', '', '"><script>', 'base64', 'a'.repeat(5000), 'ISO-8859-99'];
  const body = iconv.encode('Doğalgaz kaçağı yok; şikâyetim ısınma hakkında.', 'windows-1254');
  const pieces: Buffer[] = [Buffer.from(head([...ordinary, 'Subject: =?x-unknown?Q?Ba=FEvuru?=', 'Message-ID: <charsets@example.com>', 'Content-Type: multipart/mixed; boundary="b1"']), 'latin1')];
  for (const name of names) pieces.push(Buffer.from(`--b1${CRLF}Content-Type: text/plain; charset="${name}"${CRLF}${CRLF}`, 'latin1'), body, Buffer.from(CRLF, 'latin1'));
  pieces.push(Buffer.from(`--b1--${CRLF}`, 'latin1'));
  return Buffer.concat(pieces);
}

/** A body that is one line of `chars` characters (no line break at all), plain or HTML. */
export function longLineMail(chars = 1_000_000, type: 'plain' | 'html' = 'plain'): Buffer {
  const unit = type === 'html' ? '<b>gaz</b> kokusu ' : 'gaz kokusu yok ';
  return Buffer.from(head([...ordinary, 'Subject: Uzun satır', 'Message-ID: <long-line@example.com>', `Content-Type: text/${type}; charset=utf-8`]) + unit.repeat(Math.ceil(chars / unit.length)).slice(0, chars), 'utf8');
}

/** A mail forwarding a mail forwarding a mail… `depth` deep, each as a message/rfc822 attachment. */
export function nestedForwardsMail(depth = 20): Buffer {
  let mail = head(['From: Mehmet Kaya <mehmet@example.org>', 'Subject: İlk şikayet', 'Date: Mon, 30 Nov 2026 09:00:00 +0300', 'Message-ID: <level-0@example.org>', 'Content-Type: text/plain; charset=utf-8']) + `${TEXT}${CRLF}`;
  for (let level = 1; level <= depth; level++) {
    const boundary = `level-${level}`;
    mail = head([`From: Forwarder ${level} <f${level}@example.com>`, `Subject: Fwd: level ${level}`, 'Date: Tue, 1 Dec 2026 10:00:00 +0300', `Message-ID: <level-${level}@example.com>`, `Content-Type: multipart/mixed; boundary="${boundary}"`])
      + `--${boundary}${CRLF}Content-Type: text/plain; charset=utf-8${CRLF}${CRLF}Seviye ${level}.${CRLF}`
      + `--${boundary}${CRLF}Content-Type: message/rfc822${CRLF}Content-Disposition: attachment; filename="fwd.eml"${CRLF}${CRLF}${mail}${CRLF}--${boundary}--${CRLF}`;
  }
  return Buffer.from(mail, 'utf8');
}
