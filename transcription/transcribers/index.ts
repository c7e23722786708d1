/** The transcriber the configuration names, or null for none. */
import { IntakeError } from '../../runtime/errors.js';
import type { TranscriberSettings } from '../settings.js';
import { openAiCompatibleTranscriber } from './openai-compatible.js';
import type { Transcriber } from './transcriber.js';
import { twilioApiTranscriber } from './twilio-api.js';

export type { Transcriber } from './transcriber.js';

/** The Twilio account the connector uses, which Twilio's transcriber asks for its transcriptions. */
export interface TwilioCredentials { readonly accountSid: string; readonly authToken: string }

/** @throws IntakeError INTAKE_CONFIG_INVALID when openai-compatible has no url, or twilio no account */
export function createTranscriber(settings: TranscriberSettings, twilio: TwilioCredentials | null): Transcriber | null {
  switch (settings.kind) {
    case 'none':
      return null;
    case 'twilio': {
      if (twilio === null) throw new IntakeError('INTAKE_CONFIG_INVALID', 'connectors.twilio.accountSid and authToken (INTAKE_TWILIO_ACCOUNT_SID, INTAKE_TWILIO_AUTH_TOKEN): required when transcription.transcriber.kind is twilio');
      return twilioApiTranscriber({ ...twilio, apiBaseUrl: settings.twilio.apiBaseUrl, timeoutMs: settings.timeoutMs, waitMs: settings.twilio.waitMs, pollMs: settings.twilio.pollMs });
    }
    case 'openai-compatible': {
      if (settings.url === null) throw new IntakeError('INTAKE_CONFIG_INVALID', 'transcription.transcriber.url (INTAKE_TRANSCRIBER_URL): required when the transcriber is openai-compatible');
      return openAiCompatibleTranscriber({ url: settings.url, model: settings.model, apiKey: settings.apiKey, timeoutMs: settings.timeoutMs });
    }
  }
}
