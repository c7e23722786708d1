/**
 * Where tesseract.js's time goes (`npm run bench:ocr -- --breakdown`), a bench-only prototype: the
 * engine's modules are called read-only, nothing in ocr/engine changes. Page by page, the variants
 * of a page one after the other so that they meet the same load, in 2 passes; each figure is the
 * faster of the 2 (on a shared machine, other work only ever adds time):
 * - prepare: decode and clean-up again, warm (the engine does it in this thread and libvips's pool,
 *   overlapping the previous page's recognition when a document has several pages);
 * - engine.read: the engine itself (1 worker) on the page's document, its time shared out over the
 *   document's pages;
 * - tesseract.js, the engine's call: a worker started as the engine starts one (best_int data,
 *   LSTM only, no page segmentation mode set, so tesseract's API default --psm 6), `rotateAuto` on
 *   the prepared page;
 * - the same call with `tessedit_pageseg_mode` 3 (PSM.AUTO) set on the worker: the change
 *   proposed. tesseract.js's `rotateAuto` runs tesseract's layout analysis (FindLines) at --psm 3
 *   to measure the skew; under any other mode it then loads the image a second time and the
 *   recognition redoes the layout at that mode. At --psm 3, an unskewed page keeps the first
 *   layout;
 * - tesseract.js, recognition alone: the page the CLI gets (already deskewed), `rotateAuto` off,
 *   --psm 3, beside the CLI on the same page (best_int, --psm 3, OMP_THREAD_LIMIT=1);
 * - tesseract.js with Debian's data (tessdata_fast), the engine's call otherwise;
 * - fixed costs: a 64 × 64 white page through a tesseract.js call and through a CLI process.
 * The tesseract.js variants' readings (first pass) are scored as the sides of the main bench are.
 */
