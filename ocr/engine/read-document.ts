/**
 * Reads one document: tells its format, checks the limits from headers, takes a PDF's text layer
 * where it has enough text, and sends every other page through clean-up and the tesseract pool.
 * Bad input ends in an `ok: false` reading; only an abort or an engine fault throws.
 */
import { assembleReading, inkCharacters } from './assemble.js';
import { ENGINE_CLEANUP, NO_CLEANUP, toOcrImage, type OcrImage } from './cleanup.js';
import { startDeadline, type Deadline } from './deadline.js';
import { detectFormat } from './detect-format.js';
import type { GreyPage } from './grey-page.js';
import { decodeImagePage, decodeRendered, planImagePages } from './images.js';
import { checkBytes, checkPageCount, pdfRenderScale } from './limits.js';
import { mapPages } from './map-pages.js';
import { openPdf } from './pdf.js';
import type { OcrEngineSettings } from './settings.js';
import type { TesseractPool } from './tesseract-pool.js';
import type { DocumentReading, PageText } from './types.js';
import { Unreadable } from './unreadable.js';

export interface ReadContext {
  pool: TesseractPool;
  settings: Readonly<OcrEngineSettings>;
  signal?: AbortSignal;
}

/** sharp counts its timeout in whole seconds; our race against the deadline is the precise one. */
const sharpSeconds = (deadline: Deadline): number => Math.max(1, Math.ceil(deadline.remainingMs() / 1000));

/** A decoder's failure on input we checked is damage, unless the page had run out of time. */
async function decoded(work: Promise<GreyPage>, deadline: Deadline, pages: number): Promise<GreyPage> {
  try {
    return await deadline.race(work);
  } catch (error) {
    if (error instanceof Unreadable) throw error;
    throw new Unreadable(deadline.expired ? 'timeout' : 'corrupt', pages, { cause: error });
  }
}

async function recognise(image: OcrImage, page: number, pages: number, context: ReadContext, signal: AbortSignal): Promise<PageText> {
  const { pageTimeoutMs } = context.settings.limits;
  const recognition = await context.pool.recognize(image.png, { deskew: image.deskew, timeoutMs: pageTimeoutMs, signal });
  if (!recognition.ok) throw new Unreadable('timeout', pages);
  return { page, text: recognition.text.trim(), confidence: Math.min(1, Math.max(0, recognition.confidence)), source: 'ocr' };
}

/** Both steps of a page, its preparation and its recognition, get `pageTimeoutMs` each. */
async function readImages(bytes: Buffer, context: ReadContext): Promise<PageText[]> {
  const { limits, cleanup, workers } = context.settings;
  const plans = await planImagePages(bytes, limits, cleanup);
  return mapPages(plans.length, workers + 1, context.signal, async (index, signal) => {
    const plan = plans[index]!;
    const deadline = startDeadline(limits.pageTimeoutMs, plans.length);
    const grey = await decoded(decodeImagePage(bytes, plan, limits, sharpSeconds(deadline)), deadline, plans.length);
    const image = await deadline.race(toOcrImage(grey, cleanup ? ENGINE_CLEANUP : NO_CLEANUP, plan.squareHeight));
    return recognise(image, index + 1, plans.length, context, signal);
  });
}

async function readPdf(bytes: Buffer, context: ReadContext): Promise<PageText[]> {
  const { limits, cleanup, workers, textLayerMinChars } = context.settings;
  const doc = await openPdf(bytes, limits, startDeadline(limits.pageTimeoutMs, 0));
  try {
    const { pages } = doc;
    checkPageCount(pages, limits);
    const whole = startDeadline(limits.pageTimeoutMs * pages, pages);
    const texts = await whole.race(doc.texts());
    const result: PageText[] = texts.map((text, i) => ({ page: i + 1, text: text.trim(), confidence: 1, source: 'text-layer' }));
    const toOcr = result.filter((page) => inkCharacters(page.text) < textLayerMinChars).map((page) => page.page);
    if (toOcr.length === 0) return result;
    const sizes = await whole.race(doc.sizes(toOcr));
    // Every page is checked before any is rendered.
    const scales = toOcr.map((page) => {
      const size = sizes.get(page);
      if (!size) throw new Unreadable('corrupt', pages);
      return pdfRenderScale(size.width, size.height, pages, limits);
    });
    const read = await mapPages(toOcr.length, workers + 1, context.signal, async (index, signal) => {
      const page = toOcr[index]!;
      const deadline = startDeadline(limits.pageTimeoutMs, pages);
      const png = await deadline.race(doc.render(page, scales[index]!));
      const grey = await decoded(decodeRendered(png, limits, sharpSeconds(deadline)), deadline, pages);
      const image = await deadline.race(toOcrImage(grey, cleanup ? ENGINE_CLEANUP : NO_CLEANUP));
      return recognise(image, page, pages, context, signal);
    });
    for (const page of read) result[page.page - 1] = page;
    return result;
  } finally {
    await doc.close();
  }
}

export async function readDocument(bytes: Buffer, context: ReadContext): Promise<DocumentReading> {
  context.signal?.throwIfAborted();
  const format = detectFormat(bytes);
  try {
    checkBytes(bytes.length, context.settings.limits);
    if (format === 'unknown') throw new Unreadable('unsupported-format');
    const pages = format === 'pdf' ? await readPdf(bytes, context) : await readImages(bytes, context);
    return assembleReading(format, pages);
  } catch (error) {
    // An abort wins over whatever the aborted work failed with.
    context.signal?.throwIfAborted();
    if (error instanceof Unreadable) return { ok: false, format, pages: error.pages, reason: error.reason };
    throw error;
  }
}
