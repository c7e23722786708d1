/**
 * PDFs through pdf-parse and pdf.js. The CVE-2024-4367 class of attacks needs pdf.js to compile
 * PDF content into JavaScript; with `isEvalSupported: false` it never does. pdf.js runs in this
 * thread under Node (its "fake worker"), so a spy on the global `Function` sees every compilation.
 */
import assert from 'node:assert/strict';
import { PDFParse } from 'pdf-parse';
import sharp from 'sharp';
import { DEFAULT_OCR_SETTINGS } from '../../../ocr/engine/index.js';
import { startDeadline } from '../../../ocr/engine/deadline.js';
import { openPdf, pdfLoadParameters } from '../../../ocr/engine/pdf.js';
import { Unreadable } from '../../../ocr/engine/unreadable.js';
import { imagePdf, postScriptFunctionPdf, textPdf, textPng } from './make-documents.js';

const limits = DEFAULT_OCR_SETTINGS.limits;
const deadline = (): ReturnType<typeof startDeadline> => startDeadline(10_000, 0);

/** Runs `work` with the global Function constructor spied on; returns the parameter lists it compiled. */
async function compilations(work: () => Promise<unknown>): Promise<string[][]> {
  const original = globalThis.Function;
  const seen: string[][] = [];
  globalThis.Function = new Proxy(original, {
    construct(target, args: string[]) {
      seen.push(args.slice(0, -1));
      return Reflect.construct(target, args) as object;
    },
    apply(target, self, args: string[]) {
      seen.push(args.slice(0, -1));
      return Reflect.apply(target, self, args) as unknown;
    },
  });
  try {
    await work();
  } finally {
    globalThis.Function = original;
  }
  // pdf.js probes once whether eval works at all (`new Function("")`); that compiles nothing of the PDF's.
  return seen.filter((params) => params.length > 0);
}

describe('ocr/engine/pdf', () => {
  context('CVE-2024-4367: PDF content compiled to JavaScript', () => {
    it('is what pdf-parse does by default with a PostScript function, as the spy shows', async () => {
      const parser = new PDFParse({ data: postScriptFunctionPdf() });
      const seen = await compilations(() => parser.getScreenshot({ imageDataUrl: false }).finally(() => parser.destroy()));
      assert.deepEqual(seen, [['src', 'srcOffset', 'dest', 'destOffset']]);
    });

    it('never happens through the engine, which passes isEvalSupported: false to pdf.js', async () => {
      assert.equal(pdfLoadParameters(Buffer.from('%PDF-1.4'), limits).isEvalSupported, false);
      const seen = await compilations(async () => {
        const doc = await openPdf(postScriptFunctionPdf(), limits, deadline());
        try {
          const png = await doc.render(1, 1);
          // The shading is still drawn, by pdf.js's interpreter: dark on the left, light on the right.
          const { data, info } = await sharp(png).greyscale().raw().toBuffer({ resolveWithObject: true });
          const row = Math.floor(info.height / 2) * info.width;
          assert.ok(data[row + 2]! < 40 && data[row + info.width - 3]! > 215, `${data[row + 2]} … ${data[row + info.width - 3]}`);
        } finally {
          await doc.close();
        }
      });
      assert.deepEqual(seen, []);
    });
  });

  it('reads the text layer of every page', async () => {
    const doc = await openPdf(textPdf([['Dilekce', 'Abone no 48213'], ['Ikinci sayfa']]), limits, deadline());
    try {
      assert.equal(doc.pages, 2);
      const texts = await doc.texts();
      assert.match(texts[0]!, /Dilekce\s+Abone no 48213/);
      assert.match(texts[1]!, /Ikinci sayfa/);
    } finally {
      await doc.close();
    }
  });

  it('gives page sizes in PDF units and renders a scanned page at the scale asked', async () => {
    const doc = await openPdf(await imagePdf(textPng(['Taranmış sayfa'], { width: 1200, height: 300 })), limits, deadline());
    try {
      const sizes = await doc.sizes([1]);
      assert.deepEqual(sizes.get(1), { width: 288, height: 72 });
      const meta = await sharp(await doc.render(1, 300 / 72)).metadata();
      assert.deepEqual([meta.format, meta.width, meta.height], ['png', 1200, 300]);
    } finally {
      await doc.close();
    }
  });

  context('when the PDF cannot be read', () => {
    for (const [name, bytes] of [
      ['a header and nothing else', Buffer.from('%PDF-1.7\n')],
      ['garbage after the header', Buffer.concat([Buffer.from('%PDF-1.4\n'), Buffer.alloc(4000, 0x41)])],
      ['a page tree with no pages', Buffer.from('%PDF-1.4\n1 0 obj << /Type /Catalog /Pages 2 0 R >> endobj\n2 0 obj << /Type /Pages /Kids [] /Count 0 >> endobj\ntrailer << /Root 1 0 R >>\n%%EOF')],
    ] as const) {
      it(`says corrupt for ${name}`, async () => {
        const error = await openPdf(bytes, limits, deadline()).then((doc) => doc.close(), (e: unknown) => e);
        assert.ok(error instanceof Unreadable, String(error));
        assert.equal(error.reason, 'corrupt');
      });
    }
  });
});
