/**
 * Twilio's own transcription: the TranscriptionText its transcription callback brought, carried in
 * the job. Nothing is called. Twilio's transcription does not cover Turkish (it hears English), so
 * this is not the default; it serves accounts that want it and `intake check`, which reads the
 * callback's fields.
 */
import type { Transcriber, TranscriberInput, Transcript } from './transcriber.js';
import { transcriberError } from './transcriber.js';

export const twilioTextTranscriber: Transcriber = {
  name: 'twilio',
  needsAudio: false,
  transcribe(input: TranscriberInput): Promise<Transcript> {
    const provided = input.job.providedTranscript;
    if (provided === undefined || provided.transcriber !== 'twilio') return Promise.reject(transcriberError('no-twilio-transcription', false));
    if (provided.status !== 'completed') return Promise.reject(transcriberError('twilio-transcription-failed', false));
    return Promise.resolve({ text: provided.text });
  },
};
