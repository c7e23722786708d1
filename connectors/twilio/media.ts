/**
 * An MMS's media (a photo of a meter or a bill) into the blob store, by the media workers, after
 * Twilio has been answered: the webhook only screens the text and publishes a media job
 * (media-job.ts), so a slow media host never makes Twilio wait or retry. Each file is fetched
 * (media-fetch.ts) with retries and backoff, each attempt within its own time limit; whatever is
 * not fetched in the end is replaced by a small JSON note naming the media URL and the reason, so
 * the text is published in any case, the record shows that a photo was sent, and a person can
 * still fetch it while Twilio keeps it. A text with a photo alone is then not mistaken for an
 * empty message.
 */
import type { BlobRef } from '../../schemas/types.generated.js';
import type { BlobStore } from '../../runtime/blob-store.js';
import { deadlineSignal } from '../../runtime/deadline-signal.js';
import { IntakeError } from '../../runtime/errors.js';
import { retry, type RetryOptions } from '../../runtime/retry.js';
import { fetchMedia, mediaFailureReason, type MediaCredentials } from './media-fetch.js';
import { mediaType, type MediaEntry } from './media-job.js';

/** The attachment that stands for a media file not fetched. */
export const UNFETCHED_MEDIA_TYPE = 'application/vnd.intake.unfetched-media+json';

/** How one attempt at one file goes, and from where (`media.origins`). */
export interface MediaFetchSettings {
  /** One attempt, the download included. */
  readonly timeoutMs: number;
  readonly maxBytes: number;
  readonly origins: readonly string[];
}

export interface StoredMedia {
  /** One per media entry, in order: the file, or the note in its place (none where not even the note could be written). */
  attachments: BlobRef[];
  fetched: number;
  /** Why each media file not fetched was not (`http-404`, `timeout`…), for the log. */
  failures: string[];
}

const EXTENSIONS: Readonly<Record<string, string>> = {
  'image/jpeg': '.jpg', 'image/png': '.png', 'image/gif': '.gif', 'image/heic': '.heic', 'image/webp': '.webp', 'image/bmp': '.bmp',
  'application/pdf': '.pdf', 'video/mp4': '.mp4', 'video/3gpp': '.3gp', 'audio/amr': '.amr', 'audio/mpeg': '.mp3', 'text/vcard': '.vcf', 'text/plain': '.txt',
};

/** A note in the media file's place: its URL (no personal data: account, message and media ids) and why it is missing. */
function unfetchedNote(entry: MediaEntry, reason: string, blobStore: BlobStore): Promise<BlobRef> {
  const note = { kind: 'twilio-media-unfetched', index: entry.index, mediaUrl: entry.url, contentType: entry.contentType, reason };
  return blobStore.put(Buffer.from(`${JSON.stringify(note, null, 2)}\n`, 'utf8'), UNFETCHED_MEDIA_TYPE, `media-${entry.index + 1}.unfetched.json`);
}

async function noteOrNothing(entry: MediaEntry, reason: string, blobStore: BlobStore): Promise<{ ref: BlobRef | null; failure: string }> {
  try {
    return { ref: await unfetchedNote(entry, reason, blobStore), failure: reason };
  } catch {
    return { ref: null, failure: 'blob-store-unavailable' };
  }
}

/** A note in each media file's place, fetching nothing (`intake check`). Never throws. */
export async function noteMedia(entries: readonly MediaEntry[], reason: string, blobStore: BlobStore): Promise<BlobRef[]> {
  const notes = await Promise.all(entries.map((entry) => noteOrNothing(entry, reason, blobStore)));
  return notes.flatMap((n) => (n.ref === null ? [] : [n.ref]));
}

/**
 * Fetches and stores each media file, all at once, or a note in its place. When the blob store
 * cannot write even the note, the entry is left out (`blob-store-unavailable`) and the text still
 * goes on.
 * @param options.retrying attempts and backoff per file; its `signal` is the worker stopping
 * @throws IntakeError INTAKE_MEDIA_UNAVAILABLE (retriable) only when `retrying.signal` aborted: the
 *   job is then not finished, and no note is written for a fetch that was merely cut short
 */
export async function storeMedia(entries: readonly MediaEntry[], options: { fetching: MediaFetchSettings; retrying: RetryOptions; credentials: MediaCredentials; blobStore: BlobStore }): Promise<StoredMedia> {
  const { fetching, retrying, blobStore } = options;
  const stopping = retrying.signal;
  const origins = new Set(fetching.origins);
  const attempt = (url: string): ReturnType<typeof fetchMedia> => {
    const deadline = deadlineSignal(fetching.timeoutMs, stopping);
    return fetchMedia(url, { credentials: options.credentials, origins, maxBytes: fetching.maxBytes, signal: deadline.signal }).finally(deadline.clear);
  };
  const one = async (entry: MediaEntry): Promise<{ ref: BlobRef | null; failure: string | null }> => {
    let reason: string;
    try {
      const fetched = await retry(() => attempt(entry.url), retrying);
      const type = mediaType(fetched.contentType) ?? mediaType(entry.contentType) ?? 'application/octet-stream';
      return { ref: await blobStore.put(fetched.bytes, type, `media-${entry.index + 1}${EXTENSIONS[type] ?? ''}`), failure: null };
    } catch (error) {
      if (stopping?.aborted) throw new IntakeError('INTAKE_MEDIA_UNAVAILABLE', 'the worker stopped while fetching media; the job is left for the next owner', { retriable: true, details: { reason: 'stopping' }, cause: error });
      reason = mediaFailureReason(error);
    }
    return noteOrNothing(entry, reason, blobStore);
  };
  const results = await Promise.all(entries.map(one));
  const failures = results.flatMap((r) => (r.failure === null ? [] : [r.failure]));
  return { attachments: results.flatMap((r) => (r.ref === null ? [] : [r.ref])), fetched: results.length - failures.length, failures };
}
