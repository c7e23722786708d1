/**
 * Digit runs in a text and the label each one is written under. People group the digits of a
 * number as they like ("702 264 222 52", "1000-234-567", "0532.123.45.67"), so digit groups
 * joined by one separator on one line are read as one run; two long groups side by side
 * ("70226422252 05321234567") are two numbers. A run takes the label it follows ("TC no:",
 * "Sözleşme Hesap No", "abone numaram") when only glue words lie between them.
 */
import { eachMatch } from './each-match.js';

export type LabelKind = 'nationalId' | 'account' | 'phone' | 'caseRef' | 'other';

export interface Label {
  readonly kind: LabelKind;
  readonly start: number;
  readonly end: number;
}

export interface DigitRun {
  readonly digits: string;
  readonly start: number;
  readonly end: number;
  /** The label the run follows, if any. */
  readonly label: Label | null;
}

// Matched on the folded text (foldKeepingOffsets): lower case, no Turkish letters.
const LABELS: ReadonlyArray<readonly [LabelKind, string]> = [
  ['nationalId', String.raw`t\.? ?c\.? ?(kimlik|klmlk|kimllk|kimlk)?|tckn|tc ?kn|kimlik|t\.?c\.? ?no|kimlik ?no`],
  ['account', String.raw`sozlesme ?hesa[bp]\w*|sozlesme|s\.? ?h\.? ?n\.?|abone(lik)?( hesap)?|hesap|musteri`],
  ['caseRef', String.raw`basvuru|basvurum\w*|basvurunuz\w*|takip|kayit`],
  ['phone', String.raw`tel ?/ ?fa(ks|x)|tel(efon)?\w*|gsm|cep\w*|iletisim|irtibat`],
  ['other', String.raw`sayac\w*|seri|fatura\w*|iban|tesisat\w*|dosya|ref\w*|siparis\w*|kart\w*|fax|faks\w*|posta ?kodu|kod\w*|evrak\w*|sicil\w*|daire|kat|blok|dogum\w*|tarih\w*|saat\w*|vergi\w*`],
];
// The word boundary is written once, before all the labels, not once in each: tested at every
// position of the text, five lookbehinds took almost twice as long as one (issue 7).
const LABEL = new RegExp(`(?<![a-z0-9])(?:${LABELS.map(([, source]) => `(${source})(?![a-z])`).join('|')})`, 'g');

/** How many capturing groups a pattern source has. */
function groupCount(source: string): number {
  return (new RegExp(`${source}|`).exec('')?.length ?? 1) - 1;
}

/**
 * By capture group of LABEL, the kind of label whose whole match it is: the group numbers are
 * worked out once, so a match says its kind without a named-groups object built for it.
 */
const KIND_GROUPS: ReadonlyArray<readonly [number, LabelKind]> = (() => {
  let group = 1;
  return LABELS.map(([kind, source]) => {
    const own = group;
    group += 1 + groupCount(source);
    return [own, kind] as const;
  });
})();

/**
 * What may stand between a label and its number: punctuation, "no", "numaram", "numarası",
 * "ise", "olan", "şöyle", "11 haneli" (a length, not part of the number).
 */
