/**
 * OpenAI's speech-to-text API, which Whisper servers (faster-whisper-server, speaches, whisper.cpp's
 * server, LocalAI) and hosted providers copy: POST multipart/form-data to `/v1/audio/transcriptions`
 * with `file` (the audio, its name telling the format), `model`, `language` (ISO-639-1: `tr`, which
 * spares the model guessing and raises accuracy) and `response_format=json`, answered with
 * `{"text": "…"}`. `Authorization: Bearer <key>` when a key is configured. The text comes as the
 * model heard it, numbers sometimes in words ("bir iki üç"): the normalizer reads both.
 *
 * Retriable: a timeout, a broken connection, 408, 409, 429, 5xx. Not: other 4xx (400 a format the
 * server refuses, 401 a wrong key, 413 a file over its limit) and an answer that is no transcription.
 * The service's error text is not kept: it may quote the request.
 */
import { deadlineSignal } from '../../runtime/deadline-signal.js';
import { IntakeError } from '../../runtime/errors.js';
import type { Transcriber, TranscriberInput, Transcript } from './transcriber.js';
import { transcriberError } from './transcriber.js';

/** The callers speak Turkish. */
export const LANGUAGE = 'tr';
const MAX_ANSWER_BYTES = 4 * 1024 * 1024;

export interface OpenAiCompatibleSettings {
  /** The endpoint itself (`…/v1/audio/transcriptions`). */
  readonly url: string;
  readonly model: string;
  readonly apiKey: string | null;
  readonly timeoutMs: number;
}

function retriableStatus(status: number): boolean {
  return status === 408 || status === 409 || status === 429 || status >= 500;
}

async function answerText(response: Response, signal: AbortSignal): Promise<string> {
  const declared = Number(response.headers.get('content-length') ?? NaN);
  if (declared > MAX_ANSWER_BYTES) throw transcriberError('answer-too-large', false);
  try {
    const text = await response.text();
    if (text.length > MAX_ANSWER_BYTES) throw transcriberError('answer-too-large', false);
    return text;
  } catch (error) {
    if (error instanceof IntakeError) throw error;
    throw transcriberError(signal.aborted ? 'timeout' : 'interrupted', true, error);
  }
}

function transcriptOf(body: string): Transcript {
  let parsed: unknown;
  try {
    parsed = JSON.parse(body);
  } catch {
    throw transcriberError('answer-not-json', false);
  }
  const text = (parsed as { text?: unknown } | null)?.text;
  if (typeof text !== 'string') throw transcriberError('answer-without-text', false);
  return { text };
}

export function openAiCompatibleTranscriber(settings: OpenAiCompatibleSettings): Transcriber {
  return {
    name: 'openai-compatible',
    needsAudio: true,
    async transcribe(input: TranscriberInput): Promise<Transcript> {
      if (input.audio === null) throw transcriberError('no-audio', false);
      const form = new FormData();
      // A copy: Blob takes bytes over an ArrayBuffer, and a Buffer may sit on a shared pool.
      form.append('file', new Blob([Uint8Array.from(input.audio.bytes)], { type: input.audio.contentType }), input.audio.name);
      form.append('model', settings.model);
      form.append('language', LANGUAGE);
      form.append('response_format', 'json');
      const deadline = deadlineSignal(settings.timeoutMs, input.signal);
      const signal = deadline.signal;
      try {
        let response: Response;
        try {
          // fetch writes the multipart body and its boundary into content-type itself.
          response = await fetch(settings.url, { method: 'POST', headers: settings.apiKey === null ? {} : { authorization: `Bearer ${settings.apiKey}` }, body: form, signal, redirect: 'error' });
        } catch (error) {
          throw transcriberError(signal.aborted ? 'timeout' : 'network', true, error);
        }
        if (!response.ok) {
          await response.body?.cancel().catch(() => undefined);
          throw transcriberError(`http-${response.status}`, retriableStatus(response.status));
        }
        return transcriptOf(await answerText(response, signal));
      } finally {
        deadline.clear();
      }
    },
  };
}
