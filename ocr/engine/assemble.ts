/** Puts the pages' text together into a reading. */
import type { DocumentFormat, DocumentReading, PageText } from './types.js';

const PAGE_JOINER = '\n\n';

/** Characters that carry text: whitespace neither adds to nor dilutes a confidence. */
export function inkCharacters(text: string): number {
  return text.replace(/\s/gu, '').length;
}

export function assembleReading(format: DocumentFormat, pages: PageText[]): DocumentReading & { ok: true } {
  const weights = pages.map((page) => inkCharacters(page.text));
  const totalWeight = weights.reduce((sum, weight) => sum + weight, 0);
  // Pages without text (blank scans) have no weight; if no page has text, each counts once.
  const confidence = totalWeight > 0
    ? pages.reduce((sum, page, i) => sum + page.confidence * weights[i]!, 0) / totalWeight
    : pages.reduce((sum, page) => sum + page.confidence, 0) / Math.max(1, pages.length);
  const sources = new Set(pages.map((page) => page.source));
  const read = sources.size > 1 ? 'mixed' : sources.has('ocr') ? 'ocr' : 'text-layer';
  return { ok: true, format, pages, text: pages.map((page) => page.text).join(PAGE_JOINER), confidence, read };
}
