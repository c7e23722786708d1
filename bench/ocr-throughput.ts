/**
 * OCR throughput and accuracy (issue 10): pages per minute and field accuracy of the engine
 * (tesseract.js, ocr/engine) beside the native tesseract CLI (Debian's tesseract-ocr,
 * tesseract-ocr-tur/-eng, OMP_THREAD_LIMIT=1) on the same pages in the same run. Target: at most
 * 1.3 × the native time per page at equal accuracy. Prints figures; asserts nothing about time.
 *
 *   npm run bench:ocr -- [--rounds 3] [--breakdown] [--no-extras] [--json]
 *
 * The pages: the image fixtures of fixtures/scans (11 documents, 12 pages). The sides, each round
 * (bench/ocr-pages.ts and bench/ocr-native.ts say how):
 * - tesseract.js: the engine (`createOcrEngine`, the configured settings, 1 worker) reads each file
 *   as the OCR worker does: decode, clean-up, deskew, recognition;
 * - native, same pages, same data: the CLI on the pages the engine recognises (prepared by the
 *   engine's own modules, deskewed as tesseract.js deskews them), with the engine's best_int
 *   traineddata (`--tessdata-dir`), `--psm 3`: the fair baseline, the target's denominator;
 * - native, same pages, Debian's data (tessdata_fast);
 * - native, the raw files, Debian's data: what calling the CLI on the upload would give;
 * These four go document by document, each document's sides in an order that turns with the
 * document and the round, so that on a shared machine each side meets the same load. Then, for
 * pages per minute on 2 cores, the engine with 2 workers, 2 documents at a time, and the CLI on the
 * prepared pages, 2 processes at a time (best_int), each over the whole set, in turns.
 * After the rounds (`--no-extras` skips them), 2 passes interleaved the same way, on every third
 * document (4 pages: without the thread limit a page takes several times longer): the CLI on the
 * same pages as a reference, without OMP_THREAD_LIMIT, and with `--psm 6`, the page segmentation
 * tesseract.js runs by default (the engine does not set one).
 *
 * Time per page is a side's wall-clock time over all pages divided by the pages; the native CLI's
 * includes starting a process and loading the language data for every page, as a CLI integration
 * pays it. The engine's start (workers, language data) is outside the figures, as a daemon pays
 * it once. One unmeasured warm-up read on each engine precedes the rounds.
 *
 * Accuracy (bench/ocr-accuracy.ts), from the first round's readings: field accuracy as
 * test/fixtures/scans-fixtures.test.ts counts it (the raw item decided without the registry, 7
 * customer fields per document) and character accuracy against the typed `.txt` sources.
 *
 * `--breakdown` adds where the time goes (bench/ocr-breakdown.ts): per page, the preparation,
 * tesseract.js's call with and without its deskew, with --psm 3 and 6, and with Debian's data, next
 * to the CLI on the same image.
 */
import { mkdtemp, readFile, rm } from 'node:fs/promises';
import { createRequire } from 'node:module';
import { cpus, loadavg, tmpdir } from 'node:os';
import { join } from 'node:path';
import { createOcrEngine, type OcrEngine } from '../ocr/engine/index.js';
import { engineSettings } from '../ocr/settings.js';
import { loadConfig } from '../runtime/config.js';
import { scoreDocument, sideAccuracy, type PageReading, type SideAccuracy } from './ocr-accuracy.js';
import { runBreakdown, printBreakdown, type Breakdown } from './ocr-breakdown.js';
import { engineTessdata, ensureNativeTesseract, nativeInfo, runNative, type NativeOptions } from './ocr-native.js';
import { loadScanDocuments, preparePages, scansDir, type PreparedPage, type ScanDocument } from './ocr-pages.js';
import { fixed, inPool, note, showSpread, spread, type Spread } from './ocr-stats.js';

interface Options { rounds: number; json: boolean; breakdown: boolean; extras: boolean }

