/**
 * A text as the field readers read it: its numbers written as digits (OCR's look-alike letters put
 * back, spoken numbers written out) and folded with every character where it was, so that labels
 * are matched on the folded text and values taken at the same offsets of the text.
 */
import type { TextSource } from '../../schemas/types.generated.js';
import { foldKeepingOffsets } from '../turkish/fold.js';
import { repairOcrDigits } from './ocr-digits.js';
import { speechToDigits } from './spoken-numbers.js';

/** How much less sure a value is for each of its characters OCR read as a letter. */
const REPAIR_COST = 0.03;

export interface Reading {
  readonly text: string;
  readonly folded: string;
  readonly repairedAt: ReadonlySet<number>;
}

/** The text of `source` ready for the readers. */
export function read(text: string, source: TextSource): Reading {
  if (source === 'transcript') {
    // A caller's "ıı" or "ee" in the middle of a number is no part of it.
    const spoken = speechToDigits(text.replace(/(?<=\s)(ı{2,}|i{2,}|e{2,}|hı+m+|hm+)\s+/giu, ''));
    return { text: spoken, folded: foldKeepingOffsets(spoken), repairedAt: new Set() };
  }
  if (source === 'ocr') {
    const repaired = repairOcrDigits(text);
    return { text: repaired.text, folded: foldKeepingOffsets(repaired.text), repairedAt: repaired.repairedAt };
  }
  return { text, folded: foldKeepingOffsets(text), repairedAt: new Set() };
}

/** How sure a value read at [start, end) is: the text's own confidence, less each repaired character. */
export function confidenceOf(base: number, reading: Reading, start: number, end: number): number {
  let repairs = 0;
  for (const at of reading.repairedAt) if (at >= start && at < end) repairs++;
  return Math.max(0, Math.round((base - repairs * REPAIR_COST) * 100) / 100);
}

/** The text the fields are read from: the own words, a blank line, the signature, each read on its own. */
export interface MessageReading extends Reading {
  /** Where the own words end in `text`; the signature starts two characters later, when there is one. */
  readonly ownEnd: number;
}

/**
 * The own words and the signature read for `source`. Each part is read on its own: a spoken number
 * at the end of the text must not run into one in the signature, and offsets into the result
 * (rewritten for a transcript) are the readers' to use, not the parts'.
 */
export function readMessage(own: string, ownFolded: string, signature: string, signatureFolded: string, source: TextSource): MessageReading {
  const parts = source === 'typed'
    ? [{ text: own, folded: ownFolded, repairedAt: new Set<number>() }, { text: signature, folded: signatureFolded, repairedAt: new Set<number>() }]
    : [read(own, source), read(signature, source)];
  const [first, second] = parts as [Reading, Reading];
  if (second.text === '') return { ...first, ownEnd: first.text.length };
  if (first.text === '') return { ...second, ownEnd: 0 };
  const shift = first.text.length + 2;
  return {
    text: `${first.text}\n\n${second.text}`,
    folded: `${first.folded}\n\n${second.folded}`,
    repairedAt: new Set([...first.repairedAt, ...[...second.repairedAt].map((at) => at + shift)]),
    ownEnd: first.text.length,
  };
}
