/**
 * TIFF, PNG and JPEG pages: planned from headers, then decoded one at a time with sharp.
 * tesseract.js reads only the first page of a multi-page TIFF, so every page is split out here.
 */
import sharp, { type Metadata, type Sharp, type SharpOptions } from 'sharp';
import type { GreyPage } from './grey-page.js';
import { checkPageCount, checkPixels } from './limits.js';
import type { OcrLimits } from './settings.js';
import { tiffResolutions } from './tiff-resolution.js';
import { Unreadable } from './unreadable.js';

export interface ImagePagePlan {
  /** 0-based page of the file. */
  index: number;
  width: number;
  height: number;
  /** Set when the pixels are not square (a fax): the height that makes them square. */
  squareHeight?: number;
}

/** A resolution ratio this close to 1 is rounding in the header, not a fax. */
const SQUARE_TOLERANCE = 0.05;

/** Options for every sharp call on input: the pixel limit is enforced by libvips too. */
function inputOptions(limits: OcrLimits, page: number): SharpOptions {
  return {
    page,
    limitInputPixels: limits.maxPixelsPerPage,
    // Fax lines with a bad code are common; a warning must not discard the page, an error does.
    failOn: 'error',
  };
}

async function headerOf(bytes: Buffer, page: number, pages: number): Promise<Metadata> {
  try {
    // No pixel limit here: this reads the header only, and the limit is ours to apply with a reason.
    return await sharp(bytes, { page, limitInputPixels: false }).metadata();
  } catch (error) {
    throw new Unreadable('corrupt', pages, { cause: error });
  }
}

/**
 * Reads the page count and every page's size from the headers and checks them against the limits.
 * @throws Unreadable corrupt, too-many-pages, too-many-pixels
 */
export async function planImagePages(bytes: Buffer, limits: OcrLimits, squarePixels: boolean): Promise<ImagePagePlan[]> {
  const first = await headerOf(bytes, 0, 0);
  const pages = first.pages ?? 1;
  checkPageCount(pages, limits);
  const resolutions = first.format === 'tiff' ? tiffResolutions(bytes, pages) : [];
  const plans: ImagePagePlan[] = [];
  for (let index = 0; index < pages; index++) {
    // Pages of a TIFF may differ in size: a bomb can hide on the last one.
    const header = index === 0 ? first : await headerOf(bytes, index, pages);
    checkPixels(header.width, header.height, pages, limits);
    const plan: ImagePagePlan = { index, width: header.width, height: header.height };
    const resolution = resolutions[index];
    // Orientations 5-8 swap the axes on decoding; a fax never has them, and squaring would then stretch the wrong way.
    const axesKept = (header.orientation ?? 1) <= 4;
    if (squarePixels && axesKept && resolution && Math.abs(resolution.x / resolution.y - 1) > SQUARE_TOLERANCE) {
      plan.squareHeight = Math.max(1, Math.round(header.height * resolution.x / resolution.y));
      checkPixels(plan.width, plan.squareHeight, pages, limits);
    }
    plans.push(plan);
  }
  return plans;
}

/**
 * Decodes one planned page to grey, at its own resolution (squaring is clean-up's business).
 * @throws sharp's error for undecodable pixel data (the caller decides what it means)
 */
export async function decodeImagePage(bytes: Buffer, plan: ImagePagePlan, limits: OcrLimits, timeoutSeconds: number): Promise<GreyPage> {
  return toGrey(sharp(bytes, { ...inputOptions(limits, plan.index), autoOrient: true }), timeoutSeconds);
}

async function toGrey(image: Sharp, timeoutSeconds: number): Promise<GreyPage> {
  const { data, info } = await image
    .timeout({ seconds: timeoutSeconds })
    // A transparent PNG would otherwise turn black under greyscale.
    .flatten({ background: '#ffffff' })
    .toColourspace('b-w')
    .raw()
    .toBuffer({ resolveWithObject: true });
  return { pixels: data, width: info.width, height: info.height };
}

/**
 * Decodes a rendered page (PNG from pdf.js) to grey.
 * @throws sharp's error for undecodable data
 */
export async function decodeRendered(png: Uint8Array, limits: OcrLimits, timeoutSeconds: number): Promise<GreyPage> {
  return toGrey(sharp(png, inputOptions(limits, 0)), timeoutSeconds);
}
