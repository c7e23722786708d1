/**
 * Readable text from a mail's HTML, for mails that have no plain text part. mailparser's
 * html-to-text is used through a one-part message, because mailparser converts HTML only where it
 * judges a message has no text and does not export the converter. Its converter glues table
 * cells and rows together ("Telefon05321234567"), and forms sent as mail are tables: cells are
 * parted by a space and rows by a line break first. HTML longer than the bound is converted up to
 * it; HTML the converter refuses (nested over 1000 levels) loses its tags plainly.
 */
import { simpleParser } from 'mailparser';

const HEAD = Buffer.from('Content-Type: text/html; charset=utf-8\r\nContent-Transfer-Encoding: 8bit\r\n\r\n', 'latin1');
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

export async function htmlToText(html: string, maxChars: number): Promise<string> {
  const cut = partTableCells(html.length > maxChars ? html.slice(0, maxChars) : html);
  const options = { keepCidLinks: true, skipTextToHtml: true, skipTextLinks: true, checksumAlgo: false as const, maxHtmlLengthToParse: maxChars + 1 };
  const parsed = await simpleParser(Buffer.concat([HEAD, Buffer.from(cut, 'utf8')]), options).catch(() => null);
  if (parsed === null || parsed.textConversionError !== undefined || parsed.text === undefined) return stripTags(cut);
  return parsed.text.replace(IMAGE_REFERENCE, '');
}
