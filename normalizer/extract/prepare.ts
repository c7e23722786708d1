/**
 * Free text as the extractor reads it: NFC, one kind of line break, and what an HTML mail turned
 * to text leaves behind (entities, non-breaking and zero-width spaces, table bars, bold marks)
 * made plain, so that every later reader sees a label as a label. Done once per item.
 */

const ENTITIES: Readonly<Record<string, string>> = { nbsp: ' ', amp: '&', lt: '<', gt: '>', quot: '"', apos: "'", '#39': "'" };

/** A character prepare may change or read as markup: beyond plain Latin, or a control character. */
const UNUSUAL_CHARACTER = /[^\n -~\u00A1-\u02FF]/;
const ENTITY = /&[#a-zA-Z0-9]+;/;
const SPACED_CELLS = /\S {2,}\S/;

/**
 * Whether the text may hold anything prepare changes beyond line breaks: a fast path for plain text.
 * One test at a time, the dear ones only where their first character is written: as one pattern of
 * five alternatives, every alternative was tried at every character.
 */
function mayChange(text: string): boolean {
  return UNUSUAL_CHARACTER.test(text) || text.includes('*') || text.includes('|')
    || (text.includes('&') && ENTITY.test(text)) || (text.includes('  ') && SPACED_CELLS.test(text));
}

import { foldTurkish } from '../turkish/fold.js';

/** A table row's cells: between bars, or, in a scan or a plain-text mail, between runs of two or more spaces. */
const cells = (line: string): string[] => {
  const trimmed = line.trim();
  return (trimmed.includes('|') ? trimmed.replace(/^\|/, '').replace(/\|$/, '').split('|') : trimmed.split(/ {2,}|\t+/)).map((c) => c.trim());
};

/**
 * A table of a header row over a row of values ("| Ad Soyad | TC Kimlik |" then "| Yusuf Kılınç |
 * 259… |"), written as one "label: value" line per cell, the way every reader reads a label.
 */
function unfoldTables(text: string): string {
  if (!text.includes('|') && !/\S {2,}\S[^\n]*\n[^\n]*\S {2,}\S/.test(text)) return text;
  // Markdown's rule under the header ("|---|---|") separates nothing the reader needs.
  const lines = text.split('\n').filter((l) => !/^\s*\|?\s*:?-{3,}:?\s*(\|\s*:?-{3,}:?\s*)*\|?\s*$/.test(l));
  for (let i = 0; i < lines.length; i++) {
    const head = cells(lines[i] ?? '');
    if (head.length < 2 || !head.every(isLabel)) continue;
    // "| TC Kimlik | 6228… |": a label and its value on one row.
    if (head.length === 2 && !isLabel(head[1] ?? '')) continue;
    const values = cells(lines[i + 1] ?? '');
    if (head.length !== values.length) continue;
    lines.splice(i, 2, ...head.map((h, j) => `${h.replace(/[*:]+$/g, '')}: ${values[j] ?? ''}`));
    i += head.length - 1;
  }
  return lines.join('\n');
}

/** A table cell that names a field rather than holding a value. */
function isLabel(cell: string): boolean {
  return /^[^0-9]{2,40}$/.test(cell) && /(?<![a-z])(ad|adi|soyad|soyadi|isim|tc|t\.c\.?|kimlik|no|numara\w*|tel\w*|gsm|cep\w*|adres\w*|abone|hesap|e-?posta|mail|ilce|konu|basvuran|sahibi)(?![a-z])/.test(foldTurkish(cell));
}

/** The text ready for reading. Offsets into it are what every extractor reports. */
export function prepareText(raw: string): string {
  const text = raw.includes('\r') ? raw.replace(/\r\n?/g, '\n') : raw;
  if (!mayChange(text)) return text;
  const plain = unfoldTables(text.replace(/\t/g, '  '))
    .normalize('NFC')
    .replace(/&(nbsp|amp|lt|gt|quot|apos|#39);/gi, (m, name: string) => ENTITIES[name.toLowerCase()] ?? m)
    .replace(/[\u00A0\u2007\u202F\t]/g, ' ')
    .replace(/[\u200B-\u200D\uFEFF\u0000-\u0008\u000B\u000C\u000E-\u001F\u007F]/g, '')
    // "*Ad Soyad:*" and "Ad Soyad: | Ayşe" from HTML tables and bold marks.
    .replace(/\*+([^*\n]{1,80})\*+/g, '$1');
  // Most texts have no bar, and a pattern that may start with a space is tried at every character.
  if (!plain.includes('|')) return plain;
  return plain
    // "Ad Soyad: | Ayşe": a label's own cell; elsewhere a bar parts what it stands between ("Burcu KAYA | Uzman").
    .replace(/: *\| */g, ': ')
    .replace(/ *\| */g, ' | ');
}
