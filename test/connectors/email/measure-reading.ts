/**
 * Reads one mail file in a fresh process and prints, as JSON, what the reading gave and took: a
 * process of its own, so that the peak RSS it reports is this reading's alone and not what earlier
 * tests left on the heap. Run by hostile-mail.test.ts as `node --expose-gc measure-reading.js <file>`.
 */
import { createHash } from 'node:crypto';
import { readFile } from 'node:fs/promises';
import { readMail } from '../../../connectors/email/read-mail.js';
import type { BlobStore } from '../../../runtime/blob-store.js';
import { IntakeError } from '../../../runtime/errors.js';
import { validateRawItem } from '../../../runtime/schemas.js';

export interface Measured {
  ok: boolean;
  code: string | null;
  valid: boolean;
  millis: number;
  /** Peak resident set size while reading, above what the process held before (the raw mail included). */
  rssGrowthBytes: number;
  attachments: number;
  subject: string | null;
  body: string;
  notes: unknown;
}

// Hashes as the real store does, keeps nothing: the reader's memory is measured, not the store's.
const blobStore: BlobStore = {
  put: (bytes, contentType, name) => Promise.resolve({ ref: `sha256:${createHash('sha256').update(bytes).digest('hex')}`, contentType, size: bytes.length, ...(name === undefined ? {} : { name }) }),
  get: () => Promise.reject(new IntakeError('INTAKE_BLOB_MISSING', 'this blob store keeps nothing')),
};

async function measure(file: string): Promise<Measured> {
  const receivedAt = new Date('2026-12-01T07:00:05Z');
  // Modules load lazily (html-to-text, the TLD list): a small HTML mail first, outside the count.
  await readMail(Buffer.from('Subject: x\r\nContent-Type: text/html\r\n\r\n<p>x</p>'), { receivedAt, blobStore });
  const raw = await readFile(file);
  const gc = (globalThis as { gc?: () => void }).gc;
  gc?.();
  const before = process.memoryUsage.rss();
  // The process's lifetime peak counts only if this reading raised it: module loading may have
  // peaked above what the collector left before the reading.
  const peakBefore = process.resourceUsage().maxRSS * 1024;
  let peak = before;
  const sampler = setInterval(() => { peak = Math.max(peak, process.memoryUsage.rss()); }, 1);
  const started = performance.now();
  const reading = await readMail(raw, { receivedAt, blobStore });
  const millis = performance.now() - started;
  clearInterval(sampler);
  const peakAfter = process.resourceUsage().maxRSS * 1024;
  peak = Math.max(peak, process.memoryUsage.rss(), peakAfter > peakBefore ? peakAfter : 0);
  return {
    ok: reading.ok,
    code: reading.ok ? null : reading.code,
    valid: reading.ok && validateRawItem(reading.item),
    millis: Math.round(millis),
    rssGrowthBytes: peak - before,
    attachments: reading.ok ? reading.item.attachments.length : 0,
    subject: reading.ok ? (reading.item.text?.subject ?? null) : null,
    body: reading.ok ? (reading.item.text?.body ?? '') : '',
    notes: reading.ok ? reading.notes : null,
  };
}

const file = process.argv[2];
if (file !== undefined) process.stdout.write(JSON.stringify(await measure(file)));
