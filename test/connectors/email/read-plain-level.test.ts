/**
 * A single text/plain level read without mailparser must give exactly what mailparser gives: every
 * fixture mail and a seeded set of generated single-part mails are read both ways and the whole
 * readings compared. The generator leans on what differs between readers: charsets, transfer
 * encodings, line endings, encoded words, folded and repeated fields, missing fields.
 */
import assert from 'node:assert/strict';
import { readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { parseMail } from '../../../connectors/email/parse-mail.js';
import { readPlainLevel } from '../../../connectors/email/read-plain-level.js';
import { defaultMailLimits } from '../../../connectors/email/limits.js';
import { fixturesRoot } from '../../support/fixtures.js';
import { base64, encode, encodedWord, mail, quotedPrintable } from './build-mail.js';

const receivedAt = new Date('2026-11-29T09:00:00Z');

async function assertSameReading(raw: Buffer, label: string): Promise<void> {
  const direct = await parseMail(raw, { receivedAt });
  const viaMailparser = await parseMail(raw, { receivedAt, mailparserOnly: true });
  assert.deepStrictEqual(direct, viaMailparser, label);
}

/** A small seeded generator (mulberry32): the same mails on every run, so a failure is reproducible. */
function random(seed: number): () => number {
  let a = seed;
  return () => {
    a = (a + 0x6d2b79f5) | 0;
    let t = Math.imul(a ^ (a >>> 15), 1 | a);
    t = (t + Math.imul(t ^ (t >>> 7), 61 | t)) ^ t;
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

const WORDS = ['Başvuru', 'doğalgaz', 'abonelik', 'İstanbul', 'Şişli', 'ığüşöç', 'IĞÜŞÖÇ', 'sayaç', 'fatura', 'no:12345', 'kaçak', 'koku', '"alıntı"', 'a,b', '<x>', '=?', '?=', 'hello', 'ÀÉ', '€', '😀', '\t', '  '];
const CHARSETS = [null, 'utf-8', 'UTF-8', 'windows-1254', 'iso-8859-9', 'ISO-8859-1', 'us-ascii', 'x-unknown'];
const ENCODINGS = [null, '7bit', '8bit', 'binary', 'quoted-printable', 'base64', 'Base64', 'x-uuencode'];

function generatedMail(next: () => number): Buffer {
  const pick = <T>(list: readonly T[]): T => list[Math.floor(next() * list.length)] as T;
  const phrase = (n: number): string => Array.from({ length: 1 + Math.floor(next() * n) }, () => pick(WORDS)).join(' ');
  const wordCharset = pick(['utf-8', 'windows-1254', 'iso-8859-9', 'UTF-8', 'x-unknown']);
  const encoded = (text: string): string => encodedWord(text, wordCharset === 'x-unknown' ? 'windows-1254' : wordCharset, pick(['B', 'Q'] as const)).replace(/^=\?[^?]+/, `=?${wordCharset}`);
  const headerText = (text: string): string => (next() < 0.5 ? encoded(text) : text);
  const name = (): string => pick([phrase(2), `"${phrase(3)}"`, encoded(phrase(2)), `${encoded(phrase(1))} ${encoded(phrase(1))}`, '']);
  const address = (): string => {
    const addr = pick(['ayse@example.com', 'a.b@xn--dogalgaz-9za.com.tr', 'user', '']);
    const display = name();
    return display === '' ? addr : `${display} <${addr}>`;
  };
  const fields: (string | Buffer)[] = [];
  if (next() < 0.85) fields.push(`Subject: ${next() < 0.2 ? `${headerText(phrase(12))}\r\n ${headerText(phrase(12))}` : headerText(phrase(5))}`);
  if (next() < 0.1) fields.push(Buffer.concat([Buffer.from('Subject: '), encode(phrase(3), 'windows-1254')]));
  if (next() < 0.85) fields.push(`From: ${address()}`);
  if (next() < 0.7) fields.push(`To: ${Array.from({ length: 1 + Math.floor(next() * 3) }, address).join(next() < 0.8 ? ', ' : ',\r\n\t')}`);
  if (next() < 0.15) fields.push(`To: grup: ${address()}, ${address()};`);
  if (next() < 0.7) fields.push(pick(['Date: Sun, 29 Nov 2026 09:00:00 +0300', 'Date: yesterday']));
  if (next() < 0.7) fields.push(pick(['Message-ID: <abc.123@example.com>', 'Message-ID: abc', 'Message-ID:']));
  if (next() < 0.3) fields.push('In-Reply-To: <x@y>', 'References: <a@b>\r\n <x@y>');
  if (next() < 0.15) fields.push(pick(['Auto-Submitted: auto-replied', 'Precedence: bulk', 'X-Autoreply: yes', 'List-Id: <list.example.com>']));
  if (next() < 0.1) fields.push('Content-Disposition: inline');
  if (next() < 0.05) fields.push('Content-Disposition: attachment; filename=a.txt');
  if (next() < 0.1) fields.push('MIME-Version: 1.0', `X-Long: ${'x'.repeat(2000)}`);
  if (next() < 0.1) fields.push(`Comments: ${encoded(phrase(2))}`);

  const charset = pick(CHARSETS);
  const flowed = next() < 0.05 ? '; format=flowed' : '';
  if (charset !== null || flowed !== '' || next() < 0.5) fields.push(`Content-Type: text/plain${charset === null ? '' : `; charset=${next() < 0.2 ? `"${charset}"` : charset}`}${flowed}`);
  const encoding = pick(ENCODINGS);
  if (encoding !== null) fields.push(`Content-Transfer-Encoding: ${encoding}`);
  const lines = Array.from({ length: Math.floor(next() * 8) }, () => (next() < 0.05 ? 'ş'.repeat(1200) : phrase(10)));
  const eol = next() < 0.5 ? '\r\n' : '\n';
  const text = lines.join(eol) + (next() < 0.5 ? eol : '');
  const bytes = encode(text, charset === null || charset === 'x-unknown' || charset === 'us-ascii' ? pick(['utf-8', 'windows-1254']) : charset);
  const encodedBody = encoding === 'quoted-printable' ? quotedPrintable(bytes) : encoding === 'base64' || encoding === 'Base64' ? base64(bytes) : bytes;
  const body = next() < 0.15 ? damaged(Buffer.from(encodedBody), next) : encodedBody;
  if (next() < 0.05) fields.unshift('From MAILER-DAEMON Sun Nov 29 09:00:00 2026');
  if (next() < 0.05) fields.push(pick(['Subject:', 'subject:no-space', 'X-Empty:']));
  return mail(fields, body, { eol });
}

/** The body with stray bytes: a lone `=` or CR, NUL, 0xff, base64 padding mid-way, a bare LF. */
function damaged(body: Buffer, next: () => number): Buffer {
  const strays = ['=', '=\r\n', '\r', '\0', '\xff', '==', 'A=', '=4', '\n', ' \t'];
  const pieces: Buffer[] = [];
  let at = 0;
  for (let i = 0; i < 3 && at < body.length; i++) {
    const cut = at + Math.floor(next() * (body.length - at));
    pieces.push(body.subarray(at, cut), Buffer.from(strays[Math.floor(next() * strays.length)] as string, 'latin1'));
    at = cut;
  }
  pieces.push(body.subarray(at));
  return Buffer.concat(pieces);
}

describe('reading a single text/plain level without mailparser', function () {
  this.timeout(60_000);

  it('reads every fixture mail as mailparser does', async () => {
    const dir = join(fixturesRoot, 'email');
    const files = readdirSync(dir).filter((f) => f.endsWith('.eml'));
    let direct = 0;
    for (const file of files) {
      const raw = readFileSync(join(dir, file));
      if (readPlainLevel(raw, defaultMailLimits.maxHeaderBytes) !== null) direct++;
      await assertSameReading(raw, file);
    }
    // The point of the direct reading: most of the set is single text/plain mail.
    assert.ok(direct >= 20, `only ${direct} of ${files.length} read directly`);
  });

  it('reads generated single-part mails as mailparser does', async () => {
    const next = random(20261129);
    let direct = 0;
    const directCharsets = new Set<string>();
    const count = 600;
    for (let i = 0; i < count; i++) {
      const raw = generatedMail(next);
      if (readPlainLevel(raw, defaultMailLimits.maxHeaderBytes) !== null) {
        direct++;
        directCharsets.add(/charset="?([^";\r\n]+)/.exec(raw.toString('latin1'))?.[1]?.toLowerCase() ?? 'none');
      }
      await assertSameReading(raw, `generated mail ${i}:\n${raw.toString('latin1').slice(0, 3000)}`);
    }
    assert.ok(direct >= count / 3, `only ${direct} of ${count} read directly`);
    // Each charset the direct reading takes is compared, not only the UTF-8 ones.
    for (const charset of ['none', 'utf-8', 'us-ascii', 'windows-1254', 'iso-8859-9', 'iso-8859-1']) assert.ok(directCharsets.has(charset), `no ${charset} mail read directly`);
  });

  it('leaves to mailparser what it does not read the same way', () => {
    const cases = [
      mail(['Content-Type: text/plain; format=flowed'], 'a \r\nb'),
      mail(['Content-Type: text/plain; charset=shift_jis'], 'x'),
      mail(['Content-Transfer-Encoding: base64'], 'YQ==YQ=='),
      mail(['Content-Type: multipart/mixed; boundary=b'], '--b\r\n\r\nx\r\n--b--'),
      mail(['Content-Type: text/plain; name="=?utf-8?B?YQ==?="'], 'x'),
      Buffer.from('Subject: no body and no blank line\r\n'),
    ];
    for (const raw of cases) assert.equal(readPlainLevel(raw, defaultMailLimits.maxHeaderBytes), null, raw.toString('latin1'));
  });
});
