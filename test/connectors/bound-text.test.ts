import assert from 'node:assert/strict';
import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { boundText, cutText, MAX_BODY_CHARS } from '../../connectors/bound-text.js';
import { folderBlobStore, type BlobStore } from '../../runtime/blob-store.js';
import { validateRawItem } from '../../runtime/schemas.js';
import { rawItem } from '../normalizer/raw-item-fixture.js';

describe('connectors boundText', () => {
  let dir: string;
  let blobs: BlobStore;

  before(async () => {
    dir = await mkdtemp(join(tmpdir(), 'bound-text-'));
    blobs = folderBlobStore(dir);
  });
  after(() => rm(dir, { recursive: true, force: true }));

  context('when an e-mail body is longer than the raw-item schema allows', () => {
    it('cuts it to the bound and keeps the whole text in the blob store', async () => {
      const body = 'Faturam yüksek geldi. '.repeat(12_000);
      const item = rawItem('email', { text: { subject: 'Fatura', body, sender: 'a@example.com' } });
      const bounded = await boundText(item, blobs);
      assert.equal(bounded.text?.body.length, MAX_BODY_CHARS);
      assert.ok(validateRawItem(bounded), JSON.stringify(validateRawItem.errors));
      const ref = bounded.text?.fullText?.ref ?? '';
      assert.equal((await blobs.get(ref)).toString('utf8'), `Fatura\n\n${body}`);
    });
  });

  context('when the text is within the bound', () => {
    it('leaves the item as it is', async () => {
      const item = rawItem('email', { text: { body: 'Sayacım arızalı.' } });
      assert.equal(await boundText(item, blobs), item);
    });
  });

  it('never cuts a surrogate pair in half', () => {
    assert.equal(cutText('ab🔥', 3), 'ab');
    assert.equal(cutText('ab🔥', 4), 'ab🔥');
  });
});
