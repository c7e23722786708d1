/**
 * The pages of the OCR bench (bench/ocr-throughput.ts): the image fixtures of fixtures/scans (PNG,
 * JPEG, TIFF including the two-page fax; not the PDFs, the corrupt file or the pixel bomb), and
 * each page prepared exactly as the engine prepares it, so that the native CLI reads the same
 * pixels tesseract.js reads.
 *
 * The engine has no public hook for its prepared pages, so this replays its steps with its own
 * modules, read-only: `planImagePages` and `decodeImagePage` (ocr/engine/images.ts), then
 * `toOcrImage` with the engine's clean-up (ocr/engine/cleanup.ts: fax pixels squared, median where
 * measured noisy). The last step happens inside tesseract.js: `rotateAuto` measures the skew with
 * a layout pass and, from 0.005 rad, recognises the page rotated. The native CLI cannot do that,
 * so a tesseract.js worker started as the engine starts its own hands back the rotated grey page it
 * would recognise (`imageGrey`, no recognition), and that is what the CLI gets.
 */
import { readFileSync, readdirSync } from 'node:fs';
import { writeFile } from 'node:fs/promises';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { CONNECTOR } from '../connectors/documents/capture.js';
import { documentContentType, documentJob } from '../connectors/documents/document-job.js';
import { ENGINE_CLEANUP, toOcrImage } from '../ocr/engine/cleanup.js';
import { decodeImagePage, planImagePages } from '../ocr/engine/images.js';
import { detectFormat, type DocumentFormat, type OcrLimits } from '../ocr/engine/index.js';
import { prepareLanguageData } from '../ocr/engine/language-data.js';
import { spawnTesseractWorker } from '../ocr/engine/tesseract-worker.js';
import { keepNothingBlobStore } from '../runtime/blob-store.js';
import type { OcrJob } from '../schemas/types.generated.js';
import { typedText, type Truth } from './ocr-accuracy.js';

export const scansDir = fileURLToPath(new URL('../../fixtures/scans/', import.meta.url));

/** tesseract.js rotates a page only from this angle (its worker-script's threshold). */
const ROTATE_FROM_RADIANS = 0.005;

export interface ScanDocument {
  name: string;
  file: string;
  bytes: Buffer;
  format: DocumentFormat;
  job: OcrJob;
  truth: Truth;
  /** The typed text of the `.txt` source, markup removed; null when there is none. */
  typed: string | null;
}

export interface PreparedPage {
  document: string;
  /** 1-based. */
  page: number;
  width: number;
  height: number;
  squared: boolean;
  despeckled: boolean;
  /** The PNG the engine hands its tesseract.js worker. */
  enginePng: string;
  /** What tesseract.js recognises after its deskew: the PNG above, or its rotated grey page. */
  nativePng: string;
  /** The skew tesseract.js measured (radians; 0 under 0.005, where it does not rotate). */
  rotateRadians: number;
  /** Decode and clean-up, in this thread and libvips's pool (the first, cold round). */
  prepareMs: number;
}

interface Expected { file: string; channel: 'fax' | 'letter'; registryNumber?: string; truth: Truth & { expectedKind: string } }

/** The image fixtures that have a reading to compare with, in name order. */
export async function loadScanDocuments(): Promise<ScanDocument[]> {
  const documents: ScanDocument[] = [];
  for (const entry of readdirSync(scansDir).filter((f) => f.endsWith('.expected.json')).sort()) {
    const expected = JSON.parse(readFileSync(join(scansDir, entry), 'utf8')) as Expected;
    if (expected.truth.expectedKind === 'unreadable') continue;
    const bytes = readFileSync(join(scansDir, expected.file));
    const format = detectFormat(bytes);
    if (format !== 'png' && format !== 'jpeg' && format !== 'tiff') continue;
    const name = entry.slice(0, -'.expected.json'.length);
    const job = await documentJob(bytes, {
      channel: expected.channel, connector: CONNECTOR, receivedAt: new Date('2026-12-01T09:00:00Z'), contentType: documentContentType(bytes, undefined),
      ...(expected.registryNumber === undefined ? {} : { registryNumber: expected.registryNumber }),
    }, keepNothingBlobStore());
    let typed: string | null = null;
    try {
      typed = typedText(readFileSync(join(scansDir, `${name}.txt`), 'utf8'));
    } catch {
      typed = null;
    }
    documents.push({ name, file: expected.file, bytes, format, job, truth: expected.truth, typed });
  }
  return documents;
}

/**
 * Prepares every page as the engine does and writes the PNGs to `dir`; then asks a tesseract.js
 * worker for each page's skew and, where it would rotate, the rotated page.
 */
export async function preparePages(documents: readonly ScanDocument[], settings: { languages: string; cleanup: boolean; limits: OcrLimits }, dir: string): Promise<PreparedPage[]> {
  const pages: PreparedPage[] = [];
  const pngs: Buffer[] = [];
  for (const doc of documents) {
    const plans = await planImagePages(doc.bytes, settings.limits, settings.cleanup);
    for (const plan of plans) {
      const t0 = performance.now();
      const grey = await decodeImagePage(doc.bytes, plan, settings.limits, Math.ceil(settings.limits.pageTimeoutMs / 1000));
      const image = await toOcrImage(grey, ENGINE_CLEANUP, plan.squareHeight);
      const prepareMs = performance.now() - t0;
      const enginePng = join(dir, `${doc.name}-p${plan.index + 1}.png`);
      await writeFile(enginePng, image.png);
      pngs.push(image.png);
      pages.push({
        document: doc.name, page: plan.index + 1, width: plan.width, height: plan.squareHeight ?? plan.height, squared: image.squared, despeckled: image.despeckled,
        enginePng, nativePng: enginePng, rotateRadians: 0, prepareMs,
      });
    }
  }
  const languageData = await prepareLanguageData(settings.languages);
  try {
    const worker = await spawnTesseractWorker({ languages: settings.languages, langPath: languageData.langPath });
    try {
      for (const [i, page] of pages.entries()) {
        // No text asked for: tesseract.js then skips recognition, after its deskew.
        const result = await worker.recognize(pngs[i]!, { rotateAuto: true }, { text: false, imageGrey: true });
        const radians = result.data.rotateRadians ?? 0;
        if (Math.abs(radians) < ROTATE_FROM_RADIANS || result.data.imageGrey === null) continue;
        page.rotateRadians = radians;
        page.nativePng = join(dir, `${page.document}-p${page.page}-deskewed.png`);
        await writeFile(page.nativePng, Buffer.from(result.data.imageGrey.slice(result.data.imageGrey.indexOf(',') + 1), 'base64'));
      }
    } finally {
      await worker.terminate();
    }
  } finally {
    await languageData.remove();
  }
  return pages;
}
