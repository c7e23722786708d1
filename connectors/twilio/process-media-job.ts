/**
 * One media job, start to end: read it, fetch its media into the blob store (media.ts), and
 * publish the raw item with them as its attachments, through connectors/publish-raw.ts but without
 * a second alert: the webhook screened the text and published the alert of a gas emergency before
 * the job, so the dispatcher already knows. Resolves only once Kafka acknowledged the raw item, so
 * the worker commits the job's offset after that and never before. A job that cannot be read goes
 * to the dead-letter topic with its bytes. Logs carry the item id, counts, reasons and durations:
 * never the sender, the text or the media URLs.
 */
import type { MediaJob } from '../../schemas/types.generated.js';
import { publishRawItem } from '../publish-raw.js';
import { setAsideJob } from '../set-aside-job.js';
import type { ConnectorDeps } from '../types.js';
import { IntakeError } from '../../runtime/errors.js';
import type { IncomingMessage } from '../../runtime/kafka/types.js';
import { readJob } from '../../runtime/kafka/read-job.js';
import type { Logger } from '../../runtime/logger.js';
import { retry, type RetryOptions } from '../../runtime/retry.js';
import { validateMediaJob, validateRawItem } from '../../runtime/schemas.js';
import type { MediaCredentials } from './media-fetch.js';
import { storeMedia, type MediaFetchSettings } from './media.js';

export interface MediaJobContext {
  /** What publishRawItem needs: the publisher, the raw topic, the blob store (and the dead-letter topic). */
  publishing: ConnectorDeps;
  fetching: MediaFetchSettings;
  /** Attempts and backoff per media file; `signal` is the worker stopping. */
  fetchRetry: RetryOptions;
  /** Backoff for Kafka; `signal` is the worker stopping. */
  publishRetry: RetryOptions;
  credentials: MediaCredentials;
  log: Logger;
}

/** @throws IntakeError INTAKE_KAFKA_UNAVAILABLE when Kafka would not take the item after the retries, INTAKE_MEDIA_UNAVAILABLE when the worker stopped: the job is then redelivered */
export async function processMediaJob(c: MediaJobContext, message: IncomingMessage): Promise<void> {
  const started = process.hrtime.bigint();
  let job: MediaJob;
  try {
    job = readJob(message, validateMediaJob, 'the media job');
  } catch (error) {
    return setAsideJob(c.publishing, c.publishRetry, c.log, message, error, 'media');
  }
  const log = c.log.child({ itemId: job.item.itemId });
  const stored = await storeMedia(job.media, { fetching: c.fetching, retrying: c.fetchRetry, credentials: c.credentials, blobStore: c.publishing.blobStore });
  if (stored.failures.length > 0) log.warn({ code: 'INTAKE_MEDIA_UNAVAILABLE', media: job.media.length, unfetched: stored.failures.length, reasons: [...new Set(stored.failures)] }, 'media not fetched; text published with a note in their place');
  const item = { ...job.item, attachments: [...job.item.attachments, ...stored.attachments] };
  // A bug here must not publish an item the normalizer would dead-letter without its context.
  if (!validateRawItem(item)) return setAsideJob(c.publishing, c.publishRetry, c.log, message, new IntakeError('INTAKE_INTERNAL', 'the media job made an invalid raw item'), 'media');
  const published = await retry(() => publishRawItem(c.publishing, item, { alertPublished: true }), c.publishRetry);
  const ms = Number(process.hrtime.bigint() - started) / 1e6;
  c.publishing.metrics?.observeStage('media', ms / 1000);
  log.info({ media: job.media.length, fetched: stored.fetched, emergency: published.emergency, ms }, 'message published with its media');
}
