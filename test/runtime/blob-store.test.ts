import assert from 'node:assert/strict';
import { createHash } from 'node:crypto';
import { mkdir, mkdtemp, readdir, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { folderBlobStore } from '../../runtime/blob-store.js';
import { IntakeError } from '../../runtime/errors.js';

async function filesUnder(dir: string): Promise<string[]> {
  const entries = await readdir(dir, { recursive: true, withFileTypes: true });
  return entries.filter((e) => e.isFile()).map((e) => e.name);
}

async function assertBlobMissing(promise: Promise<unknown>): Promise<void> {
  await assert.rejects(promise, (error) => {
    assert.ok(error instanceof IntakeError);
    assert.equal(error.code, 'INTAKE_BLOB_MISSING');
    return true;
  });
}

describe('folderBlobStore', () => {
  let dir: string;

  beforeEach(async () => {
    dir = await mkdtemp(join(tmpdir(), 'intake-blobs-test-'));
  });

  afterEach(async () => {
    await rm(dir, { recursive: true, force: true });
  });

  context('when bytes are put', () => {
    it('answers a sha256 reference with content type and size', async () => {
      const bytes = Buffer.from('%PDF-1.7 dilekçe');
      const ref = await folderBlobStore(dir).put(bytes, 'application/pdf');
      assert.deepEqual(ref, { ref: `sha256:${createHash('sha256').update(bytes).digest('hex')}`, contentType: 'application/pdf', size: bytes.length });
      assert.ok(!('name' in ref));
    });

    it('keeps the name when one is given', async () => {
      const ref = await folderBlobStore(dir).put(Buffer.from('x'), 'text/plain', 'not.txt');
      assert.equal(ref.name, 'not.txt');
    });

    it('gives the same bytes back', async () => {
      const store = folderBlobStore(dir);
      const bytes = Buffer.from([0, 1, 2, 255, 254]);
      const { ref } = await store.put(bytes, 'application/octet-stream');
      assert.deepEqual(await store.get(ref), bytes);
    });

    it('stores an empty blob', async () => {
      const store = folderBlobStore(dir);
      const { ref, size } = await store.put(Buffer.alloc(0), 'application/octet-stream');
      assert.equal(size, 0);
      assert.deepEqual(await store.get(ref), Buffer.alloc(0));
    });
  });

  context('when the same bytes are put twice', () => {
    it('answers the same reference and stores them once', async () => {
      const store = folderBlobStore(dir);
      const bytes = Buffer.from('II*\u0000 a TIFF scan');
      const first = await store.put(bytes, 'image/tiff', 'scan-1.tif');
      const second = await store.put(bytes, 'image/tiff', 'scan-2.tif');
      assert.equal(first.ref, second.ref);
      const hex = first.ref.slice('sha256:'.length);
      assert.deepEqual(await filesUnder(dir), [hex]);
    });

    it('stores them once even when both puts run at the same time', async () => {
      const store = folderBlobStore(dir);
      const bytes = Buffer.alloc(256 * 1024, 7);
      const refs = await Promise.all([store.put(bytes, 'image/tiff'), store.put(bytes, 'image/tiff')]);
      assert.equal(refs[0].ref, refs[1].ref);
      assert.equal((await filesUnder(dir)).length, 1);
      assert.deepEqual(await store.get(refs[0].ref), bytes);
    });
  });

  context('when the bytes are in the store already from an earlier process', () => {
    it('answers the same reference and leaves one whole file, no temporary one', async () => {
      const bytes = Buffer.from('Received: from mx\r\n\r\nGaz kokusu var');
      const earlier = await folderBlobStore(dir).put(bytes, 'message/rfc822', 'original.eml');
      const store = folderBlobStore(dir);
      const again = await store.put(bytes, 'message/rfc822', 'original.eml');
      assert.deepEqual(again, earlier);
      assert.deepEqual(await filesUnder(dir), [earlier.ref.slice('sha256:'.length)]);
      assert.deepEqual(await store.get(again.ref), bytes);
    });
  });

  context('when a blob is written', () => {
    it('lies in one level of 256 folders, named by its hash', async () => {
      const { ref } = await folderBlobStore(dir).put(Buffer.from('Subject: x\r\n\r\nGaz kokusu'), 'message/rfc822', 'original.eml');
      const hex = ref.slice('sha256:'.length);
      const entries = await readdir(dir, { recursive: true });
      assert.deepEqual(entries.sort(), [hex.slice(0, 2), join(hex.slice(0, 2), hex)]);
    });

    it('writes a large blob whole, beside small ones', async () => {
      const store = folderBlobStore(dir);
      const large = Buffer.alloc(3 * 1024 * 1024, 0x41);
      const small = Buffer.from('small');
      const refs = await Promise.all([store.put(large, 'application/pdf'), store.put(small, 'text/plain')]);
      assert.deepEqual(await folderBlobStore(dir).get(refs[0].ref), large);
      assert.deepEqual(await folderBlobStore(dir).get(refs[1].ref), small);
      assert.equal((await filesUnder(dir)).length, 2);
    });
  });

  context('when a blob was kept under the earlier layout (two levels of folders)', () => {
    const bytes = Buffer.from('Received: from mx\r\n\r\nSayaç fotoğrafı ekte');
    const hex = createHash('sha256').update(bytes).digest('hex');

    beforeEach(async () => {
      await mkdir(join(dir, hex.slice(0, 2), hex.slice(2, 4)), { recursive: true });
      await writeFile(join(dir, hex.slice(0, 2), hex.slice(2, 4), hex), bytes);
    });

    it('is still read', async () => {
      assert.deepEqual(await folderBlobStore(dir).get(`sha256:${hex}`), bytes);
    });

    it('is read the same once put again under the new layout', async () => {
      const store = folderBlobStore(dir);
      const { ref } = await store.put(bytes, 'message/rfc822');
      assert.equal(ref, `sha256:${hex}`);
      assert.deepEqual(await store.get(ref), bytes);
    });
  });

  context('when different bytes are put', () => {
    it('answers different references', async () => {
      const store = folderBlobStore(dir);
      const a = await store.put(Buffer.from('a'), 'text/plain');
      const b = await store.put(Buffer.from('b'), 'text/plain');
      assert.notEqual(a.ref, b.ref);
      assert.equal((await filesUnder(dir)).length, 2);
    });
  });

  context('when a well-formed reference points at nothing', () => {
    it('throws INTAKE_BLOB_MISSING', async () => {
      await assertBlobMissing(folderBlobStore(dir).get(`sha256:${'ab'.repeat(32)}`));
    });

    it('throws INTAKE_BLOB_MISSING when the store folder does not exist yet', async () => {
      await assertBlobMissing(folderBlobStore(join(dir, 'never-created')).get(`sha256:${'cd'.repeat(32)}`));
    });
  });

  context('when the reference is malformed', () => {
    for (const ref of ['', 'sha256:', 'sha256:xyz', `sha256:${'A'.repeat(64)}`, `sha1:${'a'.repeat(40)}`, `sha256:${'a'.repeat(63)}`, `sha256:${'a'.repeat(64)}/../../etc/passwd`, '../../etc/passwd']) {
      it(`throws INTAKE_BLOB_MISSING for ${JSON.stringify(ref)}`, async () => {
        await assertBlobMissing(folderBlobStore(dir).get(ref));
      });
    }
  });
});
