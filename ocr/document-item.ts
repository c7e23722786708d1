/**
 * The raw item a fax or letter becomes once read: its text (`source: ocr`, with OCR's confidence,
 * 1 for a PDF's own text), how it was read or why it could not be, the petition's registry number,
 * and the original as the attachment. No sender: a fax number is not a way to reach the customer.
 * Pure.
 */
import type { OcrJob, RawItem } from '../schemas/types.generated.js';
import type { DocumentFormat, DocumentReading, UnreadableReason } from './engine/index.js';

/** What the worker made of a document: the engine's reading, or why the engine never got to it or gave up. */
export type DocumentOutcome = DocumentReading | { ok: false; format: DocumentFormat; pages: number; reason: UnreadableReason | 'original-missing' | 'ocr-failed' };

type DocumentFacts = NonNullable<RawItem['document']>;

function facts(job: OcrJob, reading: DocumentOutcome): DocumentFacts {
  const registry = job.registryNumber === undefined ? {} : { registryNumber: job.registryNumber };
  if (!reading.ok) return { ...registry, format: reading.format, pages: reading.pages, read: 'unreadable', problem: reading.reason };
  return { ...registry, format: reading.format, pages: reading.pages.length, read: reading.read };
}

export function documentItem(job: OcrJob, reading: DocumentOutcome): RawItem {
  const item: RawItem = {
    schemaVersion: 1,
    itemId: job.itemId,
    channel: job.channel,
    receivedAt: job.receivedAt,
    connector: job.connector,
    sourceRef: job.sourceRef,
    document: facts(job, reading),
    attachments: [job.document],
  };
  if (reading.ok && reading.text.trim() !== '') item.text = { body: reading.text, source: 'ocr', confidence: Math.round(reading.confidence * 1000) / 1000 };
  return item;
}
