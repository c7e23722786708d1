/**
 * One OCR job, start to end: read it, fetch the original from the blob store, read the document
 * (engine/), and publish the raw item with connectors/publish-raw.ts, which screens the text for a
 * gas emergency and publishes the alert first: a faxed leak report reaches the dispatcher even when
 * the fax is incomplete. Resolves only once Kafka acknowledged the raw item, so the worker commits
 * the job's offset after that and never before. A document that cannot be read (corrupt, over a
 * limit, OCR failing) is published as unreadable with its reason and archived: never retried
 * forever. Only stopping leaves a job for redelivery. Logs carry the item id, counts, confidence
 * and durations: never the text.
 */
import { publishRawItem } from '../connectors/publish-raw.js';
import { setAsideJob } from '../connectors/set-aside-job.js';
import type { ConnectorDeps } from '../connectors/types.js';
import { IntakeError } from '../runtime/errors.js';
import { readJob } from '../runtime/kafka/read-job.js';
import type { IncomingMessage } from '../runtime/kafka/types.js';
import type { Logger } from '../runtime/logger.js';
import { retry, type RetryOptions } from '../runtime/retry.js';
import { validateOcrJob, validateRawItem } from '../runtime/schemas.js';
import type { OcrJob } from '../schemas/types.generated.js';
import { documentItem, type DocumentOutcome } from './document-item.js';
import type { OcrEngine } from './engine/index.js';

export interface OcrJobContext {
  /** What publishRawItem needs: the publisher, the raw and emergency topics, the blob store. */
  publishing: ConnectorDeps;
  engine: OcrEngine;
  /** Backoff for Kafka; `signal` is the worker stopping. */
  publishRetry: RetryOptions & { signal: AbortSignal };
  log: Logger;
}

async function readDocument(c: OcrJobContext, job: OcrJob, log: Logger): Promise<DocumentOutcome> {
  let bytes: Buffer;
  try {
    bytes = await c.publishing.blobStore.get(job.document.ref);
  } catch (error) {
    log.error({ code: error instanceof IntakeError ? error.code : 'INTAKE_BLOB_MISSING' }, 'the original is not in the blob store');
    return { ok: false, format: 'unknown', pages: 0, reason: 'original-missing' };
  }
  try {
    return await c.engine.read(bytes, { signal: c.publishRetry.signal });
  } catch (error) {
    if (c.publishRetry.signal.aborted) throw new IntakeError('INTAKE_KAFKA_UNAVAILABLE', 'the worker stopped while reading; the job is left for the next owner', { retriable: true, cause: error });
    // The engine itself is down, not the document: the job waits for redelivery.
    if (error instanceof IntakeError && error.retriable) {
      log.error({ code: error.code }, 'OCR engine unavailable; the document waits');
      throw error;
    }
    // A document that breaks the engine would break it again on every redelivery.
    log.error({ code: 'INTAKE_INTERNAL', err: { name: (error as Error | null)?.name } }, 'OCR failed on this document; archived as unreadable');
    return { ok: false, format: 'unknown', pages: 0, reason: 'ocr-failed' };
  }
}

/** @throws IntakeError INTAKE_KAFKA_UNAVAILABLE when Kafka would not take the item after the retries, or the worker stopped: the job is then redelivered */
export async function processOcrJob(c: OcrJobContext, message: IncomingMessage): Promise<void> {
  const started = process.hrtime.bigint();
  let job: OcrJob;
  try {
    job = readJob(message, validateOcrJob, 'the OCR job');
  } catch (error) {
    return setAsideJob(c.publishing, c.publishRetry, c.log, message, error, 'ocr');
  }
  const log = c.log.child({ itemId: job.itemId, channel: job.channel });
  const reading = await readDocument(c, job, log);
  const item = documentItem(job, reading);
  if (!validateRawItem(item)) return setAsideJob(c.publishing, c.publishRetry, c.log, message, new IntakeError('INTAKE_INTERNAL', 'the document made an invalid raw item'), 'ocr');
  const published = await retry(() => publishRawItem(c.publishing, item), c.publishRetry);
  const ms = Number(process.hrtime.bigint() - started) / 1e6;
  c.publishing.metrics?.observeStage('ocr', ms / 1000);
  if (reading.ok) {
    log.info({ read: reading.read, format: reading.format, pages: reading.pages.length, confidence: item.text?.confidence ?? null, chars: item.text?.body.length ?? 0, emergency: published.emergency, ms }, 'document published');
  } else {
    log.warn({ read: 'unreadable', format: reading.format, pages: reading.pages, reason: reading.reason, ms }, 'document unreadable; published to be archived');
  }
}
