/**
 * Twilio's own transcription, read so that no voicemail waits on a callback that may never come.
 * The recording callback publishes every job; its TranscriptionText is used when the transcription
 * callback brought it, otherwise the worker asks Twilio's REST API for the recording's
 * transcriptions (GET /2010-04-01/Accounts/{AccountSid}/Recordings/{RecordingSid}/Transcriptions.json,
 * HTTP Basic with the account's SID and token), polling while Twilio is still at work, up to
 * `waitMs`. After that, or when Twilio says its transcription failed, the worker publishes the
 * voicemail as `failed`: a person hears it within the emergency deadline.
 *
 * Retriable (the worker's backoff calls again): a timeout, a broken connection, 429, 5xx. Not:
 * other 4xx, an answer that is no transcription list, Twilio still at work after `waitMs`.
 */
import { deadlineSignal } from '../../runtime/deadline-signal.js';
import type { Transcriber, TranscriberInput, Transcript } from './transcriber.js';
import { transcriberError } from './transcriber.js';
import { twilioTextTranscriber } from './twilio-text.js';

const MAX_ANSWER_BYTES = 4 * 1024 * 1024;

export interface TwilioApiSettings {
  readonly accountSid: string;
  readonly authToken: string;
  /** `https://api.twilio.com` but in tests. */
  readonly apiBaseUrl: string;
  /** The longest one request may take. */
  readonly timeoutMs: number;
  /** How long Twilio may still be transcribing before the voicemail goes on without its text. */
  readonly waitMs: number;
  readonly pollMs: number;
}

type Listed = { status: 'completed'; text: string } | { status: 'failed' } | { status: 'pending' };

function readList(body: string): Listed {
  let parsed: unknown;
  try {
    parsed = JSON.parse(body);
  } catch {
    throw transcriberError('answer-not-json', false);
  }
  const list = (parsed as { transcriptions?: unknown } | null)?.transcriptions;
  if (!Array.isArray(list)) throw transcriberError('answer-without-transcriptions', false);
  const entries = list.filter((t): t is { status?: unknown; transcription_text?: unknown } => typeof t === 'object' && t !== null);
  const done = entries.find((t) => t.status === 'completed' && typeof t.transcription_text === 'string');
  if (done !== undefined) return { status: 'completed', text: done.transcription_text as string };
  if (entries.length > 0 && entries.every((t) => t.status === 'failed')) return { status: 'failed' };
  return { status: 'pending' };
}

async function listOnce(settings: TwilioApiSettings, recordingSid: string, outer: AbortSignal): Promise<Listed> {
  const deadline = deadlineSignal(settings.timeoutMs, outer);
  try {
    return await listWithin(settings, recordingSid, deadline.signal);
  } finally {
    deadline.clear();
  }
}

async function listWithin(settings: TwilioApiSettings, recordingSid: string, signal: AbortSignal): Promise<Listed> {
  const url = new URL(`/2010-04-01/Accounts/${settings.accountSid}/Recordings/${recordingSid}/Transcriptions.json`, settings.apiBaseUrl);
  const authorization = `Basic ${Buffer.from(`${settings.accountSid}:${settings.authToken}`).toString('base64')}`;
  let response: Response;
  try {
    response = await fetch(url, { headers: { authorization, accept: 'application/json' }, signal, redirect: 'error' });
  } catch (error) {
    throw transcriberError(signal.aborted ? 'timeout' : 'network', true, error);
  }
  if (!response.ok) {
    await response.body?.cancel().catch(() => undefined);
    throw transcriberError(`http-${response.status}`, response.status === 429 || response.status >= 500);
  }
  if (Number(response.headers.get('content-length') ?? NaN) > MAX_ANSWER_BYTES) throw transcriberError('answer-too-large', false);
  let body: string;
  try {
    body = await response.text();
  } catch (error) {
    throw transcriberError(signal.aborted ? 'timeout' : 'interrupted', true, error);
  }
  return readList(body);
}

function pause(ms: number, signal: AbortSignal): Promise<void> {
  return new Promise((resolve) => {
    const timer = setTimeout(done, ms);
    function done(): void {
      clearTimeout(timer);
      signal.removeEventListener('abort', done);
      resolve();
    }
    signal.addEventListener('abort', done, { once: true });
  });
}

export function twilioApiTranscriber(settings: TwilioApiSettings): Transcriber {
  return {
    name: 'twilio',
    needsAudio: false,
    async transcribe(input: TranscriberInput): Promise<Transcript> {
      if (input.job.providedTranscript !== undefined) return twilioTextTranscriber.transcribe(input);
      const recordingSid = input.job.recordingSid;
      if (recordingSid === undefined) throw transcriberError('no-recording-sid', false);
      const until = Date.now() + settings.waitMs;
      for (;;) {
        const listed = await listOnce(settings, recordingSid, input.signal);
        if (listed.status === 'completed') return { text: listed.text };
        if (listed.status === 'failed') throw transcriberError('twilio-transcription-failed', false);
        if (input.signal.aborted) throw transcriberError('stopped', true);
        if (Date.now() + settings.pollMs > until) throw transcriberError('twilio-transcription-not-ready', false);
        await pause(settings.pollMs, input.signal);
      }
    },
  };
}