const usage = `usage: node dist/bench/ocr-throughput.js [--rounds N] [--breakdown] [--no-extras] [--json]
  --rounds N    measured rounds of every side; min, median and max are printed (default 3)
  --breakdown   also measure where tesseract.js's time goes, page by page (2 passes, 3-4 minutes more)
  --no-extras   skip the single runs without OMP_THREAD_LIMIT and with --psm 6 (4 pages)
  --json        print one JSON object on stdout instead of the tables`;

function parseArgs(argv: string[]): Options {
  const o: Options = { rounds: 3, json: false, breakdown: false, extras: true };
  for (let i = 0; i < argv.length; i++) {
    const a = argv[i];
    if (a === '--rounds') {
      const n = Number(argv[++i]);
      if (!Number.isInteger(n) || n <= 0 || n > 20) throw new Error(`--rounds needs an integer from 1 to 20\n${usage}`);
      o.rounds = n;
    } else if (a === '--json') o.json = true;
    else if (a === '--breakdown') o.breakdown = true;
    else if (a === '--no-extras') o.extras = false;
    else throw new Error(`unknown argument ${a}\n${usage}`);
  }
  return o;
}

type SideKey = 'tjs1' | 'nativeBest' | 'nativeFast' | 'nativeRaw' | 'tjs2' | 'nativeBest2' | 'nativeBestRef' | 'nativeBestNoLimit' | 'nativeBestPsm6';

interface Side {
  key: SideKey;
  label: string;
  /** Pages or documents in flight. */
  parallel: number;
  /** Run after the rounds, on a sample, rather than in every round. */
  once: boolean;
}

const SIDES: readonly Side[] = [
  { key: 'tjs1', label: 'tesseract.js engine, 1 worker', parallel: 1, once: false },
  { key: 'nativeBest', label: 'native CLI, same pages, same data (best_int), --psm 3', parallel: 1, once: false },
  { key: 'nativeFast', label: 'native CLI, same pages, Debian data (fast), --psm 3', parallel: 1, once: false },
  { key: 'nativeRaw', label: 'native CLI, raw files, Debian data (fast), --psm 3', parallel: 1, once: false },
  { key: 'tjs2', label: 'tesseract.js engine, 2 workers, 2 documents at a time', parallel: 2, once: false },
  { key: 'nativeBest2', label: 'native CLI, same pages, best_int, 2 processes at a time', parallel: 2, once: false },
  { key: 'nativeBestRef', label: 'sample: native CLI, same pages, best_int, --psm 3 (reference for the two rows below)', parallel: 1, once: true },
  { key: 'nativeBestNoLimit', label: 'sample: native CLI, same pages, best_int, --psm 3, no OMP_THREAD_LIMIT', parallel: 1, once: true },
  { key: 'nativeBestPsm6', label: 'sample: native CLI, same pages, best_int, --psm 6', parallel: 1, once: true },
];

/** Sides that read one document at a time: each round interleaves them document by document. */
const SEQUENTIAL: readonly SideKey[] = ['tjs1', 'nativeBest', 'nativeFast', 'nativeRaw'];
const PARALLEL: readonly SideKey[] = ['tjs2', 'nativeBest2'];
const EXTRAS: readonly SideKey[] = ['nativeBestRef', 'nativeBestNoLimit', 'nativeBestPsm6'];
/** The single runs take every third document (4 of 11: the 300 dpi letter, the handwriting, the 98 dpi fax, the 1-bit petition). */
const EXTRAS_EVERY = 3;

interface SideRun { ms: number; pages: number; readings: Map<string, PageReading[]> }

interface Context {
  docs: ScanDocument[];
  pages: PreparedPage[];
  engine1: OcrEngine;
  engine2: OcrEngine;
  bestDir: string;
  outDir: string;
}

function pageReadings(reading: Awaited<ReturnType<OcrEngine['read']>>, doc: ScanDocument): PageReading[] {
  if (!reading.ok) throw new Error(`the engine could not read ${doc.file}: ${reading.reason}`);
  return reading.pages.map((page) => ({ text: page.text, confidence: page.confidence }));
}

