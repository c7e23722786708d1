/**
 * The OpenAI-compatible transcriber against a stand-in that keeps the API's contract: the request
 * exactly as /v1/audio/transcriptions expects it, and how each kind of failure is told apart.
 */
import assert from 'node:assert/strict';
import { createServer } from 'node:http';
import { IntakeError } from '../../runtime/errors.js';
import type { TranscriptionJob } from '../../schemas/types.generated.js';
import { openAiCompatibleTranscriber } from '../../transcription/transcribers/openai-compatible.js';
import type { Transcriber } from '../../transcription/transcribers/transcriber.js';
import { startSpeechToTextServer, type SpeechToTextServer } from '../support/speech-to-text-server.js';
import { mulawWav, tone } from '../support/wav-audio.js';

const wav = mulawWav(tone(300, 0.3));
const job: TranscriptionJob = {
  schemaVersion: 1, itemId: `voicemail:${'a'.repeat(32)}`, channel: 'voicemail', connector: 'twilio', sourceRef: `recording-sid:${'b'.repeat(64)}`,
  receivedAt: '2026-12-01T09:30:00.000Z', recording: { status: 'stored', audio: { ref: `sha256:${'c'.repeat(64)}`, contentType: 'audio/wav', size: wav.length, name: 'recording.wav' } },
};
const input = { audio: { bytes: wav, contentType: 'audio/wav', name: 'recording.wav' }, job, signal: new AbortController().signal };

async function failure(promise: Promise<unknown>): Promise<IntakeError> {
  try {
    await promise;
  } catch (error) {
    assert.ok(error instanceof IntakeError, String(error));
    return error;
  }
  throw new Error('it did not fail');
}

describe('transcription/transcribers/openai-compatible', () => {
  let server: SpeechToTextServer;
  let transcriber: Transcriber;
  beforeEach(async () => {
    server = await startSpeechToTextServer({ apiKey: 'sk-test-0123456789' });
    transcriber = openAiCompatibleTranscriber({ url: server.url, model: 'whisper-1', apiKey: 'sk-test-0123456789', timeoutMs: 2000 });
  });
  afterEach(() => server.close());

  it('posts multipart/form-data with file, model, language=tr and response_format=json, with Bearer authentication', async () => {
    server.next({ kind: 'answer', text: 'Merhaba, faturam yüksek geldi.' });
    const transcript = await transcriber.transcribe(input);
    assert.deepEqual(transcript, { text: 'Merhaba, faturam yüksek geldi.' });
    const [seen] = server.seen;
    assert.equal(seen?.path, '/v1/audio/transcriptions');
    assert.equal(seen?.authorization, 'Bearer sk-test-0123456789');
    assert.match(seen?.contentType ?? '', /^multipart\/form-data; boundary=/);
    assert.deepEqual(seen?.fields, { model: 'whisper-1', language: 'tr', response_format: 'json' });
    assert.equal(seen?.file?.name, 'recording.wav');
    assert.equal(seen?.file?.type, 'audio/wav');
    assert.deepEqual(seen?.file?.bytes, wav);
  });

  it('sends no Authorization header without a key (a local Whisper server)', async () => {
    await server.close();
    server = await startSpeechToTextServer({ apiKey: null });
    server.next({ kind: 'answer', text: 'alo' });
    await openAiCompatibleTranscriber({ url: server.url, model: 'large-v3', apiKey: null, timeoutMs: 2000 }).transcribe(input);
    assert.equal(server.seen[0]?.authorization, undefined);
    assert.equal(server.seen[0]?.fields.model, 'large-v3');
  });

  context('when the service fails', () => {
    it('is retriable for a 500, a 503 and a 429, naming the status', async () => {
      for (const status of [500, 503, 429]) {
        server.next({ kind: 'status', status });
        const error = await failure(transcriber.transcribe(input));
        assert.equal(error.code, 'INTAKE_TRANSCRIBER_UNAVAILABLE');
        assert.equal(error.retriable, true);
        assert.equal(error.details.reason, `http-${status}`);
      }
    });

    it('is retriable when it does not answer within timeoutMs', async () => {
      transcriber = openAiCompatibleTranscriber({ url: server.url, model: 'whisper-1', apiKey: 'sk-test-0123456789', timeoutMs: 200 });
      server.next({ kind: 'stall' });
      const started = Date.now();
      const error = await failure(transcriber.transcribe(input));
      assert.equal(error.details.reason, 'timeout');
      assert.equal(error.retriable, true);
      assert.ok(Date.now() - started < 1500);
    });

    it('is retriable when nothing listens', async () => {
      const url = server.url;
      await server.close();
      const error = await failure(openAiCompatibleTranscriber({ url, model: 'whisper-1', apiKey: null, timeoutMs: 1000 }).transcribe(input));
      assert.equal(error.details.reason, 'network');
      assert.equal(error.retriable, true);
      server = await startSpeechToTextServer();
    });

    it('is not retriable for a wrong key (401), keeping the service\'s text out of the error', async () => {
      const error = await failure(openAiCompatibleTranscriber({ url: server.url, model: 'whisper-1', apiKey: 'sk-wrong', timeoutMs: 2000 }).transcribe(input));
      assert.equal(error.code, 'INTAKE_TRANSCRIBER_REJECTED');
      assert.equal(error.retriable, false);
      assert.equal(error.message, 'transcription failed: http-401');
    });

    it('is not retriable for an answer that is no transcription', async () => {
      const bare = await startBareServer('{"txt": "x"}');
      try {
        const error = await failure(openAiCompatibleTranscriber({ url: bare.url, model: 'whisper-1', apiKey: null, timeoutMs: 2000 }).transcribe(input));
        assert.equal(error.details.reason, 'answer-without-text');
      } finally {
        await bare.close();
      }
    });

    it('refuses to send a recording it does not have', async () => {
      assert.equal((await failure(transcriber.transcribe({ ...input, audio: null }))).details.reason, 'no-audio');
      assert.equal(server.seen.length, 0);
    });
  });
});

/** A server that answers every request 200 with `body` as JSON, whatever it asked. */
async function startBareServer(body: string): Promise<{ url: string; close(): Promise<void> }> {
  const server = createServer((request, response) => {
    request.resume();
    request.on('end', () => response.writeHead(200, { 'content-type': 'application/json' }).end(body));
  });
  await new Promise<void>((done) => server.listen(0, '127.0.0.1', done));
  const address = server.address();
  const port = typeof address === 'object' && address !== null ? address.port : 0;
  return { url: `http://127.0.0.1:${port}/v1/audio/transcriptions`, close: () => new Promise((done) => { server.closeAllConnections(); server.close(() => done()); }) };
}
