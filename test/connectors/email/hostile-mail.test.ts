/**
 * Mails built to hurt the reader, each read in a fresh process (measure-reading.ts) so that its
 * peak memory is its own. Every one ends in a clear reading within the bounds stated here; what
 * the numbers were on a 2-core machine is noted beside each bound. The memory a reading needs is
 * the attachments it keeps plus at most ~60 MB for html-to-text (maxHtmlChars of HTML): text parts
 * are cut to the kept length and attachment bodies taken out before mailparser reads the mail.
 */
import assert from 'node:assert/strict';
import { execFile } from 'node:child_process';
import { mkdtemp, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { promisify } from 'node:util';
import { hugeHeaderMail, invalidCharsetMail, largeAttachmentMail, longLineMail, manyPartsMail, nestedForwardsMail, truncatedMimeMails } from '../../support/hostile-mail.js';
import type { Measured } from './measure-reading.js';

const MB = 1024 * 1024;
const runner = fileURLToPath(new URL('./measure-reading.js', import.meta.url));

describe('connectors/email reading hostile mails', function () {
  this.timeout(20_000);
  let dir: string;

  before(async () => {
    dir = await mkdtemp(join(tmpdir(), 'hostile-mail-'));
  });
  after(() => rm(dir, { recursive: true, force: true }));

  async function measured(name: string, raw: Buffer): Promise<Measured> {
    const file = join(dir, `${name}.eml`);
    await writeFile(file, raw);
    const { stdout } = await promisify(execFile)(process.execPath, ['--expose-gc', runner, file], { maxBuffer: 16 * MB });
    const result = JSON.parse(stdout) as Measured;
    assert.ok(result.ok && result.valid, `${name}: ${stdout.slice(0, 500)}`);
    return result;
  }

  function within(result: Measured, bounds: { millis: number; megabytes: number }): void {
    assert.ok(result.millis < bounds.millis, `took ${result.millis} ms, over ${bounds.millis}`);
    assert.ok(result.rssGrowthBytes < bounds.megabytes * MB, `grew by ${(result.rssGrowthBytes / MB).toFixed(1)} MB, over ${bounds.megabytes}`);
  }

  context('truncated MIME', () => {
    const mails = truncatedMimeMails();

    it('cut inside an attachment: the text and the attachment as far as it goes (measured 15 ms, 0.1 MB)', async () => {
      const result = await measured('truncated-in-body', mails.inBody);
      assert.equal(result.body, 'Merhaba, sayacım arızalı. Abone numaram 1234567.');
      assert.equal(result.attachments, 2);
      within(result, { millis: 1000, megabytes: 20 });
    });

    it('cut inside a part\'s header: the text before it (measured 9 ms, 0.2 MB)', async () => {
      const result = await measured('truncated-in-part-header', mails.inPartHeader);
      assert.equal(result.body, 'Merhaba, sayacım arızalı. Abone numaram 1234567.');
      within(result, { millis: 1000, megabytes: 20 });
    });

    it('cut inside the message header: an item with the subject and no body (measured 6 ms, 0 MB)', async () => {
      const result = await measured('truncated-in-header', mails.inMessageHeader);
      assert.equal(result.subject, 'Kesik');
      assert.equal(result.body, '');
      within(result, { millis: 1000, megabytes: 20 });
    });
  });

  it('a 30 MB attachment (41 MB of base64): stored, peak growth about twice its size (measured 262 ms, 67 MB)', async () => {
    const result = await measured('large-attachment', largeAttachmentMail(30_000_000));
    assert.equal(result.attachments, 2);
    within(result, { millis: 5000, megabytes: 150 });
  });

  it('5,000 parts: the first 500 read, the original and 98 attachments listed (measured 153 ms, 2.9 MB)', async () => {
    const result = await measured('many-parts', manyPartsMail(5000));
    assert.equal(result.attachments, 99);
    assert.deepEqual(result.notes, { partsCut: true, attachmentsDropped: 401, forwardedUnread: 0, bodyCut: false, headerReduced: false, charsetGuessed: false, mimeUnparsed: false });
    assert.equal(result.body, 'Merhaba, sayacım arızalı. Abone numaram 1234567.');
    within(result, { millis: 3000, megabytes: 40 });
  });

  it('a 2 MB header of stamp fields: reduced to the fields read (measured 73 ms, 1.3 MB)', async () => {
    const result = await measured('huge-header', hugeHeaderMail(2 * MB));
    assert.equal(result.subject, 'Büyük başlık');
    assert.equal(result.body, 'Merhaba, sayacım arızalı. Abone numaram 1234567.');
    within(result, { millis: 1000, megabytes: 20 });
  });

  it('a 2 MB subject: cut (measured 7 ms, 0.1 MB)', async () => {
    const result = await measured('huge-subject', hugeHeaderMail(2 * MB, { oneField: true }));
    assert.match(result.subject ?? '', /^Başvuru Başvuru/);
    assert.ok((result.subject ?? '').length <= 2000);
    within(result, { millis: 1000, megabytes: 20 });
  });

  it('invalid charset names: each part and the subject read as windows-1254 (measured 15 ms, 0.3 MB)', async () => {
    const result = await measured('invalid-charsets', invalidCharsetMail());
    assert.equal(result.subject, 'Başvuru');
    assert.deepEqual(result.body.split('\n'), Array.from({ length: 7 }, () => 'Doğalgaz kaçağı yok; şikâyetim ısınma hakkında.'));
    within(result, { millis: 1000, megabytes: 20 });
  });

  it('a 1 MB single-line plain body: bounded to the schema (measured 16 ms, 6 MB)', async () => {
    const result = await measured('long-line', longLineMail(1_000_000));
    assert.equal(result.body.length, 200_000);
    within(result, { millis: 1000, megabytes: 40 });
  });

  it('a 1 MB single-line HTML body: converted, bounded to the schema (measured 404 ms, 57 MB)', async () => {
    const result = await measured('long-line-html', longLineMail(1_000_000, 'html'));
    assert.equal(result.body.length, 200_000);
    assert.doesNotMatch(result.body, /<b>/);
    within(result, { millis: 4000, megabytes: 150 });
  });

  it('message/rfc822 nested 20 deep: read to depth 5, the rest kept whole (measured 34 ms, 1.3 MB)', async () => {
    const result = await measured('nested-forwards', nestedForwardsMail(20));
    assert.deepEqual(result.body.match(/Seviye \d+/g), ['Seviye 20', 'Seviye 19', 'Seviye 18', 'Seviye 17', 'Seviye 16', 'Seviye 15']);
    assert.equal(result.attachments, 2);
    within(result, { millis: 2000, megabytes: 30 });
  });
});
