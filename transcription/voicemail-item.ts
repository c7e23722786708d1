/**
 * The raw item a voicemail becomes once heard: its transcript as the text (`source: transcript`),
 * the caller's number as the sender (the way back, even when there is no text), what became of the
 * transcription, and the audio (or the note standing in its place) as the attachment. Pure.
 */
import type { RawItem, TranscriptionJob } from '../schemas/types.generated.js';
import type { Heard } from './hear.js';

export function voicemailItem(job: TranscriptionJob, heard: Heard): RawItem {
  const recording = job.recording;
  const attachments = recording.status === 'stored' ? [recording.audio] : recording.status === 'unfetched' && recording.note !== undefined ? [recording.note] : [];
  const durationSeconds = job.durationSeconds ?? (heard.sound === undefined ? undefined : Math.round(heard.sound.durationMs / 100) / 10);
  const item: RawItem = {
    schemaVersion: 1,
    itemId: job.itemId,
    channel: 'voicemail',
    receivedAt: job.receivedAt,
    connector: job.connector,
    sourceRef: job.sourceRef,
    voicemail: {
      transcription: heard.transcription,
      ...(durationSeconds === undefined ? {} : { durationSeconds }),
      ...(heard.transcriber === undefined ? {} : { transcriber: heard.transcriber }),
    },
    attachments,
  };
  const body = heard.transcription === 'transcribed' ? heard.text ?? '' : '';
  if (body !== '' || job.sender !== undefined) {
    item.text = {
      body,
      ...(job.sender === undefined ? {} : { sender: job.sender }),
      source: 'transcript',
      ...(heard.confidence === undefined ? {} : { confidence: heard.confidence }),
    };
  }
  return item;
}
