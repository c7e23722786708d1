import assert from 'node:assert/strict';
import { simpleParser } from 'mailparser';
import { repairMime } from '../../../connectors/email/mime-repair.js';
import { walkMime } from '../../../connectors/email/mime-walk.js';
import { base64, encode, mail, multipart, quotedPrintable } from './build-mail.js';

const limits = { maxParts: 500, maxHeaderBytes: 256 * 1024, maxBodyChars: 1_000_000, maxHtmlChars: 1_000_000 };
const repair = (raw: Buffer, overrides: Partial<typeof limits> = {}): ReturnType<typeof repairMime> => repairMime(raw, walkMime(raw, { ...limits, ...overrides }), { ...limits, ...overrides }, 'n0nce');
const turkish = 'Sayacım arızalı, gaz kaçağı yok. İĞÜŞÖÇ';

describe('connectors/email repairMime', () => {
  it('returns a mail that needs nothing as it was, uncopied', () => {
    const raw = mail(['Subject: x', 'Content-Type: text/plain; charset=utf-8'], turkish);
    const repaired = repair(raw);
    assert.equal(repaired.raw, raw);
    assert.equal(repaired.charsetGuessed, false);
  });

  it('takes attachment bodies out and marks the parts, so mailparser names them without decoding them', async () => {
    const pdf = mail(['Content-Type: application/pdf; name="=?utf-8?Q?fatura_=C5=9Fubat.pdf?="', 'Content-Transfer-Encoding: base64'], base64(Buffer.alloc(100_000, 'pdf')));
    const raw = mail(['Subject: x', 'Content-Type: multipart/mixed; boundary=b1'], multipart('b1', [mail([], 'metin'), pdf, mail(['Content-Type: message/rfc822'], mail(['Subject: iç'], 'iletilen'))]));
    const repaired = repair(raw);
    assert.ok(repaired.raw.length < 1000);
    assert.deepEqual(repaired.attachments.map((n) => n.contentType), ['application/pdf']);
    const parsed = await simpleParser(repaired.raw);
    assert.equal(parsed.text, 'metin');
    assert.deepEqual(parsed.attachments.map((a) => [a.contentType, a.filename, a.size, a.headers.get('x-intake-part')]), [['application/pdf', 'fatura şubat.pdf', 0, 'n0nce.0'], ['message/rfc822', undefined, 0, undefined]]);
  });

  it('cuts a text part far over the kept length before mailparser reads it', async () => {
    const raw = mail(['Subject: x', 'Content-Type: text/plain; charset=utf-8'], 'ğ'.repeat(50_000));
    const repaired = repair(raw, { maxBodyChars: 1000 });
    assert.equal(repaired.textCut, true);
    assert.equal((await simpleParser(repaired.raw)).text, 'ğ'.repeat(1000));
  });

  it('re-encodes a windows-1254 part without a charset (quoted-printable here) as UTF-8, which mailparser then reads', async () => {
    const raw = mail(['Subject: x', 'Content-Type: multipart/mixed; boundary=b1'], multipart('b1', [
      mail(['Content-Transfer-Encoding: quoted-printable'], quotedPrintable(encode(turkish, 'windows-1254'))),
      mail(['Content-Type: text/plain; charset=iso-8859-9', 'Content-Transfer-Encoding: base64'], base64(encode('İkinci', 'iso-8859-9'))),
    ]));
    const repaired = repair(raw);
    assert.equal(repaired.charsetGuessed, true);
    assert.equal((await simpleParser(repaired.raw)).text, `${turkish}\nİkinci`);
  });

  it('reads a header block that is not UTF-8 as windows-1254', async () => {
    const raw = mail([Buffer.concat([Buffer.from('Subject: '), encode('Doğalgaz başvurusu', 'windows-1254')]), 'Content-Type: text/plain; charset=utf-8'], 'x');
    assert.equal((await simpleParser(repair(raw).raw)).subject, 'Doğalgaz başvurusu');
  });

  it('reduces an oversized header block to the fields read, cutting a long subject', async () => {
    const stamps = Array.from({ length: 3000 }, (_, i) => `X-Stamp-${i}: ${'x'.repeat(60)}`);
    const raw = mail(['From: Ayşe <ayse@example.com>', ...stamps, `Subject: ${'Başvuru '.repeat(5000)}`, 'Content-Type: text/plain; charset=utf-8'], 'gövde');
    const repaired = repair(raw);
    assert.equal(repaired.headerReduced, true);
    assert.ok(repaired.raw.length < 64 * 1024);
    const parsed = await simpleParser(repaired.raw);
    assert.equal(parsed.from?.value[0]?.address, 'ayse@example.com');
    assert.match(parsed.subject ?? '', /^Başvuru Başvuru/);
    assert.equal(parsed.text, 'gövde');
  });

  it('cuts the parts past maxParts and closes the multiparts left open, so mailparser reads the rest whole', async () => {
    const inner = mail(['Content-Type: multipart/mixed; boundary=b2'], multipart('b2', [mail([], 'bir'), mail([], 'iki'), mail([], 'üç')]));
    const raw = mail(['Subject: x', 'Content-Type: multipart/mixed; boundary=b1'], multipart('b1', [inner, mail([], 'dört')]));
    const repaired = repair(raw, { maxParts: 3 });
    assert.equal(repaired.partsCut, true);
    assert.match(repaired.raw.toString('utf8'), /--b2--\r\n--b1--\r\n$/);
    assert.equal((await simpleParser(repaired.raw)).text, 'bir\niki');
  });
});