function nativeOptions(key: SideKey, ctx: Context): NativeOptions {
  switch (key) {
    case 'nativeFast': return { tessdataDir: null, psm: 3, ompLimit: true };
    case 'nativeBestNoLimit': return { tessdataDir: ctx.bestDir, psm: 3, ompLimit: false };
    case 'nativeBestPsm6': return { tessdataDir: ctx.bestDir, psm: 6, ompLimit: true };
    default: return { tessdataDir: ctx.bestDir, psm: 3, ompLimit: true };
  }
}

/** One document through a side that reads one at a time: its wall-clock time and its pages. */
async function readOne(key: SideKey, doc: ScanDocument, ctx: Context): Promise<{ ms: number; pages: PageReading[] }> {
  const t0 = performance.now();
  let pages: PageReading[];
  if (key === 'tjs1') pages = pageReadings(await ctx.engine1.read(doc.bytes), doc);
  else if (key === 'nativeRaw') pages = (await runNative(join(scansDir, doc.file), { tessdataDir: null, psm: 3, ompLimit: true }, ctx.outDir)).pages;
  else {
    pages = [];
    for (const page of ctx.pages.filter((p) => p.document === doc.name)) pages.push(...(await runNative(page.nativePng, nativeOptions(key, ctx), ctx.outDir)).pages);
  }
  return { ms: performance.now() - t0, pages };
}

/**
 * The sides in `keys`, document by document, each document's sides in an order that turns with
 * the document and the round: on a shared machine every side then meets the same load.
 */
async function interleaved(keys: readonly SideKey[], round: number, ctx: Context, docs: readonly ScanDocument[] = ctx.docs): Promise<Map<SideKey, SideRun>> {
  const runs = new Map<SideKey, SideRun>(keys.map((key) => [key, { ms: 0, pages: 0, readings: new Map() }]));
  for (const [i, doc] of docs.entries()) {
    const turn = (i + round) % keys.length;
    for (const key of [...keys.slice(turn), ...keys.slice(0, turn)]) {
      const one = await readOne(key, doc, ctx);
      const run = runs.get(key)!;
      run.ms += one.ms;
      run.pages += one.pages.length;
      run.readings.set(doc.name, one.pages);
    }
  }
  return runs;
}

/** A side two at a time over the whole set: the engine with 2 workers, or 2 CLI processes. */
async function twoAtATime(key: SideKey, ctx: Context): Promise<SideRun> {
  const readings = new Map<string, PageReading[]>();
  const t0 = performance.now();
  if (key === 'tjs2') {
    await inPool(ctx.docs, 2, async (doc) => { readings.set(doc.name, pageReadings(await ctx.engine2.read(doc.bytes), doc)); });
  } else {
    const runs = await inPool(ctx.pages, 2, (page) => runNative(page.nativePng, nativeOptions(key, ctx), ctx.outDir));
    ctx.pages.forEach((page, i) => readings.set(page.document, [...(readings.get(page.document) ?? []), ...runs[i]!.pages]));
  }
  const ms = performance.now() - t0;
  return { ms, pages: [...readings.values()].reduce((n, pages) => n + pages.length, 0), readings };
}

interface RoundFigure { round: number; load: number; ms: number; msPerPage: number; pagesPerMinute: number }

interface SideResult {
  key: SideKey;
  label: string;
  parallel: number;
  once: boolean;
  pages: number;
  rounds: RoundFigure[];
  msPerPage: Spread;
  pagesPerMinute: Spread;
  accuracy: SideAccuracy;
  /** Documents whose text differed from the first round's in a later round. */
  unstableDocuments: number;
}

interface Ratio { label: string; numerator: SideKey; denominator: SideKey; perRound: number[]; spread: Spread }

