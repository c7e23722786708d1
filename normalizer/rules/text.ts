/**
 * Text clean-up shared by every field: Unicode NFC (a decomposed "ş" from a Mac form becomes one
 * code point) and Turkish-aware case, where i/İ and ı/I are two different letters.
 */

/** NFC, control characters removed, runs of white space folded; null when nothing is left. */
export function cleanText(raw: string | null | undefined, options: { multiline?: boolean } = {}): string | null {
  if (raw === null || raw === undefined) return null;
  let value = raw.normalize('NFC').replace(/[\u0000-\u0008\u000B\u000C\u000E-\u001F\u007F]/g, '');
  value = options.multiline
    ? value.replace(/\r\n?/g, '\n').replace(/[^\S\n]+/g, ' ').replace(/\n{3,}/g, '\n\n')
    : value.replace(/\s+/g, ' ');
  value = value.trim();
  return value === '' ? null : value;
}

/** Lower case by Turkish rules: "IŞIK" → "ışık", "İSMAİL" → "ismail". */
export function lowerTr(value: string): string {
  return value.toLocaleLowerCase('tr-TR');
}

/** Upper case by Turkish rules: "istanbul" → "İSTANBUL". */
export function upperTr(value: string): string {
  return value.toLocaleUpperCase('tr-TR');
}

/** A person's name as the CRM shows it: each word capitalised by Turkish rules ("ayşe IŞIK" → "Ayşe Işık"). */
export function titleCaseTr(value: string): string {
  return value
    .split(' ')
    .map((word) => word.split('-').map((part) => upperTr(part.slice(0, 1)) + lowerTr(part.slice(1))).join('-'))
    .join(' ');
}