import { mkdtemp, readFile, rm, symlink, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import sharp from 'sharp';
import Tesseract from 'tesseract.js';
import { ENGINE_CLEANUP, toOcrImage } from '../ocr/engine/cleanup.js';
import { decodeImagePage, planImagePages } from '../ocr/engine/images.js';
import { DEFAULT_OCR_SETTINGS, type OcrEngine } from '../ocr/engine/index.js';
import { prepareLanguageData } from '../ocr/engine/language-data.js';
import { spawnTesseractWorker } from '../ocr/engine/tesseract-worker.js';
import { scoreDocument, sideAccuracy, type PageReading, type SideAccuracy } from './ocr-accuracy.js';
import { runNative, type NativeInfo } from './ocr-native.js';
import type { PreparedPage, ScanDocument } from './ocr-pages.js';
import { fixed, note } from './ocr-stats.js';

const PASSES = 2;

const COLUMNS = ['prepare', 'engineRead', 'tjsEngineCall', 'tjsEngineCallPsm3', 'tjsAlonePsm3', 'nativeBestPsm3', 'tjsFastData'] as const;
type Column = (typeof COLUMNS)[number];
const SCORED = ['tjsEngineCall', 'tjsEngineCallPsm3', 'tjsAlonePsm3', 'tjsFastData'] as const;
type Scored = (typeof SCORED)[number];

const HEADINGS: Record<Column, string> = {
  prepare: 'prepare (warm)',
  engineRead: 'engine.read (document ÷ pages)',
  tjsEngineCall: 'tesseract.js, engine call (rotateAuto, psm 6)',
  tjsEngineCallPsm3: 'tesseract.js, rotateAuto, psm 3',
  tjsAlonePsm3: 'tesseract.js, deskewed page, psm 3',
  nativeBestPsm3: 'CLI, deskewed page, best_int, psm 3',
  tjsFastData: 'tesseract.js, engine call, Debian fast data',
};

export interface Breakdown {
  passes: number;
  rows: Array<{ page: string } & Record<Column, number>>;
  totals: Record<Column, number>;
  /** A 64 × 64 white page: what a call costs whatever the page (the fastest of 3). */
  fixedMs: { tesseractJsCall: number; cliBestInt: number; cliFast: number };
  accuracy: Record<Scored, SideAccuracy>;
}

interface Setup { docs: ScanDocument[]; pages: PreparedPage[]; engine1: OcrEngine; bestDir: string; outDir: string }

async function timed<T>(work: () => Promise<T>): Promise<{ ms: number; value: T }> {
  const t0 = performance.now();
  const value = await work();
  return { ms: performance.now() - t0, value };
}

async function fastest(times: number, work: () => Promise<unknown>): Promise<number> {
  let best = Infinity;
  for (let i = 0; i < times; i++) best = Math.min(best, (await timed(work)).ms);
  return best;
}

/** A langPath of links to Debian's uncompressed files: tesseract.js gunzips only what starts with gzip's magic. */
async function debianLangPath(info: NativeInfo): Promise<string> {
  const dir = await mkdtemp(join(tmpdir(), 'ocr-bench-fast-'));
  for (const file of info.debianData) await symlink(file.path, join(dir, `${file.language}.traineddata.gz`));
  return dir;
}

async function prepareTimes(docs: readonly ScanDocument[]): Promise<Map<string, number>> {
  const limits = DEFAULT_OCR_SETTINGS.limits;
  const times = new Map<string, number>();
  for (const doc of docs) {
    for (const plan of await planImagePages(doc.bytes, limits, true)) {
      const { ms } = await timed(async () => toOcrImage(await decodeImagePage(doc.bytes, plan, limits, 60), ENGINE_CLEANUP, plan.squareHeight));
      times.set(`${doc.name} p${plan.index + 1}`, ms);
    }
  }
  return times;
}

export async function runBreakdown(setup: Setup, info: NativeInfo): Promise<Breakdown> {
  const languages = DEFAULT_OCR_SETTINGS.languages;
  const engineData = await prepareLanguageData(languages);
  const fastPath = await debianLangPath(info);
  const best = await spawnTesseractWorker({ languages, langPath: engineData.langPath });
  const auto = await spawnTesseractWorker({ languages, langPath: engineData.langPath });
  const fast = await spawnTesseractWorker({ languages, langPath: fastPath });
  try {
    await auto.setParameters({ tessedit_pageseg_mode: Tesseract.PSM.AUTO });
    const blank = join(setup.outDir, 'blank.png');
    const blankPng = await sharp({ create: { width: 64, height: 64, channels: 3, background: '#ffffff' } }).toColourspace('b-w').png().toBuffer();
    await writeFile(blank, blankPng);
    // Warm-up: each worker's first recognitions run slower.
    const first = await readFile(setup.pages[0]!.enginePng);
    for (const worker of [best, auto, fast]) await worker.recognize(first, { rotateAuto: true });
    const fixedMs = {
      tesseractJsCall: await fastest(3, () => best.recognize(blankPng)),
      cliBestInt: await fastest(3, () => runNative(blank, { tessdataDir: setup.bestDir, psm: 3, ompLimit: true }, setup.outDir)),
      cliFast: await fastest(3, () => runNative(blank, { tessdataDir: null, psm: 3, ompLimit: true }, setup.outDir)),
    };

    const rows = new Map<string, { page: string } & Record<Column, number>>();
    const readings = Object.fromEntries(SCORED.map((key) => [key, new Map<string, PageReading[]>()])) as Record<Scored, Map<string, PageReading[]>>;
    const keep = (key: Scored, page: PreparedPage, result: Tesseract.RecognizeResult): void => {
      readings[key].set(page.document, [...(readings[key].get(page.document) ?? []), { text: result.data.text, confidence: result.data.confidence / 100 }]);
    };
    for (let pass = 1; pass <= PASSES; pass++) {
      const prepare = await prepareTimes(setup.docs);
      const engineRead = new Map<string, number>();
      for (const page of setup.pages) {
        const name = `${page.document} p${page.page}`;
        note(`breakdown, pass ${pass}/${PASSES}: ${name}`);
        if (page.page === 1) {
          const doc = setup.docs.find((d) => d.name === page.document)!;
          const read = await timed(() => setup.engine1.read(doc.bytes));
          engineRead.set(doc.name, read.ms / setup.pages.filter((p) => p.document === doc.name).length);
        }
        // Buffers, as the engine hands its pages over; the CLI reads the file.
        const enginePng = await readFile(page.enginePng);
        const nativePng = await readFile(page.nativePng);
        const engineCall = await timed(() => best.recognize(enginePng, { rotateAuto: true }));
        const native = await timed(() => runNative(page.nativePng, { tessdataDir: setup.bestDir, psm: 3, ompLimit: true }, setup.outDir));
        const callPsm3 = await timed(() => auto.recognize(enginePng, { rotateAuto: true }));
        const alone = await timed(() => auto.recognize(nativePng, { rotateAuto: false }));
        const fastCall = await timed(() => fast.recognize(enginePng, { rotateAuto: true }));
        if (pass === 1) {
          keep('tjsEngineCall', page, engineCall.value);
          keep('tjsEngineCallPsm3', page, callPsm3.value);
          keep('tjsAlonePsm3', page, alone.value);
          keep('tjsFastData', page, fastCall.value);
        }
        const row = {
          page: name, prepare: prepare.get(name) ?? NaN, engineRead: engineRead.get(page.document) ?? NaN, tjsEngineCall: engineCall.ms,
          tjsEngineCallPsm3: callPsm3.ms, tjsAlonePsm3: alone.ms, nativeBestPsm3: native.ms, tjsFastData: fastCall.ms,
        };
        const before = rows.get(name);
        rows.set(name, before ? { ...row, ...Object.fromEntries(COLUMNS.map((c) => [c, Math.min(before[c], row[c])])) } : row);
      }
    }
    const list = [...rows.values()];
    const totals = Object.fromEntries(COLUMNS.map((c) => [c, list.reduce((sum, row) => sum + row[c], 0)])) as Record<Column, number>;
    const accuracy = {} as Record<Scored, SideAccuracy>;
    for (const key of SCORED) {
      const scores = [];
      for (const doc of setup.docs) scores.push({ name: doc.name, score: await scoreDocument(doc, readings[key].get(doc.name) ?? []) });
      accuracy[key] = sideAccuracy(scores);
    }
    return { passes: PASSES, rows: list, totals, fixedMs, accuracy };
  } finally {
    await best.terminate();
    await auto.terminate();
    await fast.terminate();
    await engineData.remove();
    await rm(fastPath, { recursive: true, force: true });
  }
}

export function printBreakdown(b: Breakdown): void {
  const n = b.rows.length;
  const t = b.totals;
  const mean = (c: Column): number => t[c] / n;
  const ratio = (a: Column, c: Column): string => fixed(t[a] / t[c], 2);
  console.log('');
  console.log(`Where the time goes, ms per page (the faster of ${b.passes} passes; the variants of a page run one after the other):`);
  console.log(`| page | ${COLUMNS.map((c) => HEADINGS[c]).join(' | ')} |`);
  console.log(`|---|${COLUMNS.map(() => '---').join('|')}|`);
  for (const row of b.rows) console.log(`| ${row.page} | ${COLUMNS.map((c) => fixed(row[c], 0)).join(' | ')} |`);
  console.log(`| **mean** | ${COLUMNS.map((c) => `**${fixed(mean(c), 0)}**`).join(' | ')} |`);
  console.log('');
  console.log(`fixed cost of a call (64 × 64 white page): tesseract.js ${fixed(b.fixedMs.tesseractJsCall, 1)} ms; a CLI process ${fixed(b.fixedMs.cliBestInt, 0)} ms (best_int), ${fixed(b.fixedMs.cliFast, 0)} ms (fast)`);
  console.log(`engine.read ÷ CLI: ${ratio('engineRead', 'nativeBestPsm3')}; of engine.read, ${fixed(mean('engineRead') - mean('tjsEngineCall'), 0)} ms per page is around the worker call (preparation alone ${fixed(mean('prepare'), 0)} ms, partly overlapped)`);
  console.log(`recognition alone, same page, same data, psm 3: tesseract.js ÷ CLI = ${ratio('tjsAlonePsm3', 'nativeBestPsm3')}; without the CLI's fixed cost: ${fixed(mean('tjsAlonePsm3') / (mean('nativeBestPsm3') - b.fixedMs.cliBestInt), 2)}`);
  console.log(`the engine's call costs ${fixed(mean('tjsEngineCall') - mean('tjsAlonePsm3'), 0)} ms per page more than recognition alone (${fixed((t.tjsEngineCall / t.tjsAlonePsm3 - 1) * 100, 1)}%): rotateAuto's layout pass at psm 3, the image loaded again, the layout again at psm 6`);
  console.log(`with psm 3 set on the worker: ${fixed(mean('tjsEngineCallPsm3'), 0)} ms per page, ${ratio('tjsEngineCallPsm3', 'tjsEngineCall')} × the engine's call; the engine would be about ${fixed(mean('engineRead') - mean('tjsEngineCall') + mean('tjsEngineCallPsm3'), 0)} ms per page, ${fixed((mean('engineRead') - mean('tjsEngineCall') + mean('tjsEngineCallPsm3')) / mean('nativeBestPsm3'), 2)} × the CLI`);
  console.log(`Debian's fast data in tesseract.js: ${fixed(mean('tjsFastData'), 0)} ms per page, ${ratio('tjsFastData', 'tjsEngineCall')} × the engine's call`);
  const acc = (a: SideAccuracy): string => `fields ${a.fieldsRight}/${a.fields} (${fixed(a.fieldAccuracy * 100, 1)}%), characters ${fixed(a.characterAccuracy * 100, 1)}%`;
  for (const key of SCORED) {
    const a = b.accuracy[key];
    console.log(`accuracy, ${HEADINGS[key]}: ${acc(a)}${a.misses.length > 0 ? `; missed ${a.misses.join(', ')}` : ''}`);
  }
}
