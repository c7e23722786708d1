/**
 * The TwiML a call is answered with: a Turkish greeting that names the 187 emergency line first
 * (DOMAIN.md rule 7: a gas smell belongs there, not in a voicemail), then `<Record>`.
 *
 * - `action` must be set: without it Twilio requests the voice webhook again once the recording
 *   ends, which would greet the caller and record a second time. It is answered with a goodbye.
 * - `recordingStatusCallback` (events completed and absent) is where the voicemail is captured:
 *   the recording is ready there, while at `action` it may not be yet. Absent is asked for too, so
 *   that a call which left nothing (too short, silent) is still recorded, as ignored.
 * - `finishOnKey="#"`: Twilio's default ends the recording on any key, and a caller dictating a
 *   contract account number may press one.
 * - `trim-silence` (Twilio's default) drops the silence before and after the message.
 * - With Twilio's transcription the length is held to 120 s, the longest it transcribes.
 * If the caller says nothing Twilio skips `action` and goes on to the next verb: a short goodbye.
 */
import VoiceResponse from 'twilio/lib/twiml/VoiceResponse.js';

export interface VoicePrompts {
  readonly greeting: string;
  readonly goodbye: string;
  /** `Polly.Filiz`, `Google.tr-TR-Standard-A`…; null for the account's default voice for tr-TR. */
  readonly sayVoice: string | null;
  readonly maxLengthSeconds: number;
  readonly silenceTimeoutSeconds: number;
  readonly twilioTranscription: boolean;
}

export interface VoiceUrls {
  /** Absolute: where Twilio goes when the recording ends. */
  readonly action: string;
  readonly recordingStatusCallback: string;
  readonly transcribeCallback: string;
}

/** Twilio transcribes recordings of at most two minutes. */
export const TWILIO_TRANSCRIPTION_MAX_SECONDS = 120;

export const nothingRecordedText = 'Mesaj alınamadı. Hoşça kalın.';

type SayAttributes = Parameters<VoiceResponse['say']>[0];

function sayAttributes(prompts: VoicePrompts): SayAttributes {
  // The configuration's pattern admits Polly and Google voice names only; Twilio refuses a name it does not know.
  return prompts.sayVoice === null ? { language: 'tr-TR' } : { language: 'tr-TR', voice: prompts.sayVoice as NonNullable<SayAttributes['voice']> };
}

/** The answer to an incoming call. */
export function greetingTwiml(prompts: VoicePrompts, urls: VoiceUrls): string {
  const response = new VoiceResponse();
  response.say(sayAttributes(prompts), prompts.greeting);
  response.record({
    action: urls.action,
    method: 'POST',
    maxLength: prompts.twilioTranscription ? Math.min(prompts.maxLengthSeconds, TWILIO_TRANSCRIPTION_MAX_SECONDS) : prompts.maxLengthSeconds,
    timeout: prompts.silenceTimeoutSeconds,
    finishOnKey: '#',
    playBeep: true,
    trim: 'trim-silence',
    recordingStatusCallback: urls.recordingStatusCallback,
    recordingStatusCallbackMethod: 'POST',
    recordingStatusCallbackEvent: ['completed', 'absent'],
    ...(prompts.twilioTranscription ? { transcribe: true, transcribeCallback: urls.transcribeCallback } : {}),
  });
  response.say(sayAttributes(prompts), nothingRecordedText);
  response.hangup();
  return response.toString();
}

/** The answer at `action`, once the recording has ended. */
export function goodbyeTwiml(prompts: VoicePrompts): string {
  const response = new VoiceResponse();
  response.say(sayAttributes(prompts), prompts.goodbye);
  response.hangup();
  return response.toString();
}
