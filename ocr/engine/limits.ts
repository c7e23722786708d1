/**
 * The checks that stop decompression and pixel bombs: each runs on numbers read from headers
 * (sharp metadata, pdf.js page boxes) before a single pixel is decoded or rendered.
 */
import type { OcrLimits } from './settings.js';
import { Unreadable } from './unreadable.js';

/** Tesseract is trained on ~300 dpi text; PDF user space is 72 units per inch. */
const PDF_TARGET_DPI = 300;
/** Below this a 9 pt line is under 20 px high and tesseract's accuracy falls away. */
const PDF_MIN_DPI = 150;
const PDF_UNITS_PER_INCH = 72;

/** @throws Unreadable too-large */
export function checkBytes(length: number, limits: OcrLimits): void {
  if (length > limits.maxBytes) throw new Unreadable('too-large');
}

/** @throws Unreadable too-many-pages */
export function checkPageCount(pages: number, limits: OcrLimits): void {
  if (pages > limits.maxPages) throw new Unreadable('too-many-pages', pages);
}

/** @throws Unreadable too-many-pixels, or corrupt for a size no decoder would produce */
export function checkPixels(width: number, height: number, pages: number, limits: OcrLimits): void {
  if (!(width >= 1 && height >= 1)) throw new Unreadable('corrupt', pages);
  if (width * height > limits.maxPixelsPerPage) throw new Unreadable('too-many-pixels', pages);
}

/**
 * The scale to render a PDF page at: 300 dpi, or less for a big page so that it fits the pixel
 * limit, but never under 150 dpi.
 * @param width, height the page box in PDF units (1/72 inch), rotation applied
 * @throws Unreadable too-many-pixels when even 150 dpi would exceed the limit
 */
export function pdfRenderScale(width: number, height: number, pages: number, limits: OcrLimits): number {
  if (!(width > 0 && height > 0)) throw new Unreadable('corrupt', pages);
  const fitting = Math.sqrt(limits.maxPixelsPerPage / (width * height));
  const scale = Math.min(PDF_TARGET_DPI / PDF_UNITS_PER_INCH, fitting);
  if (scale < PDF_MIN_DPI / PDF_UNITS_PER_INCH) throw new Unreadable('too-many-pixels', pages);
  return scale;
}
