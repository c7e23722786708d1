/**
 * The engine end to end with real tesseract.js workers: one engine for the file, few and small
 * pages (CI has two cores).
 */
import assert from 'node:assert/strict';
import { readdir } from 'node:fs/promises';
import { IntakeError } from '../../../runtime/errors.js';
import { createOcrEngine, DEFAULT_OCR_SETTINGS, type DocumentReading, type OcrEngine } from '../../../ocr/engine/index.js';
import { characterAccuracy } from './accuracy.js';
import { faxTiff, imagePdf, PETITION, pngBomb, textPdf, textPng } from './make-documents.js';

function okReading(reading: DocumentReading): asserts reading is DocumentReading & { ok: true } {
  assert.ok(reading.ok, `not read: ${JSON.stringify(reading)}`);
}

describe('ocr/engine', function () {
  this.timeout(60_000);
  let engine: OcrEngine;

  before(async () => {
    engine = await createOcrEngine({ ...DEFAULT_OCR_SETTINGS, workers: 1 });
  });
  after(() => engine.terminate());

  it('reads a PNG of Turkish text, dotted and dotless i included', async () => {
    const reading = await engine.read(textPng(PETITION));
    okReading(reading);
    assert.equal(reading.format, 'png');
    assert.equal(reading.read, 'ocr');
    // Short all-ı words in a sans face ("ılık", "Işık") come back dotted now and then; the accuracy
    // bound allows for it, the words below must be right.
    for (const word of ['İstanbul', 'Kadıköy', 'şubesine', 'doğalgaz', 'Çiçek', 'Üsküdar', 'ödeme', 'çığ', 'Gereğinin', 'yapılmasını']) assert.ok(reading.text.includes(word), word);
    assert.ok(characterAccuracy(PETITION.join('\n'), reading.text) > 0.97);
    assert.ok(reading.confidence > 0.85, String(reading.confidence));
  });

  it('reads both pages of a 2-page G4 fax at 204 × 196 dpi, skewed 2° with line noise', async () => {
    const fax = await faxTiff([textPng(PETITION.slice(0, 3)), textPng(PETITION.slice(3))], { yDpi: 196, angle: 2, noise: 0.003 });
    const reading = await engine.read(fax);
    okReading(reading);
    assert.deepEqual(reading.pages.map((page) => [page.page, page.source]), [[1, 'ocr'], [2, 'ocr']]);
    assert.ok(characterAccuracy(PETITION.slice(0, 3).join('\n'), reading.pages[0]!.text) > 0.9, reading.pages[0]!.text.length.toString());
    assert.ok(characterAccuracy(PETITION.slice(3).join('\n'), reading.pages[1]!.text) > 0.9, reading.pages[1]!.text.length.toString());
    assert.equal(reading.text, `${reading.pages[0]!.text}\n\n${reading.pages[1]!.text}`);
  });

  it('OCRs an image-only PDF', async () => {
    const reading = await engine.read(await imagePdf(textPng(PETITION.slice(0, 2), { width: 1800 })));
    okReading(reading);
    assert.deepEqual([reading.format, reading.read, reading.pages.length], ['pdf', 'ocr', 1]);
    assert.ok(characterAccuracy(PETITION.slice(0, 2).join('\n'), reading.text) > 0.95);
  });

  it('takes a PDF\'s text layer without OCR', async () => {
    const reading = await engine.read(textPdf([['Sayin Yetkili, abone numaram 48213 olan sayacim arizalidir.']]));
    okReading(reading);
    assert.deepEqual([reading.read, reading.confidence, reading.text], ['text-layer', 1, 'Sayin Yetkili, abone numaram 48213 olan sayacim arizalidir.']);
  });

  it('answers bad input with a reason instead of an error', async () => {
    const started = performance.now();
    assert.deepEqual(await engine.read(pngBomb()), { ok: false, format: 'png', pages: 1, reason: 'too-many-pixels' });
    assert.ok(performance.now() - started < 1000);
    assert.deepEqual(await engine.read(Buffer.from('%PDF-1.4\n%%EOF')), { ok: false, format: 'pdf', pages: 0, reason: 'corrupt' });
    assert.deepEqual(await engine.read(Buffer.from('not a document')), { ok: false, format: 'unknown', pages: 0, reason: 'unsupported-format' });
  });

  it('writes no language data into the working directory (tesseract.js\'s default cache does)', async () => {
    assert.deepEqual((await readdir(process.cwd())).filter((name) => name.endsWith('.traineddata')), []);
  });

  it('refuses bad settings, naming every bad key, before starting anything', async () => {
    const bad = { ...DEFAULT_OCR_SETTINGS, workers: 0, languages: '../etc', limits: { ...DEFAULT_OCR_SETTINGS.limits, maxPages: -1 } };
    await assert.rejects(createOcrEngine(bad), (error: unknown) => {
      assert.ok(error instanceof IntakeError && error.code === 'INTAKE_CONFIG_INVALID');
      assert.deepEqual((error.details.errors as string[]).map((message) => message.split(' ')[0]), ['workers', 'languages', 'limits.maxPages']);
      return true;
    });
  });

  // Last, as it ends the file's engine (after() terminating it again is a no-op).
  it('refuses to read after terminate, with INTAKE_INTERNAL; terminate twice is fine', async () => {
    await engine.terminate();
    await engine.terminate();
    await assert.rejects(engine.read(textPng(['x'])), (error: unknown) => error instanceof IntakeError && error.code === 'INTAKE_INTERNAL');
  });
});
