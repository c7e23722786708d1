/**
 * What a voicemail callback's fields become, without a server, Kafka, the network or a
 * transcriber: `intake check payload.json --channel voicemail` and the fixture tests. The file is
 * a flat JSON object of strings, as Twilio posts them: a transcription callback (it has
 * TranscriptionText or TranscriptionStatus, and From) or a recording-status callback. It is read,
 * made into the job the webhook would publish, and heard as the workers would with Twilio's
 * transcriber: TranscriptionText is the text, a failed transcription `failed`, a recording Twilio
 * did not keep `silent`, and a recording callback without any transcription `unavailable`. The
 * recording is not fetched (a note stands in its place) and so its energy is not measured.
 */
import { keepNothingBlobStore } from '../../runtime/blob-store.js';
import type { Defaulted } from '../../runtime/config.js';
import type { TwilioConfig } from '../../schemas/types.generated.js';
import { hear } from '../../transcription/hear.js';
import { twilioTextTranscriber } from '../../transcription/transcribers/twilio-text.js';
import { voicemailItem } from '../../transcription/voicemail-item.js';
import type { Reading } from '../types.js';
import { encodeFormParams } from './form-params.js';
import { readPayloadFile } from './read-fixture.js';
import { storeRecording } from './recording.js';
import { readRecordingCallback } from './voice-callback.js';
import { recordingNotKept, voicemailJob } from './voicemail-job.js';

export async function readVoicemailFile(file: Buffer, options: { receivedAt: Date; config: Defaulted<TwilioConfig> }): Promise<Reading> {
  const params = readPayloadFile(file);
  if (params === null) return { ok: false, code: 'INTAKE_INPUT_UNREADABLE', errors: [{ path: '(file)', message: 'must be a JSON object of the voicemail callback fields, each a string' }] };
  const bytes = Buffer.byteLength(encodeFormParams(params));
  if (bytes > options.config.bodyLimitBytes) return { ok: false, code: 'INTAKE_REQUEST_TOO_LARGE', errors: [{ path: '(body)', message: `is over the limit of ${options.config.bodyLimitBytes} bytes` }] };
  const transcription = params.TranscriptionText !== undefined || params.TranscriptionStatus !== undefined;
  const reading = readRecordingCallback(params, { transcription });
  if (!reading.ok) return { ok: false, code: 'INTAKE_REQUEST_INVALID', errors: reading.errors };
  const callback = reading.value;
  const blobStore = keepNothingBlobStore();
  const recording = callback.recordingStatus === 'completed' && callback.recordingUrl !== null
    ? await storeRecording(callback.recordingUrl, { settings: { ...options.config.voice.recording, budgetMs: 0, origins: [] }, credentials: { user: '', password: '' }, blobStore, reasonWhenOff: 'not-fetched-by-check' })
    : recordingNotKept(callback);
  const job = voicemailJob(callback, { receivedAt: options.receivedAt, sender: callback.from, recording });
  const heard = await hear(job, { blobStore, transcriber: transcription ? twilioTextTranscriber : null, silence: null, retrying: { attempts: 1, initialMs: 1, maxMs: 1 } });
  return { ok: true, item: voicemailItem(job, heard) };
}
