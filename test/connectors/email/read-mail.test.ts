import assert from 'node:assert/strict';
import { mkdtemp, readdir, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { MAX_BODY_CHARS } from '../../../connectors/bound-text.js';
import { readMail } from '../../../connectors/email/read-mail.js';
import type { MailReading } from '../../../connectors/email/types.js';
import { folderBlobStore, type BlobStore } from '../../../runtime/blob-store.js';
import { validateRawItem } from '../../../runtime/schemas.js';
import { base64, mail, multipart, ordinaryFields } from './build-mail.js';

const receivedAt = new Date('2026-12-01T07:00:05Z');

describe('connectors/email readMail', () => {
  let dir: string;
  let blobStore: BlobStore;

  beforeEach(async () => {
    dir = await mkdtemp(join(tmpdir(), 'read-mail-'));
    blobStore = folderBlobStore(dir);
  });
  afterEach(() => rm(dir, { recursive: true, force: true }));

  const readValid = async (raw: Buffer): Promise<Extract<MailReading, { ok: true }>> => {
    const reading = await readMail(raw, { receivedAt, blobStore });
    assert.ok(reading.ok, JSON.stringify(reading));
    assert.ok(validateRawItem(reading.item), JSON.stringify(validateRawItem.errors));
    return reading;
  };
  const blobCount = async (): Promise<number> => (await readdir(dir, { recursive: true, withFileTypes: true })).filter((e) => e.isFile()).length;

  const withAttachment = mail([...ordinaryFields(), 'Content-Type: multipart/mixed; boundary=b'], multipart('b', [
    mail(['Content-Type: text/plain; charset=utf-8'], 'Fatura ekte.'),
    mail(['Content-Type: application/pdf; name="fatura.pdf"', 'Content-Disposition: attachment; filename="fatura.pdf"', 'Content-Transfer-Encoding: base64'], base64(Buffer.from('%PDF-1.4 fatura'))),
  ]));

  it('stores the original and the attachments and lists them, the original first', async () => {
    const { item } = await readValid(withAttachment);
    assert.deepEqual(item.attachments.map((a) => [a.contentType, a.name, a.size]), [['message/rfc822', 'original.eml', withAttachment.length], ['application/pdf', 'fatura.pdf', 15]]);
    assert.deepEqual(await blobStore.get(item.attachments[0]?.ref ?? ''), withAttachment);
    assert.equal((await blobStore.get(item.attachments[1]?.ref ?? '')).toString(), '%PDF-1.4 fatura');
  });

  it('makes the same item of the same mail read again, storing nothing new', async () => {
    const first = await readValid(withAttachment);
    const stored = await blobCount();
    const again = await readValid(withAttachment);
    assert.deepEqual(again.item, first.item);
    assert.equal(await blobCount(), stored);
  });

  it('bounds a long text to the schema and keeps the whole as a blob', async () => {
    const body = 'Faturam yüksek geldi. '.repeat(12_000);
    const { item } = await readValid(mail(ordinaryFields({ subject: 'Fatura' }), body));
    assert.equal(item.text?.body.length, MAX_BODY_CHARS);
    assert.equal((await blobStore.get(item.text?.fullText?.ref ?? '')).toString('utf8'), `Fatura\n\n${body.trimEnd()}`);
  });

  it('keeps a mail with 150 attachments within the schema: the original and the first 98', async () => {
    const raw = mail([...ordinaryFields(), 'Content-Type: multipart/mixed; boundary=b'], multipart('b', [mail([], 'ekler'), ...Array.from({ length: 150 }, (_, i) => mail([`Content-Type: image/jpeg; name="foto${i}.jpg"`], `jpeg ${i}`))]));
    const reading = await readValid(raw);
    assert.equal(reading.item.attachments.length, 99);
    assert.equal(reading.notes.attachmentsDropped, 52);
  });

  it('keeps odd attachment types and names within the blob-ref schema', async () => {
    const raw = mail([...ordinaryFields(), 'Content-Type: multipart/mixed; boundary=b'], multipart('b', [
      mail([`Content-Type: ${'x'.repeat(300)}/y`, `Content-Disposition: attachment; filename="${'ş'.repeat(400)}.pdf"`], 'a'),
      mail(['Content-Type: application/octet-stream', 'Content-Disposition: attachment; filename="a\u0001b.bin"'], 'b'),
    ]));
    const { item } = await readValid(raw);
    assert.equal(item.attachments[1]?.contentType, 'application/octet-stream');
    assert.equal(item.attachments[1]?.name?.length, 255);
    assert.equal(item.attachments[2]?.name, 'ab.bin');
  });

  it('marks an auto-reply and keeps it valid', async () => {
    const reading = await readValid(mail([...ordinaryFields(), 'Auto-Submitted: auto-replied'], 'Ofis dışındayım.'));
    assert.equal(reading.ignoredBecause, 'auto-reply');
    assert.equal(reading.item.text?.autoSubmitted, true);
  });

  it('hands a refusal back and stores nothing', async () => {
    const reading = await readMail(Buffer.from([0, 1, 2]), { receivedAt, blobStore });
    assert.equal(reading.ok ? null : reading.code, 'INTAKE_INPUT_UNREADABLE');
    assert.equal(await blobCount(), 0);
  });
});
