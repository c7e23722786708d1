/**
 * PDFs through pdf-parse 2 (pdf.js 5 underneath, run in this thread: Node has no web worker, so
 * pdf.js uses its "fake worker"). pdf-parse hands its constructor options unchanged to
 * `pdfjs.getDocument` (PDFParse.load), which is where `pdfLoadParameters` goes.
 */
import { createRequire } from 'node:module';
import { dirname, join } from 'node:path';
import type { LoadParameters } from 'pdf-parse';
import type { Deadline } from './deadline.js';
import { pdfParse } from './pdf-library.js';
import type { OcrLimits } from './settings.js';
import { Unreadable } from './unreadable.js';

export interface PageSize { width: number; height: number }

export interface PdfDocument {
  readonly pages: number;
  /** The text layer of every page, in page order. */
  texts(): Promise<string[]>;
  /** Page boxes in PDF units (1/72 inch), rotation applied; 1-based page numbers. */
  sizes(pages: number[]): Promise<Map<number, PageSize>>;
  /** Renders one page (1-based) to PNG. */
  render(page: number, scale: number): Promise<Uint8Array>;
  close(): Promise<void>;
}

/** pdf.js's own data files, from the copy pdf-parse depends on; read from disk, never fetched. */
function pdfjsDataDir(): string {
  const fromPdfParse = createRequire(createRequire(import.meta.url).resolve('pdf-parse'));
  return dirname(fromPdfParse.resolve('pdfjs-dist/package.json'));
}
const PDFJS_DIR = pdfjsDataDir();
const folder = (name: string): string => `${join(PDFJS_DIR, name)}/`;

/** Everything pdf.js is told when it opens untrusted bytes. */
export function pdfLoadParameters(bytes: Uint8Array, limits: OcrLimits): LoadParameters {
  return {
    // A copy: pdf.js may take ownership of (detach) the array it is given.
    data: new Uint8Array(bytes),
    // CVE-2024-4367 (arbitrary JavaScript through a crafted font) and every other path that
    // compiles PDF content into `new Function` (PostScript calculator functions) stay shut.
    isEvalSupported: false,
    // Embedded images over the page limit are not decoded at all (pdf.js skips them).
    maxImageSize: limits.maxPixelsPerPage,
    enableXfa: false,
    useSystemFonts: false,
    disableFontFace: true,
    standardFontDataUrl: folder('standard_fonts'),
    cMapUrl: folder('cmaps'),
    cMapPacked: true,
    wasmUrl: folder('wasm'),
    iccUrl: folder('iccs'),
    // pdf.js prints warnings with console.log; this library prints nothing.
    verbosity: 0,
  };
}

function unreadable(error: unknown, pages: number, passwordError: new (...args: never[]) => Error): Unreadable {
  if (error instanceof Unreadable) return error;
  // A password is not damage; it is a PDF this engine may not open.
  return new Unreadable(error instanceof passwordError ? 'unsupported-format' : 'corrupt', pages, { cause: error });
}

/**
 * Opens a PDF and counts its pages.
 * @throws Unreadable corrupt (0 pages too), unsupported-format (a password), timeout
 */
export async function openPdf(bytes: Uint8Array, limits: OcrLimits, deadline: Deadline): Promise<PdfDocument> {
  const { PDFParse, PasswordException } = await pdfParse();
  const parser = new PDFParse(pdfLoadParameters(bytes, limits));
  let pages: number;
  try {
    // The cheapest public call that loads the document: the text of page 1 and the page count.
    pages = (await deadline.race(parser.getText({ partial: [1] }))).total;
  } catch (error) {
    await parser.destroy().catch(() => undefined);
    throw unreadable(error, 0, PasswordException);
  }
  if (pages < 1) {
    await parser.destroy().catch(() => undefined);
    throw new Unreadable('corrupt', 0);
  }
  return {
    pages,
    async texts() {
      try {
        const result = await parser.getText({ lineEnforce: true });
        const byPage = new Map(result.pages.map((page) => [page.num, page.text]));
        return Array.from({ length: pages }, (_, i) => byPage.get(i + 1) ?? '');
      } catch (error) {
        throw unreadable(error, pages, PasswordException);
      }
    },
    async sizes(wanted) {
      try {
        const info = await parser.getInfo({ parsePageInfo: true, partial: wanted });
        return new Map(info.pages.map((page) => [page.pageNumber, { width: page.width, height: page.height }]));
      } catch (error) {
        throw unreadable(error, pages, PasswordException);
      }
    },
    async render(page, scale) {
      try {
        const shot = await parser.getScreenshot({ partial: [page], scale, imageBuffer: true, imageDataUrl: false });
        const data = shot.pages[0]?.data;
        if (!data || data.length === 0) throw new Unreadable('corrupt', pages);
        return data;
      } catch (error) {
        throw unreadable(error, pages, PasswordException);
      }
    },
    // Destroying only frees pdf.js's memory; a failure there changes nothing for the reading.
    close: () => parser.destroy().catch(() => undefined),
  };
}
