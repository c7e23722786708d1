/**
 * The transcription job a voicemail becomes (schemas/transcription-job.schema.json): its item id
 * and reference, the caller, the recording (stored, or why not) and Twilio's own transcription when
 * its callback brought one. Pure. The transcription workers turn it into the raw item.
 */
import type { TranscriptionJob } from '../../schemas/types.generated.js';
import { voicemailKey } from './item-id.js';
import type { RecordingState } from './recording.js';
import type { RecordingCallback } from './voice-callback.js';

/** Kafka header naming the job's schema, as `raw-item/1` names a raw item's. */
export const JOB_SCHEMA_HEADER = 'transcription-job/1';

/** Twilio's ErrorCode for an absent recording (16101 too short, 16102 silent), as the reason a job carries. */
function absentReason(errorCode: string | null): string {
  if (errorCode === '16101') return 'too-short';
  if (errorCode === '16102') return 'silent';
  return errorCode === null ? 'absent' : `absent-${errorCode.replace(/[^0-9A-Za-z-]/g, '').slice(0, 20)}`;
}

/**
 * The recording state of a callback whose recording cannot be fetched. `absent`: Twilio made none
 * (the call is silent). `failed` (Twilio could not encrypt or store it): there was a message, now
 * out of reach, so the voicemail goes on as not heard, for a person, never as silence.
 */
export function recordingNotKept(callback: RecordingCallback): RecordingState {
  if (callback.recordingStatus === 'failed') return { status: 'unfetched', reason: 'recording-failed' };
  return { status: 'absent', reason: absentReason(callback.errorCode) };
}

export function voicemailJob(callback: RecordingCallback, meta: { receivedAt: Date; sender: string | null; recording: RecordingState }): TranscriptionJob {
  const key = voicemailKey({ recordingSid: callback.recordingSid, callSid: callback.callSid });
  const job: TranscriptionJob = {
    schemaVersion: 1,
    itemId: key.itemId,
    channel: 'voicemail',
    connector: 'twilio',
    sourceRef: key.sourceRef,
    receivedAt: meta.receivedAt.toISOString(),
    recording: meta.recording,
  };
  if (meta.sender !== null) job.sender = meta.sender;
  if (callback.durationSeconds !== null) job.durationSeconds = callback.durationSeconds;
  if (callback.recordingSid !== null) job.recordingSid = callback.recordingSid;
  if (callback.transcription !== null) job.providedTranscript = { transcriber: 'twilio', status: callback.transcription.status, text: callback.transcription.text };
  return job;
}
