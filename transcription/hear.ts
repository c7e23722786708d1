/**
 * What a voicemail's recording says, in this order, each step cheap before the next:
 * 1. no recording at all (Twilio kept none: too short, silent) → `silent`;
 * 2. the audio, if it was stored, decoded and measured (silence.ts): too little sound → `silent`,
 *    and the transcriber is not called;
 * 3. no transcriber configured → `unavailable`;
 * 4. the transcriber, retried with backoff on a timeout, a broken connection, a 5xx or a 429:
 *    its text → `transcribed`; a refusal, or the last attempt failing → `failed`.
 * Only stopping the worker throws: the job is then not finished, its offset not committed, and the
 * next owner of the partition hears it again. Everything else ends in an outcome, so that the
 * voicemail is always published (PIPELINE.md: never dropped).
 */
import type { TranscriptionJob } from '../schemas/types.generated.js';
import type { BlobStore } from '../runtime/blob-store.js';
import { IntakeError, type ErrorCode } from '../runtime/errors.js';
import { retry, type RetryOptions } from '../runtime/retry.js';
import { storableText } from '../runtime/storable-text.js';
import { isSilent, measureSound, type SilenceSettings, type SoundMeasure } from './silence.js';
import type { RecordingAudio, Transcriber } from './transcribers/transcriber.js';
import { transcriberFailureReason } from './transcribers/transcriber.js';
import { decodeWav } from './wav.js';

export type TranscriptionOutcome = 'transcribed' | 'unavailable' | 'failed' | 'silent';

export interface Heard {
  readonly transcription: TranscriptionOutcome;
  /** Why, for the log: `transcribed`, `no-transcriber`, `too-short`, `quiet`, `http-500`, `timeout`… */
  readonly reason: string;
  /** The error code of a failure. */
  readonly code?: ErrorCode;
  readonly text?: string;
  readonly confidence?: number;
  /** The transcriber that made the text. */
  readonly transcriber?: string;
  /** What the silence check measured, when it could read the audio. */
  readonly sound?: SoundMeasure;
  /** Calls made to the transcriber. */
  readonly attempts: number;
}

export interface HearDeps {
  blobStore: BlobStore;
  transcriber: Transcriber | null;
  /** null skips the silence check. */
  silence: SilenceSettings | null;
  /** Backoff between the transcriber's attempts; `signal` is the worker stopping. */
  retrying: RetryOptions;
  /** Told when the audio cannot be read from the blob store or decoded (the reason, never the bytes). */
  onAudioProblem?: (reason: string) => void;
}

async function audioOf(job: TranscriptionJob, deps: HearDeps): Promise<RecordingAudio | null> {
  if (job.recording.status !== 'stored') return null;
  const { audio } = job.recording;
  try {
    return { bytes: await deps.blobStore.get(audio.ref), contentType: audio.contentType, name: audio.name ?? 'recording.wav' };
  } catch (error) {
    deps.onAudioProblem?.(error instanceof IntakeError ? error.code : 'blob-store-unavailable');
    return null;
  }
}

function measured(audio: RecordingAudio, deps: HearDeps): SoundMeasure | undefined {
  if (deps.silence === null) return undefined;
  const reading = decodeWav(audio.bytes);
  if (!reading.ok) {
    deps.onAudioProblem?.(`wav-${reading.reason}`);
    return undefined;
  }
  return measureSound(reading.audio, deps.silence.frameThresholdDbfs);
}

/** @throws IntakeError INTAKE_TRANSCRIBER_UNAVAILABLE (retriable) only when the worker is stopping */
export async function hear(job: TranscriptionJob, deps: HearDeps): Promise<Heard> {
  if (job.recording.status === 'absent') return { transcription: 'silent', reason: job.recording.reason, attempts: 0 };
  const audio = await audioOf(job, deps);
  const sound = audio === null ? undefined : measured(audio, deps);
  const withSound = sound === undefined ? {} : { sound };
  if (sound !== undefined && deps.silence !== null && isSilent(sound, deps.silence)) return { transcription: 'silent', reason: 'quiet', ...withSound, attempts: 0 };
  const transcriber = deps.transcriber;
  if (transcriber === null) return { transcription: 'unavailable', reason: 'no-transcriber', ...withSound, attempts: 0 };
  if (transcriber.needsAudio && audio === null) {
    const reason = job.recording.status === 'unfetched' ? `recording-${job.recording.reason}` : 'recording-unreadable';
    return { transcription: 'failed', reason, code: job.recording.status === 'unfetched' ? 'INTAKE_MEDIA_UNAVAILABLE' : 'INTAKE_BLOB_MISSING', ...withSound, attempts: 0 };
  }
  let attempts = 0;
  const signal = deps.retrying.signal ?? new AbortController().signal;
  try {
    const transcript = await retry(() => {
      attempts += 1;
      return transcriber.transcribe({ audio, job, signal });
    }, deps.retrying);
    // Cleaned once here, at the edge: the normalizer takes it as it is.
    const text = storableText(transcript.text).trim();
    return {
      transcription: 'transcribed', reason: 'transcribed', text, transcriber: transcriber.name, attempts, ...withSound,
      ...(transcript.confidence === undefined ? {} : { confidence: transcript.confidence }),
    };
  } catch (error) {
    if (signal.aborted) throw new IntakeError('INTAKE_TRANSCRIBER_UNAVAILABLE', 'the worker stopped while transcribing; the job is left for the next owner', { cause: error });
    const code: ErrorCode = error instanceof IntakeError ? error.code : 'INTAKE_TRANSCRIBER_UNAVAILABLE';
    return { transcription: 'failed', reason: transcriberFailureReason(error), code, ...withSound, attempts };
  }
}