const GLUE = /^(?:[\s:=.\-–—|(),#'’"]|no\b|n0\b|na\b|nr\b|nu\b|num\b|numara\w*|nosu\b|nom\b|ise\b|olan\b|soyle\b|su\b|sudur\b|de\b|da\b|dir\b|dur\b|bilgi\w*|hane\w*|\d{1,2} haneli\b|kayitli\b|benim\b|annemin\b|babamin\b|esimin\b|yazili\b)*$/;
const MAX_GLUE = 40;
const LABEL_AFTER = /^\s*(sozlesme hesap|abone|t\.?c\.? kimlik|kimlik|basvuru|fatura|sayac|tesisat|dosya|evrak|seri)? ?(numarali|nolu|no'lu|no\.?lu|numarasi ile)(?![a-z])( (fatura|sayac|tesisat|dosya|evrak|makbuz|dekont)\w*)?/;

function findLabels(folded: string): Label[] {
  const labels: Label[] = [];
  for (const m of eachMatch(LABEL, folded)) {
    const kind = KIND_GROUPS.find(([group]) => m[group] !== undefined)?.[1];
    if (kind !== undefined) labels.push({ kind, start: m.index, end: m.index + m[0].length });
  }
  return labels;
}

interface Group { digits: string; start: number; end: number }

function isDigit(code: number): boolean {
  return code >= 0x30 && code <= 0x39;
}

const SPACE = 0x20;
const DASHES = new Set([0x2d, 0x2013]);

/**
 * Whether text[from, to) joins two digit groups into one run: one or two spaces, a dot, a dash or
 * a slash, or a dash (- or –) with a space on either side or both. Read in place: a slice and a
 * pattern for every pair of groups of every text added up (issue 7).
 */
function joinsGroups(text: string, from: number, to: number): boolean {
  const length = to - from;
  const first = text.charCodeAt(from);
  if (length === 1) return first === SPACE || first === 0x2e || first === 0x2f || DASHES.has(first);
  if (length === 2) {
    const second = text.charCodeAt(from + 1);
    return (first === SPACE && (second === SPACE || DASHES.has(second))) || (DASHES.has(first) && second === SPACE);
  }
  return length === 3 && first === SPACE && DASHES.has(text.charCodeAt(from + 1)) && text.charCodeAt(from + 2) === SPACE;
}

/** Runs of digit groups separated by one space, dot, dash or slash. */
function digitRuns(text: string): Group[][] {
  const runs: Group[][] = [];
  let run: Group[] = [];
  // The groups are found by reading each character: a match object for each was most of this.
  for (let at = 0; at < text.length; at++) {
    if (!isDigit(text.charCodeAt(at))) continue;
    const start = at;
    while (at + 1 < text.length && isDigit(text.charCodeAt(at + 1))) at++;
    const g = { digits: text.slice(start, at + 1), start, end: at + 1 };
    const last = run.at(-1);
    if (last !== undefined && joinsGroups(text, last.end, g.start)) run.push(g);
    else {
      if (run.length > 0) runs.push(run);
      run = [g];
    }
  }
  if (run.length > 0) runs.push(run);
  return runs;
}

/** A long run holding numbers side by side is cut before and after each group of 7 digits or more. */
function splitRun(run: Group[]): Group[][] {
  const total = run.reduce((n, g) => n + g.digits.length, 0);
  if (total <= 12) return [run];
  const parts: Group[][] = [];
  let part: Group[] = [];
  for (const g of run) {
    if (g.digits.length >= 7) {
      if (part.length > 0) parts.push(part);
      parts.push([g]);
      part = [];
    } else part.push(g);
  }
  if (part.length > 0) parts.push(part);
  return parts;
}

/** The label a number at `start` follows, if only glue lies between them. */
function labelBefore(labels: readonly Label[], folded: string, start: number): Label | null {
  for (let i = labels.length - 1; i >= 0; i--) {
    const label = labels[i];
    if (label === undefined || label.end > start) continue;
    if (start - label.end > MAX_GLUE) return null;
    return GLUE.test(folded.slice(label.end, start)) ? label : null;
  }
  return null;
}

/** Labels written side by side ("TC / Abone No / Tel:", a table's header row), each list in order. */
function labelRows(labels: readonly Label[], folded: string): Label[][] {
  const rows: Label[][] = [];
  let row: Label[] = [];
  for (const label of labels) {
    const last = row.at(-1);
    if (last !== undefined && /^[\s/|,;:]*(no|numara\w*|nosu|telefon\w*|kimlik|hesap)?[\s/|,;:]*$/.test(folded.slice(last.end, label.start)) && !folded.slice(last.end, label.start).includes('\n')) row.push(label);
    else {
      if (row.length >= 2) rows.push(row);
      row = [label];
    }
  }
  if (row.length >= 2) rows.push(row);
  return rows;
}

/** Every digit run of the text with its label; `folded` is the text folded with offsets kept. */
export function readDigitRuns(text: string, folded: string): DigitRun[] {
  const grouped = digitRuns(text);
  // Labels only ever go to a run: a text without a digit is not searched for them.
  if (grouped.length === 0) return [];
  const labels = findLabels(folded);
  const runs: DigitRun[] = grouped.flatMap(splitRun).map((groups) => {
    const first = groups[0] as Group;
    const last = groups.at(-1) as Group;
    return { digits: groups.map((g) => g.digits).join(''), start: first.start, end: last.end, label: labelBefore(labels, folded, first.start) };
  });
  // "1046483391 sözleşme hesap numaralı aboneliğiniz": the label after the number.
  for (let i = 0; i < runs.length; i++) {
    const r = runs[i] as DigitRun;
    if (r.label !== null) continue;
    const after = LABEL_AFTER.exec(folded.slice(r.end, r.end + 40));
    const named = after?.[1] ?? '';
    const kind: LabelKind | null = after === null ? null
      : named.startsWith('abone') || named.startsWith('sozlesme') ? 'account'
        : named.startsWith('basvuru') ? 'caseRef'
          : named.startsWith('kimlik') || named.startsWith('t') && named.includes('kimlik') ? 'nationalId'
            : named !== '' || after[4] !== undefined ? 'other' : null;
    if (kind !== null) runs[i] = { ...r, label: { kind, start: r.end, end: r.end + (after?.[0].length ?? 0) } };
  }
  // A row of labels then a row of values (on the same line after ":" or on the next): paired in order.
  for (const row of labelRows(labels, folded)) {
    const end = (row.at(-1) as Label).end;
    const after = runs.filter((r) => r.start >= end).slice(0, row.length);
    const gapsOk = after.length === row.length && after.every((r, i) => {
      const from = i === 0 ? end : (after[i - 1] as DigitRun).end;
      return /^[\s/|,;:.\-]*$/.test(folded.slice(from, r.start)) || (i === 0 && /^[^\n]*\n?[\s|]*$/.test(folded.slice(from, r.start)) && from === end);
    });
    if (!gapsOk) continue;
    after.forEach((r, i) => {
      const index = runs.indexOf(r);
      runs[index] = { ...r, label: row[i] ?? null };
    });
  }
  return runs;
}
