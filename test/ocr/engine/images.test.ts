/** Image pages are planned from headers: counts, sizes and fax resolution, before decoding. */
import assert from 'node:assert/strict';
import { DEFAULT_OCR_SETTINGS } from '../../../ocr/engine/index.js';
import { decodeImagePage, planImagePages } from '../../../ocr/engine/images.js';
import { Unreadable } from '../../../ocr/engine/unreadable.js';
import { faxTiff, handMadeTiff, pngBomb, textPng } from './make-documents.js';

const limits = { ...DEFAULT_OCR_SETTINGS.limits, maxPages: 3 };

async function reasonOf(work: Promise<unknown>): Promise<string> {
  const error = await work.then(() => undefined, (e: unknown) => e);
  assert.ok(error instanceof Unreadable, String(error));
  return `${error.reason}/${error.pages}`;
}

describe('ocr/engine/images', () => {
  context('when a fax has normal resolution (204 × 98 dpi)', () => {
    it('plans to double its height so that its pixels are square, and decodes it as it is', async () => {
      const tiff = await faxTiff([textPng(['Normal çözünürlük'])], { yDpi: 98 });
      const [plan] = await planImagePages(tiff, limits, true);
      assert.ok(plan?.squareHeight, JSON.stringify(plan));
      assert.ok(Math.abs(plan.squareHeight / plan.height - 204 / 98) < 0.02);
      const page = await decodeImagePage(tiff, plan, limits, 10);
      assert.deepEqual({ width: page.width, height: page.height }, { width: plan.width, height: plan.height });
      assert.equal(page.pixels.length, page.width * page.height);
    });

    it('leaves it as it is with clean-up off', async () => {
      const tiff = await faxTiff([textPng(['Normal çözünürlük'])], { yDpi: 98 });
      const [plan] = await planImagePages(tiff, limits, false);
      assert.equal(plan?.squareHeight, undefined);
    });
  });

  it('does not stretch a fine fax (204 × 196 dpi, within 5% of square)', async () => {
    const [plan] = await planImagePages(await faxTiff([textPng(['İnce'])], { yDpi: 196 }), limits, true);
    assert.equal(plan?.squareHeight, undefined);
  });

  it('plans every page of a multi-page TIFF', async () => {
    const plans = await planImagePages(await faxTiff([textPng(['bir']), textPng(['iki']), textPng(['üç'])]), limits, true);
    assert.deepEqual(plans.map((plan) => plan.index), [0, 1, 2]);
  });

  context('when the headers are hostile', () => {
    it('stops a PNG claiming 100000 × 100000 pixels', async () => {
      assert.equal(await reasonOf(planImagePages(pngBomb(), limits, true)), 'too-many-pixels/1');
    });

    it('finds a huge page hidden behind a small first page', async () => {
      const tiff = handMadeTiff([{ width: 1728, height: 2200 }, { width: 1728, height: 2200 }, { width: 60_000, height: 60_000 }]);
      assert.equal(await reasonOf(planImagePages(tiff, limits, true)), 'too-many-pixels/3');
    });

    it('stops a 98 dpi page that is within the limit only until squared', async () => {
      const tiff = handMadeTiff([{ width: 6000, height: 4000, xDpi: 204, yDpi: 98 }]);
      assert.equal(await reasonOf(planImagePages(tiff, { ...limits, maxPixelsPerPage: 30_000_000 }, true)), 'too-many-pixels/1');
    });

    it('counts pages from the header and stops over the limit', async () => {
      const tiff = handMadeTiff(Array.from({ length: 4 }, () => ({ width: 100, height: 100 })));
      assert.equal(await reasonOf(planImagePages(tiff, limits, true)), 'too-many-pages/4');
    });

    it('takes a TIFF whose IFD chain loops back for its distinct pages (libtiff stops at the loop)', async () => {
      const tiff = handMadeTiff([{ width: 100, height: 100 }, { width: 100, height: 100 }], { loop: true });
      assert.equal((await planImagePages(tiff, limits, true)).length, 2);
    });

    it('calls random bytes behind a PNG signature corrupt', async () => {
      const bytes = Buffer.concat([Buffer.from([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a]), Buffer.alloc(200, 7)]);
      assert.equal(await reasonOf(planImagePages(bytes, limits, true)), 'corrupt/0');
    });
  });
});
