/**
 * The measurements behind cleanup.ts and language-data.ts, re-runnable (minutes of OCR, so not a
 * test): `node dist/test/ocr/engine/measure-cleanup.js [4.0.0_best_int|4.0.0]`.
 *
 * Twelve fax pages (fine 204 × 196 and normal 204 × 98 dpi; no, 0.3% and 1% line noise; DejaVu
 * Serif 10 pt and Sans 8 pt) of the petition text, skewed 2°, each read with every combination of
 * the clean-up steps; then a full fax page through the engine for the time per page. Prints
 * character accuracy and milliseconds only: the text is synthetic, but the habit stays.
 */
import { mkdtemp, rm, symlink } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { dirname, join } from 'node:path';
import { createRequire } from 'node:module';
import { createOcrEngine, DEFAULT_OCR_SETTINGS } from '../../../ocr/engine/index.js';
import { ENGINE_CLEANUP, toOcrImage, type CleanupSteps } from '../../../ocr/engine/cleanup.js';
import { decodeImagePage, planImagePages } from '../../../ocr/engine/images.js';
import { startTesseractPool } from '../../../ocr/engine/tesseract-pool.js';
import { characterAccuracy } from './accuracy.js';
import { faxTiff, PETITION, textPng } from './make-documents.js';

const variant = process.argv[2] ?? '4.0.0_best_int';
const limits = DEFAULT_OCR_SETTINGS.limits;
const require = createRequire(import.meta.url);

async function languageFolder(): Promise<string> {
  const folder = await mkdtemp(join(tmpdir(), 'measure-ocr-'));
  for (const code of ['tur', 'eng']) {
    const file = join(dirname(require.resolve(`@tesseract.js-data/${code}/package.json`)), variant, `${code}.traineddata.gz`);
    await symlink(file, join(folder, `${code}.traineddata.gz`));
  }
  return folder;
}

const STEP_SETS: Array<[string, CleanupSteps]> = [
  ['none', { squarePixels: false, despeckle: 'never', deskew: false }],
  ['square', { squarePixels: true, despeckle: 'never', deskew: false }],
  ['deskew', { squarePixels: false, despeckle: 'never', deskew: true }],
  ['despeckle(always)', { squarePixels: true, despeckle: 'always', deskew: false }],
  ['square+despeckle(measured)', { squarePixels: true, despeckle: 'measured', deskew: false }],
  ['square+despeckle(measured)+deskew', { squarePixels: true, despeckle: 'measured', deskew: true }],
];

const started = performance.now();
const langPath = await languageFolder();
const pool = await startTesseractPool({ size: 1, languages: 'tur+eng', langPath });
console.log(`${variant}: worker ready in ${Math.round(performance.now() - started)} ms`);

const expected = PETITION.join('\n');
const totals = new Map<string, { accuracy: number[]; ms: number[] }>();
for (const yDpi of [196, 98]) {
  for (const noise of [0, 0.003, 0.01]) {
    for (const [font, px] of [['DejaVu Serif', 40], ['DejaVu Sans', 33]] as const) {
      const fax = await faxTiff([textPng(PETITION, { font, px })], { yDpi, angle: 2, noise, seed: px + yDpi });
      const row: string[] = [];
      const [plan] = await planImagePages(fax, limits, true);
      const grey = await decodeImagePage(fax, plan!, limits, 60);
      for (const [name, steps] of STEP_SETS) {
        const image = await toOcrImage(grey, steps, plan!.squareHeight);
        const t0 = performance.now();
        const recognition = await pool.recognize(image.png, { deskew: image.deskew, timeoutMs: 60_000 });
        const ms = performance.now() - t0;
        const accuracy = recognition.ok ? characterAccuracy(expected, recognition.text) : 0;
        const total = totals.get(name) ?? { accuracy: [], ms: [] };
        total.accuracy.push(accuracy);
        total.ms.push(ms);
        totals.set(name, total);
        row.push(`${name}=${accuracy.toFixed(3)}`);
      }
      console.log(`${yDpi} dpi, noise ${noise}, ${font} ${px}px: ${row.join('  ')}`);
    }
  }
}
const mean = (values: number[]): number => values.reduce((sum, value) => sum + value, 0) / values.length;
for (const [name, total] of totals) console.log(`MEAN ${name}: accuracy ${mean(total.accuracy).toFixed(3)}, ${Math.round(mean(total.ms))} ms per page`);
console.log(`the engine's clean-up: ${JSON.stringify(ENGINE_CLEANUP)}`);
await pool.terminate();
await rm(langPath, { recursive: true, force: true });

// A full fax page (44 lines of 10 pt on A4 width, fine resolution, light line noise) through the
// engine, with one and with two workers (two pages at once). The engine always uses its own
// language data (best_int), whatever the argument.
const lines = Array.from({ length: 44 }, (_, i) => PETITION[i % PETITION.length]!);
const page = textPng(lines, { width: 2480 });
const onePage = await faxTiff([page], { yDpi: 196, angle: 1, noise: 0.003 });
const twoPages = await faxTiff([page, page], { yDpi: 196, angle: 1, noise: 0.003 });
for (const workers of [1, 2]) {
  const engine = await createOcrEngine({ ...DEFAULT_OCR_SETTINGS, workers });
  await engine.read(onePage); // warm-up: a worker's first page is slower
  for (const [name, fax, pages] of [['1-page', onePage, 1], ['2-page', twoPages, 2]] as const) {
    const t0 = performance.now();
    const reading = await engine.read(fax);
    const ms = performance.now() - t0;
    const accuracy = reading.ok ? mean(reading.pages.map((p) => characterAccuracy(lines.join('\n'), p.text))) : 0;
    console.log(`engine (best_int), ${workers} worker(s), ${name} fax: ${Math.round(ms)} ms, ${Math.round(ms / pages)} ms per page, accuracy ${accuracy.toFixed(3)}`);
  }
  await engine.terminate();
}
