/** The transcriber the configuration names, or null for none. */
import { IntakeError } from '../../runtime/errors.js';
import type { TranscriberSettings } from '../settings.js';
import { openAiCompatibleTranscriber } from './openai-compatible.js';
import type { Transcriber } from './transcriber.js';
import { twilioTextTranscriber } from './twilio-text.js';

export type { Transcriber } from './transcriber.js';

/** @throws IntakeError INTAKE_CONFIG_INVALID when openai-compatible has no url */
export function createTranscriber(settings: TranscriberSettings): Transcriber | null {
  switch (settings.kind) {
    case 'none':
      return null;
    case 'twilio':
      return twilioTextTranscriber;
    case 'openai-compatible': {
      if (settings.url === null) throw new IntakeError('INTAKE_CONFIG_INVALID', 'transcription.transcriber.url (INTAKE_TRANSCRIBER_URL): required when the transcriber is openai-compatible');
      return openAiCompatibleTranscriber({ url: settings.url, model: settings.model, apiKey: settings.apiKey, timeoutMs: settings.timeoutMs });
    }
  }
}