function sameReadings(a: Map<string, PageReading[]>, b: Map<string, PageReading[]>): string[] {
  return [...a.keys()].filter((name) => (a.get(name) ?? []).map((p) => p.text).join('\f') !== (b.get(name) ?? []).map((p) => p.text).join('\f'));
}

/** Over the documents the side read (the single runs read a sample). */
async function accuracyOf(docs: readonly ScanDocument[], readings: Map<string, PageReading[]>): Promise<SideAccuracy> {
  const scores = [];
  for (const doc of docs.filter((d) => readings.has(d.name))) scores.push({ name: doc.name, score: await scoreDocument(doc, readings.get(doc.name)!) });
  return sideAccuracy(scores);
}

async function main(): Promise<void> {
  const o = parseArgs(process.argv.slice(2));
  ensureNativeTesseract();
  const info = nativeInfo();
  const config = loadConfig({});
  const settings = engineSettings(config.ocr);
  const require = createRequire(import.meta.url);
  const tesseractJs = (JSON.parse(await readFile(require.resolve('tesseract.js/package.json'), 'utf8')) as { version: string }).version;

  const docs = await loadScanDocuments();
  const workDir = await mkdtemp(join(tmpdir(), 'ocr-bench-'));
  const bestData = await engineTessdata(settings.languages);
  let engine1: OcrEngine | null = null;
  let engine2: OcrEngine | null = null;
  try {
    note(`preparing ${docs.length} documents as the engine does, into ${workDir}`);
    const pages = await preparePages(docs, settings, workDir);
    note(`${pages.length} pages; ${pages.filter((p) => p.rotateRadians !== 0).length} deskewed by tesseract.js; starting the engines (1 and 2 workers)`);
    engine1 = await createOcrEngine({ ...settings, workers: 1 });
    engine2 = await createOcrEngine({ ...settings, workers: 2 });
    const ctx: Context = { docs, pages, engine1, engine2, bestDir: bestData.dir, outDir: workDir };

    // Warm-up, unmeasured: the first recognitions on a fresh worker run slower (wasm tiers up).
    const multipage = docs.find((d) => d.name === 'multipage-g4-fax') ?? docs[0]!;
    await engine1.read(multipage.bytes);
    await engine2.read(multipage.bytes);
    await runNative(pages[0]!.nativePng, { tessdataDir: bestData.dir, psm: 3, ompLimit: true }, workDir);

    const runs = new Map<SideKey, Array<SideRun & { round: number; load: number }>>();
    const record = (key: SideKey, round: number, load: number, run: SideRun): void => {
      runs.set(key, [...(runs.get(key) ?? []), { ...run, round, load }]);
      note(`round ${round}: ${key} ${fixed(run.ms / run.pages, 0)} ms/page (load ${fixed(load, 1)})`);
    };
    for (let round = 1; round <= o.rounds; round++) {
      let load = loadavg()[0] ?? 0;
      for (const [key, run] of await interleaved(SEQUENTIAL, round, ctx)) record(key, round, load, run);
      for (const key of round % 2 === 1 ? PARALLEL : [...PARALLEL].reverse()) {
        load = loadavg()[0] ?? 0;
        record(key, round, load, await twoAtATime(key, ctx));
      }
    }
    if (o.extras) {
      // Without the thread limit a page takes several times longer: a sample of the documents, twice.
      const sample = docs.filter((_, i) => i % EXTRAS_EVERY === 0);
      note(`sample: ${EXTRAS.join(', ')} on ${sample.map((d) => d.name).join(', ')}, 2 passes`);
      for (const pass of [1, 2]) {
        const load = loadavg()[0] ?? 0;
        for (const [key, run] of await interleaved(EXTRAS, pass, ctx, sample)) record(key, pass, load, run);
      }
    }

    note('scoring the readings');
    const results: SideResult[] = [];
    for (const side of SIDES) {
      const sideRuns = runs.get(side.key);
      if (!sideRuns || sideRuns.length === 0) continue;
      const first = sideRuns[0]!;
      const unstable = new Set(sideRuns.slice(1).flatMap((run) => sameReadings(first.readings, run.readings)));
      const rounds = sideRuns.map((run) => ({
        round: run.round, load: Math.round(run.load * 100) / 100, ms: Math.round(run.ms), msPerPage: run.ms / run.pages, pagesPerMinute: run.pages / (run.ms / 60_000),
      }));
      results.push({
        key: side.key, label: side.label, parallel: side.parallel, once: side.once, pages: first.pages, rounds,
        msPerPage: spread(rounds.map((r) => r.msPerPage)), pagesPerMinute: spread(rounds.map((r) => r.pagesPerMinute)),
        accuracy: await accuracyOf(docs, first.readings), unstableDocuments: unstable.size,
      });
    }
    const ratioOf = (label: string, numerator: SideKey, denominator: SideKey): Ratio | null => {
      const a = runs.get(numerator);
      const b = runs.get(denominator);
      if (!a || !b) return null;
      const perRound = a.map((run, i) => {
        const other = b[i];
        return other ? (run.ms / run.pages) / (other.ms / other.pages) : NaN;
      }).filter((x) => Number.isFinite(x));
      return { label, numerator, denominator, perRound, spread: spread(perRound) };
    };
    const ratios = [
      ratioOf('tesseract.js ÷ native, same pages, same data (the target: ≤ 1.3)', 'tjs1', 'nativeBest'),
      ratioOf('tesseract.js ÷ native, same pages, Debian data (fast)', 'tjs1', 'nativeFast'),
      ratioOf('tesseract.js ÷ native, raw files, Debian data (fast)', 'tjs1', 'nativeRaw'),
      ratioOf('2 at a time: tesseract.js, 2 workers ÷ native, 2 processes (best_int)', 'tjs2', 'nativeBest2'),
      ratioOf('sample: native, no OMP_THREAD_LIMIT ÷ OMP_THREAD_LIMIT=1 (per pass)', 'nativeBestNoLimit', 'nativeBestRef'),
      ratioOf('sample: native, --psm 6 ÷ --psm 3 (per pass)', 'nativeBestPsm6', 'nativeBestRef'),
    ].filter((r): r is Ratio => r !== null);

    const prepare = spread(pages.map((p) => p.prepareMs));
    let breakdown: Breakdown | null = null;
    if (o.breakdown) {
      // The second engine's workers would only hold memory; the first is measured again beside the variants.
      await engine2.terminate();
      note('breakdown: page by page');
      breakdown = await runBreakdown(ctx, info);
    }

    const machine = { cpus: cpus().length, cpu: cpus()[0]?.model ?? 'unknown', node: process.version, tesseract: info.version, tesseractJs };
    if (o.json) {
      console.log(JSON.stringify({
        machine, settings: { workers: settings.workers, languages: settings.languages, cleanup: settings.cleanup }, rounds: o.rounds,
        data: { engine: bestData.files, debian: info.debianData, debianSource: info.debianDataSource, debianPackage: info.debianDataPackage },
        pages: pages.map(({ document, page, width, height, squared, despeckled, rotateRadians, prepareMs }) => ({ document, page, width, height, squared, despeckled, rotateRadians, prepareMs: Math.round(prepareMs) })),
        results, ratios, breakdown,
      }));
      return;
    }
    printReport({ machine, info, bestFiles: bestData.files, docs, pages, prepare, results, ratios, rounds: o.rounds });
    if (breakdown) printBreakdown(breakdown);
  } finally {
    await engine1?.terminate();
    await engine2?.terminate();
    await bestData.remove();
    await rm(workDir, { recursive: true, force: true });
  }
}

