/**
 * Turns a grey page into what tesseract reads, cleaning it only where that measurably helped.
 * Measured by test/ocr/engine/measure-cleanup.ts (tur+eng, best_int): twelve fax pages of Turkish
 * text (DejaVu Serif 10 pt and Sans 8 pt; 204 × 196 and 204 × 98 dpi; no, 0.3% and 1% line
 * noise), skewed 2°, thresholded to 1 bit, G4 TIFF. Mean character accuracy:
 *   nothing done 0.886 · squaring alone 0.776 · deskew alone 0.886 · median on every page 0.938 ·
 *   squaring + median where measured noisy 0.942 · the same + deskew 0.956 (what the engine does).
 * - despeckle (3×3 median): noisy faxes 0.74-0.93 → 0.80-0.99; it costs 1-2 points on clean
 *   pages, so it runs only when `speckleRatio`, measured before any resampling (squaring smears a
 *   dot into a pair the measure no longer counts), says the page is noisy;
 * - square fax pixels (`squareHeight`, 98 dpi faxes): +1 to +3 points on clean pages; alone on a
 *   noisy page it is harmful (0.92 → 0.64), with the median after it, helpful;
 * - deskew (tesseract's own angle estimate, `rotateAuto`): +1.4 points on average after the
 *   above, +3 to +7 on noisy 98 dpi faxes, -2 on one very noisy fine fax; ~50 ms a page;
 * - contrast normalisation: no effect (tesseract's Otsu threshold is contrast-blind), not done;
 * - upscaling fax pages to 300 dpi: worse (0.92 against 0.97 on noisy fine faxes), not done.
 */
import sharp from 'sharp';
import type { GreyPage } from './grey-page.js';
import { speckleRatio } from './speckle.js';

/** Clean pages measure under 0.001 and noisy faxes from 0.1; halfway on a log scale, with margin. */
const SPECKLED = 0.02;

export interface CleanupSteps {
  squarePixels: boolean;
  despeckle: 'measured' | 'always' | 'never';
  deskew: boolean;
}

/** What `cleanup: true` does. */
export const ENGINE_CLEANUP: Readonly<CleanupSteps> = Object.freeze({ squarePixels: true, despeckle: 'measured', deskew: true });
/** What `cleanup: false` does: the page as it came, in grey. */
export const NO_CLEANUP: Readonly<CleanupSteps> = Object.freeze({ squarePixels: false, despeckle: 'never', deskew: false });

export interface OcrImage {
  png: Buffer;
  /** Ask tesseract to measure the skew and straighten the page. */
  deskew: boolean;
  despeckled: boolean;
  squared: boolean;
}

/**
 * @param squareHeight the height that makes a fax page's pixels square (images.ts plans it)
 */
export async function toOcrImage(page: GreyPage, steps: Readonly<CleanupSteps>, squareHeight?: number): Promise<OcrImage> {
  const despeckle = steps.despeckle === 'always'
    || (steps.despeckle === 'measured' && speckleRatio(page.pixels, page.width, page.height) > SPECKLED);
  const square = steps.squarePixels && squareHeight !== undefined && squareHeight !== page.height;
  let image = sharp(page.pixels, { raw: { width: page.width, height: page.height, channels: 1 }, limitInputPixels: false });
  // One pipeline: sharp resizes before it takes the median, the order that keeps thin strokes.
  // Linear interpolation: nearest-neighbour row doubling breaks strokes of a 98 dpi fax up.
  if (square) image = image.resize(page.width, squareHeight, { fit: 'fill', kernel: 'linear' });
  if (despeckle) image = image.median(3);
  // Level 1: the PNG only crosses to the worker thread; speed matters, size hardly.
  const png = await image.toColourspace('b-w').png({ compressionLevel: 1 }).toBuffer();
  return { png, deskew: steps.deskew, despeckled: despeckle, squared: square };
}
