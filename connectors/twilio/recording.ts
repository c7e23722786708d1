/**
 * A voicemail's recording into the blob store, before its job is published and Twilio answered.
 * Twilio serves the audio at RecordingUrl with an extension: `.wav` is 8 kHz 16-bit PCM as
 * recorded, which the silence check reads without a codec and every transcriber accepts. It is
 * fetched like MMS media (media-fetch.ts): basic authentication with the account's credentials, to
 * the configured origins only, redirects followed without them, within a budget and with retries.
 *
 * A recording not fetched in time is replaced by a small JSON note naming its URL and why: the job
 * still goes on and the voicemail is published marked `failed`, so a person can fetch it while
 * Twilio keeps it. Answering 503 instead would leave the voicemail to Twilio's retries, which give
 * up after a few, and a voicemail must never be lost.
 */
import type { BlobRef, TranscriptionJob } from '../../schemas/types.generated.js';
import type { BlobStore } from '../../runtime/blob-store.js';
import { deadlineSignal } from '../../runtime/deadline-signal.js';
import { retry } from '../../runtime/retry.js';
import { fetchMedia, mediaFailureReason, type MediaCredentials } from './media-fetch.js';

/** The attachment that stands for a recording not fetched. */
export const UNFETCHED_RECORDING_TYPE = 'application/vnd.intake.unfetched-recording+json';

/** How long, how often and how much of the recording is fetched, and from where (`media.origins`). */
export interface RecordingSettings {
  readonly budgetMs: number;
  readonly attempts: number;
  readonly maxBytes: number;
  readonly origins: readonly string[];
}

export type RecordingState = TranscriptionJob['recording'];

const AUDIO_TYPE = /^audio\/(?:x-)?wav$|^audio\/wave$|^audio\/vnd\.wave$/;

/** The URL of the WAV: Twilio's RecordingUrl names the recording without an extension. */
export function wavUrlOf(recordingUrl: string): string {
  const [path = '', query] = recordingUrl.split('?', 2);
  const wav = /\.(?:wav|mp3)$/i.test(path) ? path : `${path}.wav`;
  return query === undefined ? wav : `${wav}?${query}`;
}

async function unfetched(recordingUrl: string, reason: string, blobStore: BlobStore): Promise<RecordingState> {
  const note = { kind: 'twilio-recording-unfetched', recordingUrl, reason };
  try {
    const ref: BlobRef = await blobStore.put(Buffer.from(`${JSON.stringify(note, null, 2)}\n`, 'utf8'), UNFETCHED_RECORDING_TYPE, 'recording.unfetched.json');
    return { status: 'unfetched', reason, note: ref };
  } catch {
    return { status: 'unfetched', reason };
  }
}

/**
 * Fetches and stores the recording, or a note in its place. Never throws.
 * @param options.reasonWhenOff the reason noted when the budget is 0 (fetching is off)
 */
export async function storeRecording(recordingUrl: string, options: { settings: RecordingSettings; credentials: MediaCredentials; blobStore: BlobStore; reasonWhenOff?: string }): Promise<RecordingState> {
  const { settings, blobStore } = options;
  if (settings.budgetMs <= 0) return unfetched(recordingUrl, options.reasonWhenOff ?? 'fetching-off', blobStore);
  const { signal, clear } = deadlineSignal(settings.budgetMs);
  try {
    const fetched = await retry(
      () => fetchMedia(wavUrlOf(recordingUrl), { credentials: options.credentials, origins: new Set(settings.origins), maxBytes: settings.maxBytes, signal }),
      { attempts: settings.attempts, initialMs: 200, maxMs: 1000, signal },
    );
    const type = (fetched.contentType ?? '').split(';')[0]?.trim().toLowerCase() ?? '';
    // Twilio names it audio/x-wav; it is kept under the registered name whatever the server called it.
    const audio = await blobStore.put(fetched.bytes, AUDIO_TYPE.test(type) || type === '' || type === 'application/octet-stream' ? 'audio/wav' : type, 'recording.wav');
    return { status: 'stored', audio };
  } catch (error) {
    return unfetched(recordingUrl, mediaFailureReason(error), blobStore);
  } finally {
    clear();
  }
}
