/** sharp reports only a TIFF's horizontal density; fax pages need the vertical one too. */
import assert from 'node:assert/strict';
import { tiffResolutions } from '../../../ocr/engine/tiff-resolution.js';
import { faxTiff, handMadeTiff, textPng } from './make-documents.js';

describe('ocr/engine/tiffResolutions', () => {
  it('reads 204 × 98 dpi from every page of a normal-resolution fax written by libtiff', async () => {
    const tiff = await faxTiff([textPng(['bir']), textPng(['iki'])], { yDpi: 98 });
    const pages = tiffResolutions(tiff, 10);
    assert.equal(pages.length, 2);
    for (const page of pages) {
      assert.ok(page);
      assert.ok(Math.abs(page.x - 204) < 0.5 && Math.abs(page.y - 98) < 0.5, JSON.stringify(page));
    }
  });

  it('gives undefined for a page without resolution tags', () => {
    assert.deepEqual(tiffResolutions(handMadeTiff([{ width: 8, height: 8 }, { width: 8, height: 8, xDpi: 204, yDpi: 196 }]), 10), [undefined, { x: 204, y: 196 }]);
  });

  it('stops at an IFD chain that loops back', () => {
    const pages = tiffResolutions(handMadeTiff([{ width: 8, height: 8 }, { width: 8, height: 8 }], { loop: true }), 1000);
    assert.equal(pages.length, 2);
  });

  it('stops at maxPages', () => {
    assert.equal(tiffResolutions(handMadeTiff(Array.from({ length: 5 }, () => ({ width: 8, height: 8 }))), 3).length, 3);
  });

  it('answers nothing for bytes that are not TIFF or are cut short', () => {
    assert.deepEqual(tiffResolutions(Buffer.from('II'), 10), []);
    assert.deepEqual(tiffResolutions(Buffer.from('%PDF-1.4'), 10), []);
    const cut = handMadeTiff([{ width: 8, height: 8, xDpi: 204, yDpi: 98 }]).subarray(0, 40);
    assert.ok(tiffResolutions(cut, 10).length <= 1);
  });
});
