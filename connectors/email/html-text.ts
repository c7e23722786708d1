/**
 * Readable text from a mail's HTML, for mails that have no plain text part, by html-to-text as
 * mailparser converts (the same version, the same depth limit and check), but with a converter
 * compiled once: mailparser's `htmlToText` builds its selector tree anew for every call, which
 * cost more than the conversion. The converter glues table cells and rows together
 * ("Telefon05321234567"), and forms sent as mail are tables: cells are parted by a space and rows
 * by a line break first. HTML longer than the bound is converted up to it; HTML nested over 1000
 * levels, or that the converter refuses, loses its tags plainly.
 */
import { compile } from 'html-to-text';
import { nestsDeeperThan } from './html-depth.js';

// mailparser's bound: real markup stays far below it (Chrome flattens anything over 512 levels).
const MAX_NESTING_DEPTH = 1000;
const convert = compile({ limits: { maxDepth: MAX_NESTING_DEPTH } });
// html-to-text writes an image without alt text as [cid:…] or [data:…]: noise, not words.
// No '[' inside, so that a run of unclosed references is scanned once: linear.
const IMAGE_REFERENCE = /\[(?:cid|data):[^\]\s[]*\]/g;
const ENTITIES: Readonly<Record<string, string>> = { amp: '&', lt: '<', gt: '>', quot: '"', apos: "'", nbsp: ' ', '#39': "'" };

/** Tags removed by a linear pattern and the common entities decoded: the last resort. */
export function stripTags(html: string): string {
  return html.replace(/<[^<>]*>/g, ' ').replace(/&(amp|lt|gt|quot|apos|nbsp|#39);/g, (_, name: string) => ENTITIES[name] ?? '').replace(/[ \t]+/g, ' ');
}

/** A space before each cell's end, a line break after each row's. */
function partTableCells(html: string): string {
  return html.replace(/<\/t[dh]\s*>/gi, ' $&').replace(/<\/tr\s*>/gi, '$&<br>');
}

export function htmlToText(html: string, maxChars: number): string {
  const cut = partTableCells(html.length > maxChars ? html.slice(0, maxChars) : html);
  if (nestsDeeperThan(cut, MAX_NESTING_DEPTH)) return stripTags(cut);
  let text: string;
  try {
    text = convert(cut);
  } catch {
    return stripTags(cut);
  }
  return text.replace(IMAGE_REFERENCE, '');
}