function printReport(r: {
  machine: { cpus: number; cpu: string; node: string; tesseract: string; tesseractJs: string };
  info: ReturnType<typeof nativeInfo>;
  bestFiles: Awaited<ReturnType<typeof engineTessdata>>['files'];
  docs: ScanDocument[]; pages: PreparedPage[]; prepare: Spread; results: SideResult[]; ratios: Ratio[]; rounds: number;
}): void {
  const { machine } = r;
  console.log(`OCR bench: ${r.docs.length} documents, ${r.pages.length} pages (fixtures/scans images), ${r.rounds} rounds`);
  console.log(`machine: ${machine.cpus} × ${machine.cpu}; node ${machine.node}; ${machine.tesseract}; tesseract.js ${machine.tesseractJs}`);
  for (const f of r.bestFiles) console.log(`engine data   ${f.language}: ${f.path} (${(f.bytes / 1e6).toFixed(1)} MB unpacked) ${f.network ?? ''}`);
  for (const f of r.info.debianData) console.log(`Debian data   ${f.language}: ${f.path} (${(f.bytes / 1e6).toFixed(1)} MB) ${f.network ?? ''}`);
  console.log(`Debian source: ${r.info.debianDataPackage ?? '?'} from ${r.info.debianDataSource ?? '?'}`);
  console.log(`preparation (decode + clean-up, cold, in this process), ms per page: ${showSpread(r.prepare)}; deskewed by tesseract.js: ${r.pages.filter((p) => p.rotateRadians !== 0).map((p) => `${p.document} p${p.page} (${(p.rotateRadians * 180 / Math.PI).toFixed(2)}°)`).join(', ') || 'none'}`);
  console.log('');
  console.log(`| side | ms per page, ${Array.from({ length: r.rounds }, (_, i) => `r${i + 1}`).join(' / ')} | ms per page, min / median / max | pages/min, median | load | field accuracy | character accuracy |`);
  console.log('|---|---|---|---|---|---|---|');
  for (const s of r.results) {
    const perRound = s.rounds.map((x) => fixed(x.msPerPage, 0)).join(' / ');
    const loads = s.rounds.map((x) => fixed(x.load, 1)).join(' / ');
    const a = s.accuracy;
    console.log(`| ${s.label} | ${perRound} | ${showSpread(s.msPerPage)} | ${fixed(s.pagesPerMinute.median, 1)} | ${loads} | ${a.fieldsRight}/${a.fields} (${fixed(a.fieldAccuracy * 100, 1)}%) | ${fixed(a.characterAccuracy * 100, 1)}% |`);
  }
  console.log('');
  console.log('| ratio of time per page | per round | min / median / max |');
  console.log('|---|---|---|');
  for (const x of r.ratios) console.log(`| ${x.label} | ${x.perRound.map((v) => fixed(v, 2)).join(' / ')} | ${showSpread(x.spread, 2)} |`);
  console.log('');
  const target = r.ratios.find((x) => x.numerator === 'tjs1' && x.denominator === 'nativeBest');
  const tjs = r.results.find((s) => s.key === 'tjs1');
  const native = r.results.find((s) => s.key === 'nativeBest');
  if (target && tjs && native) {
    const met = target.spread.median <= 1.3;
    console.log(`target ≤ 1.3 × native: ${met ? 'met' : 'NOT met'} (median ${fixed(target.spread.median, 3)}, rounds ${showSpread(target.spread, 3)}); `
      + `field accuracy tesseract.js ${fixed(tjs.accuracy.fieldAccuracy * 100, 1)}% vs native ${fixed(native.accuracy.fieldAccuracy * 100, 1)}%, `
      + `character accuracy ${fixed(tjs.accuracy.characterAccuracy * 100, 1)}% vs ${fixed(native.accuracy.characterAccuracy * 100, 1)}%`);
  }
  for (const s of r.results) {
    if (s.accuracy.misses.length > 0) console.log(`misses, ${s.key}: ${s.accuracy.misses.join(', ')}`);
    if (s.unstableDocuments > 0) console.log(`note: ${s.key} read ${s.unstableDocuments} document(s) differently in a later round`);
  }
}

main().then(() => process.exit(0), (error: unknown) => {
  console.error(error);
  process.exit(1);
});
