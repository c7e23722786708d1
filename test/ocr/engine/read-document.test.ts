/**
 * The reading's outcome for each kind of document, with a fake tesseract pool that records what it
 * was sent: this is where "skips OCR" and "stops before decoding" are visible. The real pool is in
 * engine.test.ts.
 */
import assert from 'node:assert/strict';
import sharp from 'sharp';
import { ENGINE_CLEANUP } from '../../../ocr/engine/cleanup.js';
import { DEFAULT_OCR_SETTINGS, type OcrEngineSettings } from '../../../ocr/engine/index.js';
import { readDocument } from '../../../ocr/engine/read-document.js';
import type { JobOptions, Recognition, TesseractPool } from '../../../ocr/engine/tesseract-pool.js';
import { faxTiff, handMadeTiff, hugePagePdf, imagePdf, mixedPdf, pngBomb, textPdf, textPng } from './make-documents.js';

interface FakePool extends TesseractPool { sent: Array<{ png: Buffer; options: JobOptions }> }

/** Answers every page with `answer` (a recognition, or a promise the test controls). */
function fakePool(answer: (call: number, options: JobOptions) => Promise<Recognition> = async () => ({ ok: true, text: 'okunan metin', confidence: 0.8 })): FakePool {
  const sent: FakePool['sent'] = [];
  return {
    size: 1,
    sent,
    async recognize(png, options) {
      sent.push({ png, options });
      return answer(sent.length, options);
    },
    async terminate() {},
  };
}

const settings: OcrEngineSettings = { ...DEFAULT_OCR_SETTINGS, limits: { ...DEFAULT_OCR_SETTINGS.limits, maxBytes: 2_000_000, maxPages: 3 } };
const letter = ['Sayin Yetkili,', 'Kadikoy subesine dogalgaz aboneligi basvurusu yapiyorum.', 'Abone numarasi 48213.'];

