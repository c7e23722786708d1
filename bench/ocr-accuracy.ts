/**
 * Accuracy for the OCR bench (bench/ocr-throughput.ts), both measures on one reading of a document:
 * - field accuracy, as test/fixtures/scans-fixtures.test.ts counts it: the reading becomes the raw
 *   item the OCR worker would publish (`documentItem`), `decideItem` decides it without the
 *   registry, and each customer field is compared with the hand-written truth (the address as a
 *   person compares it: case, punctuation and spacing aside);
 * - character accuracy against the typed text of the `.txt` source (its layout markup removed),
 *   both sides' whitespace collapsed: 1 − Levenshtein distance / length of the typed text, at 0 at
 *   worst.
 */
import { defaultCatalogue } from '../normalizer/catalogue/index.js';
import { decideItem, type DecideItemOptions } from '../normalizer/decide-item.js';
import { documentItem } from '../ocr/document-item.js';
import { assembleReading } from '../ocr/engine/assemble.js';
import type { DocumentFormat, PageText } from '../ocr/engine/index.js';
import { loadConfig } from '../runtime/config.js';
import type { OcrJob } from '../schemas/types.generated.js';

export const FIELDS = ['fullName', 'nationalId', 'contractAccountNumber', 'phone', 'email', 'address', 'district'] as const;
export type Field = (typeof FIELDS)[number];
export type Truth = Record<Field, string | null>;

/** One page as a side read it: its text and tesseract's mean word confidence, 0..1. */
export interface PageReading { text: string; confidence: number }

export interface DocumentScore {
  fieldsRight: number;
  fields: number;
  misses: Field[];
  /** Levenshtein distance to the typed text and that text's length (null without a `.txt`). */
  edits: number | null;
  typedLength: number | null;
}

const config = loadConfig({});
const decideOptions: DecideItemOptions = {
  catalogue: defaultCatalogue, duplicateWindowHours: config.normalizer.duplicateWindowHours, minFieldConfidence: config.normalizer.minFieldConfidence,
};

/** Addresses are compared as a person would: case, punctuation and spacing aside. */
function same(field: Field, got: string | null, want: string | null): boolean {
  if (field !== 'address' || got === null || want === null) return got === want;
  const plain = (s: string): string => s.toLocaleLowerCase('tr').replace(/[^\p{L}\p{N}]+/gu, '');
  return plain(got) === plain(want);
}

/**
 * The printed text of a fixture's `.txt` source (fixtures/scans/README.md, "Markup"): header,
 * title, bold and right-aligned markers dropped, rules and signatures removed, pages joined.
 */
export function typedText(source: string): string {
  return source.split(/\r?\n|\f/u)
    .filter((line) => line.trim() !== '---')
    .map((line) => line.replace(/^[@#^>]/u, '').replace(/\{imza>?\}/gu, ''))
    .join('\n');
}

/** All whitespace runs as one space: layout is not what is compared. */
export function collapseSpace(text: string): string {
  return text.replace(/\s+/gu, ' ').trim();
}

/** Edit distance over code points, two rows of the table at a time. */
export function levenshtein(a: string, b: string): number {
  const x = Array.from(a);
  const y = Array.from(b);
  if (x.length === 0) return y.length;
  if (y.length === 0) return x.length;
  let previous = new Uint32Array(y.length + 1);
  let current = new Uint32Array(y.length + 1);
  for (let j = 0; j <= y.length; j++) previous[j] = j;
  for (let i = 1; i <= x.length; i++) {
    current[0] = i;
    const xi = x[i - 1];
    for (let j = 1; j <= y.length; j++) {
      const substitution = previous[j - 1]! + (xi === y[j - 1] ? 0 : 1);
      current[j] = Math.min(substitution, previous[j]! + 1, current[j - 1]! + 1);
    }
    [previous, current] = [current, previous];
  }
  return previous[y.length]!;
}

/** 1 − edits / typed length, bounded to 0..1. */
export function characterAccuracy(edits: number, typedLength: number): number {
  return typedLength === 0 ? 1 : Math.max(0, 1 - edits / typedLength);
}

/**
 * Scores one document read by one side.
 * @param typed the document's typed text (`typedText` of its `.txt`), or null
 */
export async function scoreDocument(
  doc: { job: OcrJob; format: DocumentFormat; truth: Truth; typed: string | null },
  pages: readonly PageReading[],
): Promise<DocumentScore> {
  const texts: PageText[] = pages.map((page, i) => ({ page: i + 1, text: page.text.trim(), confidence: Math.min(1, Math.max(0, page.confidence)), source: 'ocr' }));
  const reading = assembleReading(doc.format, texts);
  const decision = await decideItem(documentItem(doc.job, reading), null, decideOptions);
  const misses = FIELDS.filter((field) => !same(field, decision.customer[field] ?? null, doc.truth[field]));
  if (doc.typed === null) return { fieldsRight: FIELDS.length - misses.length, fields: FIELDS.length, misses, edits: null, typedLength: null };
  const typed = collapseSpace(doc.typed);
  return {
    fieldsRight: FIELDS.length - misses.length, fields: FIELDS.length, misses,
    edits: levenshtein(collapseSpace(reading.text), typed), typedLength: Array.from(typed).length,
  };
}

export interface SideAccuracy {
  fieldsRight: number;
  fields: number;
  /** fieldsRight / fields. */
  fieldAccuracy: number;
  /** 1 − all edits / all typed characters, over the documents with a `.txt`. */
  characterAccuracy: number;
  /** The mean of the documents' own character accuracies. */
  meanDocumentCharacterAccuracy: number;
  /** `document.field` for every field read wrong. */
  misses: string[];
}

export function sideAccuracy(scores: ReadonlyArray<{ name: string; score: DocumentScore }>): SideAccuracy {
  let fieldsRight = 0;
  let fields = 0;
  let edits = 0;
  let typed = 0;
  const perDocument: number[] = [];
  const misses: string[] = [];
  for (const { name, score } of scores) {
    fieldsRight += score.fieldsRight;
    fields += score.fields;
    misses.push(...score.misses.map((field) => `${name}.${field}`));
    if (score.edits !== null && score.typedLength !== null) {
      edits += score.edits;
      typed += score.typedLength;
      perDocument.push(characterAccuracy(score.edits, score.typedLength));
    }
  }
  return {
    fieldsRight, fields, fieldAccuracy: fields === 0 ? 0 : fieldsRight / fields,
    characterAccuracy: characterAccuracy(edits, typed),
    meanDocumentCharacterAccuracy: perDocument.length === 0 ? 0 : perDocument.reduce((a, b) => a + b, 0) / perDocument.length,
    misses,
  };
}
