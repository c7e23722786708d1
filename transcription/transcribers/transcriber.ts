/** The port every transcriber implements: a recording (or what its source already made of it) in, text out. */
import type { TranscriptionJob } from '../../schemas/types.generated.js';
import { IntakeError } from '../../runtime/errors.js';

export interface RecordingAudio {
  readonly bytes: Buffer;
  /** `audio/wav`. */
  readonly contentType: string;
  /** `recording.wav`: services tell the format by the name's extension. */
  readonly name: string;
}

export interface TranscriberInput {
  /** The recording, or null when it could not be fetched. */
  readonly audio: RecordingAudio | null;
  readonly job: TranscriptionJob;
  /** Aborted when the worker stops. */
  readonly signal: AbortSignal;
}

export interface Transcript {
  readonly text: string;
  /** How sure the service was of the whole text (0-1), when it says. */
  readonly confidence?: number;
}

export interface Transcriber {
  /** Names it on the raw item (`voicemail.transcriber`) and in logs. */
  readonly name: 'openai-compatible' | 'twilio';
  /** Whether it needs the audio; Twilio's brings its own text in the job. */
  readonly needsAudio: boolean;
  /**
   * One attempt.
   * @throws IntakeError INTAKE_TRANSCRIBER_UNAVAILABLE (retriable) or INTAKE_TRANSCRIBER_REJECTED, with `details.reason`
   */
  transcribe(input: TranscriberInput): Promise<Transcript>;
}

/** An error of a transcriber, with a short reason free of the transcript and the service's own text. */
export function transcriberError(reason: string, retriable: boolean, cause?: unknown): IntakeError {
  return new IntakeError(retriable ? 'INTAKE_TRANSCRIBER_UNAVAILABLE' : 'INTAKE_TRANSCRIBER_REJECTED', `transcription failed: ${reason}`, { retriable, details: { reason }, ...(cause === undefined ? {} : { cause }) });
}

/** The reason an error carries, for the log. */
export function transcriberFailureReason(error: unknown): string {
  if (error instanceof IntakeError && typeof error.details.reason === 'string') return error.details.reason;
  return error instanceof Error ? error.name : 'error';
}