describe('ocr/engine/readDocument', () => {
  context('when a PDF has a text layer', () => {
    it('takes the text from it and sends nothing to OCR', async () => {
      const pool = fakePool();
      const reading = await readDocument(textPdf([letter, ['Ek: fatura kopyasi ve kimlik fotokopisi ektedir.']]), { pool, settings });
      assert.equal(pool.sent.length, 0);
      assert.ok(reading.ok);
      assert.deepEqual({ read: reading.read, confidence: reading.confidence, format: reading.format }, { read: 'text-layer', confidence: 1, format: 'pdf' });
      assert.deepEqual(reading.pages.map((page) => [page.page, page.source]), [[1, 'text-layer'], [2, 'text-layer']]);
      assert.match(reading.text, /Abone numarasi 48213\.\n\nEk: fatura/);
    });
  });

  context('when a PDF page is a scan', () => {
    it('renders it and sends it to OCR, even with a scanner\'s short stamp on it', async () => {
      const pool = fakePool();
      const reading = await readDocument(await imagePdf(textPng(['Taranmış dilekçe'], { width: 1200, height: 300 }), 'Sayfa 1'), { pool, settings });
      assert.equal(pool.sent.length, 1);
      const meta = await sharp(pool.sent[0]!.png).metadata();
      assert.deepEqual([meta.format, meta.width, meta.height, meta.channels], ['png', 1200, 300, 1]);
      assert.ok(reading.ok);
      assert.deepEqual(reading.pages, [{ page: 1, text: 'okunan metin', confidence: 0.8, source: 'ocr' }]);
      assert.equal(reading.read, 'ocr');
    });
  });

  it('says mixed, with a confidence weighted by characters, and OCRs only the scanned pages', async () => {
    const pool = fakePool(async (call) => ({ ok: true, text: ` taranmış ${call} `, confidence: 0.5 }));
    const scan = textPng(['Taranmış sayfa'], { width: 1000, height: 200 });
    const pdf = await mixedPdf([letter, { scan }, ['Ek: fatura kopyasi ve kimlik fotokopisi ektedir.'], { scan }]);
    const reading = await readDocument(pdf, { pool, settings: { ...settings, limits: { ...settings.limits, maxPages: 4 } } });
    assert.ok(reading.ok);
    assert.equal(reading.read, 'mixed');
    assert.deepEqual(reading.pages.map((page) => [page.page, page.source]), [[1, 'text-layer'], [2, 'ocr'], [3, 'text-layer'], [4, 'ocr']]);
    assert.equal(pool.sent.length, 2);
    assert.deepEqual(reading.pages.filter((page) => page.source === 'ocr').map((page) => page.text).sort(), ['taranmış 1', 'taranmış 2']);
    const layerChars = reading.pages.filter((page) => page.source === 'text-layer').reduce((sum, page) => sum + page.text.replace(/\s/g, '').length, 0);
    assert.ok(Math.abs(reading.confidence - (layerChars + 2 * 9 * 0.5) / (layerChars + 2 * 9)) < 1e-9, String(reading.confidence));
  });

  it('sends each page of a multi-page TIFF on its own', async () => {
    const pool = fakePool(async (call) => ({ ok: true, text: `sayfa ${call}`, confidence: 0.9 }));
    const reading = await readDocument(await faxTiff([textPng(['bir']), textPng(['iki'])]), { pool, settings });
    assert.ok(reading.ok);
    assert.deepEqual(reading.pages.map((page) => page.page), [1, 2]);
    assert.equal(pool.sent.length, 2);
    assert.ok(pool.sent.every((job) => job.options.deskew === ENGINE_CLEANUP.deskew && job.options.timeoutMs === settings.limits.pageTimeoutMs));
  });

  context('when a limit is exceeded', () => {
    async function refused(bytes: Buffer, custom: OcrEngineSettings = settings): Promise<{ reading: unknown; ms: number; rssMb: number }> {
      const pool = fakePool();
      const rss = process.memoryUsage().rss;
      const started = performance.now();
      const reading = await readDocument(bytes, { pool, settings: custom });
      const result = { reading, ms: performance.now() - started, rssMb: (process.memoryUsage().rss - rss) / 1e6 };
      assert.equal(pool.sent.length, 0);
      return result;
    }

    it('stops a file over maxBytes before looking inside', async () => {
      const bytes = Buffer.concat([textPdf([['x']]), Buffer.alloc(2_000_000)]);
      assert.deepEqual((await refused(bytes)).reading, { ok: false, format: 'pdf', pages: 0, reason: 'too-large' });
    });

    it('stops a PDF with more pages than maxPages', async () => {
      assert.deepEqual((await refused(textPdf([['1'], ['2'], ['3'], ['4']]))).reading, { ok: false, format: 'pdf', pages: 4, reason: 'too-many-pages' });
    });

    it('stops a TIFF with more pages than maxPages', async () => {
      const tiff = handMadeTiff(Array.from({ length: 4 }, () => ({ width: 1728, height: 2200 })));
      assert.deepEqual((await refused(tiff)).reading, { ok: false, format: 'tiff', pages: 4, reason: 'too-many-pages' });
    });

    for (const [name, make, format] of [
      ['a 90-byte PNG claiming 100000 × 100000 pixels', () => pngBomb(), 'png'],
      ['a 200-byte G4 TIFF claiming 100000 × 100000 pixels', () => handMadeTiff([{ width: 100_000, height: 100_000, xDpi: 204, yDpi: 196 }]), 'tiff'],
      ['a PDF page of 200 × 200 inches', () => hugePagePdf(), 'pdf'],
    ] as const) {
      it(`stops ${name} in milliseconds, without allocating its pixels`, async () => {
        const { reading, ms, rssMb } = await refused(make());
        assert.deepEqual(reading, { ok: false, format, pages: 1, reason: 'too-many-pixels' });
        assert.ok(ms < 1000, `${ms} ms`);
        assert.ok(rssMb < 100, `${rssMb} MB`);
      });
    }
  });

  context('when the bytes are damaged or not a document', () => {
    it('says corrupt for a PNG whose compressed pixels were overwritten', async () => {
      const png = textPng(['bozuk']);
      const broken = Buffer.from(png);
      broken.fill(0x55, 100, png.length - 20);
      assert.deepEqual(await readDocument(broken, { pool: fakePool(), settings }), { ok: false, format: 'png', pages: 1, reason: 'corrupt' });
    });

    it('says corrupt for a TIFF cut in half', async () => {
      const tiff = await faxTiff([textPng(['yarım'])]);
      const reading = await readDocument(tiff.subarray(0, tiff.length >> 1), { pool: fakePool(), settings });
      assert.equal(reading.ok, false);
      assert.equal(!reading.ok && reading.reason, 'corrupt');
    });

    it('says unsupported-format for a GIF', async () => {
      const gif = await sharp(textPng(['gif'])).gif().toBuffer();
      assert.deepEqual(await readDocument(gif, { pool: fakePool(), settings }), { ok: false, format: 'unknown', pages: 0, reason: 'unsupported-format' });
    });
  });

  it('says timeout when a page runs over its time, and stops the other pages', async () => {
    const pool = fakePool(async (call) => (call === 1 ? { ok: false, reason: 'timeout' } : { ok: true, text: 'x', confidence: 1 }));
    const tiff = await faxTiff([textPng(['bir']), textPng(['iki']), textPng(['üç'])]);
    const reading = await readDocument(tiff, { pool, settings: { ...settings, workers: 1 } });
    assert.deepEqual(reading, { ok: false, format: 'tiff', pages: 3, reason: 'timeout' });
    // Concurrency is the pool size plus one: page 3 was never started.
    assert.ok(pool.sent.length <= 2, String(pool.sent.length));
  });

  it('throws the abort reason when the caller aborts, and does not call it a bad document', async () => {
    const aborting = new AbortController();
    const pool = fakePool((_, options) => new Promise((_, reject) => {
      options.signal?.addEventListener('abort', () => reject(options.signal?.reason));
      aborting.abort(new Error('shutting down'));
    }));
    await assert.rejects(readDocument(await faxTiff([textPng(['bir'])]), { pool, settings, signal: aborting.signal }), /shutting down/);
  });
});
