/**
 * The worker pool with real tesseract.js workers: a page over its time, or aborted, costs its
 * worker, and a fresh one takes the slot; terminate ends everything.
 */
import assert from 'node:assert/strict';
import { Worker as Thread } from 'node:worker_threads';
import type Tesseract from 'tesseract.js';
import { IntakeError } from '../../../runtime/errors.js';
import { prepareLanguageData, type LanguageData } from '../../../ocr/engine/language-data.js';
import { startTesseractPool, type TesseractPool } from '../../../ocr/engine/tesseract-pool.js';
import { spawnTesseractWorker } from '../../../ocr/engine/tesseract-worker.js';
import { PETITION, textPng } from './make-documents.js';

describe('ocr/engine/tesseract-pool', function () {
  this.timeout(60_000);
  let languageData: LanguageData;
  let pool: TesseractPool;
  const line = textPng(['Gaz kaçağı ihbarı'], { width: 900 });
  const readLine = () => pool.recognize(line, { deskew: false, timeoutMs: 30_000 });
  const isInternal = (error: unknown): boolean => error instanceof IntakeError && error.code === 'INTAKE_INTERNAL';
  /** Every worker the pool started, latest last: with one slot, the latest is the one in use. */
  const spawned: Tesseract.Worker[] = [];

  before(async () => {
    languageData = await prepareLanguageData('tur+eng');
    pool = await startTesseractPool({
      size: 1,
      languages: 'tur+eng',
      langPath: languageData.langPath,
      spawn: async (options) => {
        const worker = await spawnTesseractWorker(options);
        spawned.push(worker);
        return worker;
      },
    });
  });
  after(async () => {
    await pool.terminate();
    await languageData.remove();
  });

  it('recognises a line with its confidence as 0..1', async () => {
    const recognition = await readLine();
    assert.ok(recognition.ok);
    assert.equal(recognition.text.trim(), 'Gaz kaçağı ihbarı');
    assert.ok(recognition.confidence > 0.8 && recognition.confidence <= 1, String(recognition.confidence));
  });

  it('answers timeout for a page over its time, and the next page gets a fresh worker', async () => {
    assert.deepEqual(await pool.recognize(line, { deskew: true, timeoutMs: 1 }), { ok: false, reason: 'timeout' });
    assert.ok((await readLine()).ok);
  });

  it('rejects with the abort reason, for a running page and for one waiting in the queue', async () => {
    const aborting = new AbortController();
    const page = textPng(PETITION);
    const running = pool.recognize(page, { deskew: true, timeoutMs: 30_000, signal: aborting.signal });
    const queued = pool.recognize(page, { deskew: true, timeoutMs: 30_000, signal: aborting.signal });
    // A whole petition takes a few hundred milliseconds: 100 ms in, the first is being recognised.
    setTimeout(() => aborting.abort(new Error('stop')), 100);
    await assert.rejects(running, /stop/);
    await assert.rejects(queued, /stop/);
    assert.ok((await readLine()).ok);
  });

  it('fails a page at once with INTAKE_INTERNAL when its worker thread dies, and replaces the worker', async () => {
    const workersBefore = spawned.length;
    const started = performance.now();
    const page = pool.recognize(textPng(PETITION), { deskew: true, timeoutMs: 30_000 });
    // As emscripten's abort would: the thread ends in the middle of the page.
    setTimeout(() => {
      const thread: unknown = Reflect.get(spawned.at(-1)!, 'worker');
      assert.ok(thread instanceof Thread);
      void thread.terminate();
    }, 100);
    await assert.rejects(page, isInternal);
    assert.ok(performance.now() - started < 5000, 'failed at once, not at the timeout');
    assert.ok((await readLine()).ok);
    assert.equal(spawned.length, workersBefore + 1);
  });

  it('on terminate, rejects the pages in flight with INTAKE_INTERNAL, and every later one', async () => {
    const inFlight = [readLine(), readLine()];
    await pool.terminate();
    for (const page of inFlight) await assert.rejects(page, isInternal);
    await assert.rejects(readLine(), isInternal);
  });
});

describe('ocr/engine/language-data', () => {
  it('links every language into one folder, and removes it', async () => {
    const { readdir, stat } = await import('node:fs/promises');
    const data = await prepareLanguageData('tur+eng');
    assert.deepEqual((await readdir(data.langPath)).sort(), ['eng.traineddata.gz', 'tur.traineddata.gz']);
    assert.ok((await stat(`${data.langPath}/tur.traineddata.gz`)).size > 1_000_000);
    await data.remove();
    await assert.rejects(stat(data.langPath), /ENOENT/);
  });

  it('refuses a language without its package, with INTAKE_CONFIG_INVALID', async () => {
    await assert.rejects(prepareLanguageData('tur+xyz'), (error: unknown) => error instanceof IntakeError && error.code === 'INTAKE_CONFIG_INVALID' && /xyz/.test(error.message));
  });
});
