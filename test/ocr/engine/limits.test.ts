/** The limits are checked on header numbers, before any pixel exists. */
import assert from 'node:assert/strict';
import { DEFAULT_OCR_SETTINGS } from '../../../ocr/engine/index.js';
import { checkBytes, checkPageCount, checkPixels, pdfRenderScale } from '../../../ocr/engine/limits.js';
import { Unreadable } from '../../../ocr/engine/unreadable.js';

const limits = { ...DEFAULT_OCR_SETTINGS.limits, maxBytes: 1000, maxPages: 3, maxPixelsPerPage: 40_000_000 };

function reasonOf(check: () => unknown): string | undefined {
  try {
    check();
    return undefined;
  } catch (error) {
    assert.ok(error instanceof Unreadable, String(error));
    return error.reason;
  }
}

describe('ocr/engine/limits', () => {
  it('lets the limits themselves through and stops one over', () => {
    assert.equal(reasonOf(() => checkBytes(1000, limits)), undefined);
    assert.equal(reasonOf(() => checkBytes(1001, limits)), 'too-large');
    assert.equal(reasonOf(() => checkPageCount(3, limits)), undefined);
    assert.equal(reasonOf(() => checkPageCount(4, limits)), 'too-many-pages');
    assert.equal(reasonOf(() => checkPixels(8000, 5000, 1, limits)), undefined);
    assert.equal(reasonOf(() => checkPixels(8000, 5001, 1, limits)), 'too-many-pixels');
  });

  it('takes a zero or NaN size for damage, not for a small page', () => {
    assert.equal(reasonOf(() => checkPixels(0, 100, 1, limits)), 'corrupt');
    assert.equal(reasonOf(() => checkPixels(Number.NaN, 100, 1, limits)), 'corrupt');
  });

  context('when a PDF page is rendered for OCR', () => {
    it('renders A4 at 300 dpi', () => {
      assert.equal(pdfRenderScale(595, 842, 1, limits), 300 / 72);
    });

    it('lowers the resolution of a big page to fit the pixel limit', () => {
      const scale = pdfRenderScale(1684, 2384, 1, limits); // A1
      assert.ok(scale < 300 / 72 && scale >= 150 / 72, String(scale));
      assert.ok(1684 * 2384 * scale * scale <= limits.maxPixelsPerPage + 1);
    });

    it('refuses a page that would need under 150 dpi to fit', () => {
      assert.equal(reasonOf(() => pdfRenderScale(14400, 14400, 1, limits)), 'too-many-pixels');
    });
  });
});
