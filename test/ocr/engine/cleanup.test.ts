/**
 * Clean-up decisions: a page is despeckled only when measured noisy, fax pixels are squared. The
 * accuracy each step buys is measured by measure-cleanup.ts, not here (it takes minutes of OCR).
 */
import assert from 'node:assert/strict';
import sharp from 'sharp';
import { ENGINE_CLEANUP, NO_CLEANUP, toOcrImage } from '../../../ocr/engine/cleanup.js';
import { DEFAULT_OCR_SETTINGS } from '../../../ocr/engine/index.js';
import { decodeImagePage, planImagePages } from '../../../ocr/engine/images.js';
import type { GreyPage } from '../../../ocr/engine/grey-page.js';
import { speckleRatio } from '../../../ocr/engine/speckle.js';
import { faxTiff, PETITION, textPng } from './make-documents.js';

async function grey(image: Buffer): Promise<GreyPage> {
  const { data, info } = await sharp(image).toColourspace('b-w').raw().toBuffer({ resolveWithObject: true });
  return { pixels: data, width: info.width, height: info.height };
}

describe('ocr/engine/cleanup', () => {
  let clean: GreyPage;
  let noisyFax: GreyPage;
  let cleanFax: GreyPage;
  before(async () => {
    clean = await grey(textPng(PETITION));
    cleanFax = await grey(await faxTiff([textPng(PETITION)], { angle: 2 }));
    noisyFax = await grey(await faxTiff([textPng(PETITION)], { angle: 2, noise: 0.003 }));
  });

  describe('speckleRatio', () => {
    it('finds no speckle on rendered text or a clean fax', () => {
      assert.ok(speckleRatio(clean.pixels, clean.width, clean.height) < 0.001);
      assert.ok(speckleRatio(cleanFax.pixels, cleanFax.width, cleanFax.height) < 0.001);
    });

    it('measures line noise of 0.3% at about a tenth of the ink', () => {
      const ratio = speckleRatio(noisyFax.pixels, noisyFax.width, noisyFax.height);
      assert.ok(ratio > 0.05 && ratio < 0.3, String(ratio));
    });

    it('answers 0 for a blank page', () => {
      assert.equal(speckleRatio(new Uint8Array(100 * 100).fill(255), 100, 100), 0);
    });

    it('counts a lone dot, and not a dot with a neighbour', () => {
      const page = new Uint8Array(5 * 5).fill(255);
      page[2 * 5 + 2] = 0;
      assert.equal(speckleRatio(page, 5, 5), 1);
      page[2 * 5 + 3] = 0;
      assert.equal(speckleRatio(page, 5, 5), 0);
    });
  });

  describe('toOcrImage', () => {
    it('despeckles a noisy fax, leaving fewer lone dots', async () => {
      const image = await toOcrImage(noisyFax, ENGINE_CLEANUP);
      assert.equal(image.despeckled, true);
      const after = await grey(image.png);
      assert.ok(speckleRatio(after.pixels, after.width, after.height) < 0.01);
    });

    it('leaves a clean page as it is', async () => {
      const image = await toOcrImage(cleanFax, ENGINE_CLEANUP);
      assert.deepEqual({ despeckled: image.despeckled, squared: image.squared }, { despeckled: false, squared: false });
      const after = await grey(image.png);
      assert.deepEqual(after.pixels, cleanFax.pixels);
    });

    context('when a noisy fax has normal resolution (204 × 98 dpi)', () => {
      it('measures the noise before squaring, which smears each dot into a pair, then squares and despeckles', async () => {
        const fax = await faxTiff([textPng(PETITION)], { yDpi: 98, angle: 2, noise: 0.003 });
        const [plan] = await planImagePages(fax, DEFAULT_OCR_SETTINGS.limits, true);
        const page = await decodeImagePage(fax, plan!, DEFAULT_OCR_SETTINGS.limits, 10);
        const image = await toOcrImage(page, ENGINE_CLEANUP, plan!.squareHeight);
        assert.deepEqual({ despeckled: image.despeckled, squared: image.squared }, { despeckled: true, squared: true });
        const meta = await sharp(image.png).metadata();
        assert.deepEqual([meta.width, meta.height], [page.width, plan!.squareHeight]);
      });
    });

    it('does nothing at all with clean-up off', async () => {
      const image = await toOcrImage(noisyFax, NO_CLEANUP, noisyFax.height * 2);
      assert.deepEqual({ despeckled: image.despeckled, deskew: image.deskew, squared: image.squared }, { despeckled: false, deskew: false, squared: false });
    });
  });
});
