/**
 * pdf-parse, loaded at the first PDF rather than when the process starts. Its pdf.js legacy build
 * brings core-js polyfills that replace `Array.prototype.push` (about three times slower in a
 * loop) and `JSON.parse` for the whole process, so the normalizer and capture running beside the
 * OCR workers paid for them on every item. The natives are put back once it is loaded: pdf.js
 * needs neither polyfill's extra (an error on a non-writable length, a reviver's source text).
 */
type PdfParse = typeof import('pdf-parse');

const kept: Array<[object, PropertyKey]> = [[Array.prototype, 'push'], [JSON, 'parse']];
let loading: Promise<PdfParse> | null = null;

export function pdfParse(): Promise<PdfParse> {
  loading ??= (async () => {
    const natives = kept.map(([owner, key]) => [owner, key, Object.getOwnPropertyDescriptor(owner, key)] as const);
    try {
      return await import('pdf-parse');
    } finally {
      for (const [owner, key, descriptor] of natives) if (descriptor !== undefined) Object.defineProperty(owner, key, descriptor);
    }
  })();
  return loading;
}
