/**
 * An MMS's media (a photo of a meter or a bill) into the blob store, before the item is published.
 *
 * Why before, not after the answer: the raw item is the one message the pipeline has about an
 * SMS, and the sink keeps the first record of an item id, so media published later would need a
 * message kind and a consumer of their own, while Twilio serves the media at once and one photo
 * takes well under a second. So they are fetched first, all together, within one budget
 * (`media.budgetMs`, a third of the 15 s Twilio waits), with retries; whatever is not fetched in
 * time is replaced by a small JSON note naming the media URL and the reason, so the text is
 * published in any case, the record shows that a photo was sent, and a person can still fetch it
 * while Twilio keeps it. A text with a photo alone is then not mistaken for an empty message.
 */
import type { BlobRef } from '../../schemas/types.generated.js';
import type { BlobStore } from '../../runtime/blob-store.js';
import { retry } from '../../runtime/retry.js';
import type { MediaLink } from './inbound-message.js';
import { fetchMedia, mediaFailureReason, type FetchBudget, type MediaCredentials } from './media-fetch.js';

/** The attachment that stands for a media file not fetched. */
export const UNFETCHED_MEDIA_TYPE = 'application/vnd.intake.unfetched-media+json';

export type MediaSettings = FetchBudget;

export interface StoredMedia {
  /** One per media link, in order: the file, or the note in its place (none where not even the note could be written). */
  attachments: BlobRef[];
  fetched: number;
  /** Why each media file not fetched was not (`http-404`, `timeout`…), for the log. */
  failures: string[];
}

const MIME_TYPE = /^[a-z0-9][a-z0-9!#$&^_.+-]*\/[a-z0-9][a-z0-9!#$&^_.+-]*$/;
const EXTENSIONS: Readonly<Record<string, string>> = {
  'image/jpeg': '.jpg', 'image/png': '.png', 'image/gif': '.gif', 'image/heic': '.heic', 'image/webp': '.webp', 'image/bmp': '.bmp',
  'application/pdf': '.pdf', 'video/mp4': '.mp4', 'video/3gpp': '.3gp', 'audio/amr': '.amr', 'audio/mpeg': '.mp3', 'text/vcard': '.vcf', 'text/plain': '.txt',
};

/** The media type without parameters, when it is one; null otherwise. */
function mediaType(contentType: string | null): string | null {
  const type = (contentType ?? '').split(';')[0]?.trim().toLowerCase() ?? '';
  return type.length <= 200 && MIME_TYPE.test(type) ? type : null;
}

/** A note in the media file's place: its URL (no personal data: account, message and media ids) and why it is missing. */
function unfetchedNote(link: MediaLink, index: number, reason: string, blobStore: BlobStore): Promise<BlobRef> {
  const note = { kind: 'twilio-media-unfetched', index, mediaUrl: link.url, contentType: mediaType(link.contentType), reason };
  return blobStore.put(Buffer.from(`${JSON.stringify(note, null, 2)}\n`, 'utf8'), UNFETCHED_MEDIA_TYPE, `media-${index + 1}.unfetched.json`);
}

/**
 * Fetches and stores each media file, or a note in its place. Never throws: when the blob store
 * cannot write even the note, the entry is left out (`blob-store-unavailable`) and the text still
 * goes on.
 * @param options.reasonWhenOff the reason noted when the budget is 0 (fetching is off)
 */
export async function storeMedia(links: readonly MediaLink[], options: { settings: MediaSettings; credentials: MediaCredentials; blobStore: BlobStore; reasonWhenOff?: string }): Promise<StoredMedia> {
  const { settings, blobStore } = options;
  if (links.length === 0) return { attachments: [], fetched: 0, failures: [] };
  const origins = new Set(settings.origins);
  const signal = AbortSignal.timeout(Math.max(settings.budgetMs, 1));
  const fetchOne = async (link: MediaLink, index: number): Promise<BlobRef> => {
    const fetched = await retry(() => fetchMedia(link.url, { credentials: options.credentials, origins, maxBytes: settings.maxBytes, signal }), { attempts: settings.attempts, initialMs: 200, maxMs: 1000, signal });
    const type = mediaType(fetched.contentType) ?? mediaType(link.contentType) ?? 'application/octet-stream';
    return blobStore.put(fetched.bytes, type, `media-${index + 1}${EXTENSIONS[type] ?? ''}`);
  };
  const one = async (link: MediaLink, index: number): Promise<{ ref: BlobRef | null; failure: string | null }> => {
    let reason = options.reasonWhenOff ?? 'fetching-off';
    if (settings.budgetMs > 0) {
      try {
        return { ref: await fetchOne(link, index), failure: null };
      } catch (error) {
        reason = mediaFailureReason(error);
      }
    }
    try {
      return { ref: await unfetchedNote(link, index, reason, blobStore), failure: reason };
    } catch {
      return { ref: null, failure: 'blob-store-unavailable' };
    }
  };
  const results = await Promise.all(links.map(one));
  const failures = results.flatMap((r) => (r.failure === null ? [] : [r.failure]));
  return { attachments: results.flatMap((r) => (r.ref === null ? [] : [r.ref])), fetched: results.length - failures.length, failures };
}
