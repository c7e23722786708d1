/**
 * A voicemail's recording fetched from a stand-in for Twilio's recordings API (basic
 * authentication, a redirect to the media host, audio/x-wav) into the blob store; and every way the
 * fetch fails, where a note must take its place so the voicemail still goes on.
 */
import assert from 'node:assert/strict';
import { createHash } from 'node:crypto';
import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { storeRecording, UNFETCHED_RECORDING_TYPE, wavUrlOf, type RecordingSettings, type RecordingState } from '../../../connectors/twilio/recording.js';
import { folderBlobStore, type BlobStore } from '../../../runtime/blob-store.js';
import { startTwilioRecordingServer, type TwilioRecordingServer } from '../../support/twilio-recording-server.js';
import { testAccountSid, testAuthToken } from '../../support/twilio-signer.js';
import { recordingSid } from '../../support/twilio-voice.js';
import { pcm16Wav, tone } from '../../support/wav-audio.js';

const wav = pcm16Wav(tone(500, 0.2));
const sha = (bytes: Buffer): string => `sha256:${createHash('sha256').update(bytes).digest('hex')}`;

describe('connectors/twilio recording fetch', () => {
  let server: TwilioRecordingServer;
  let blobDir: string;
  let blobStore: BlobStore;
  beforeEach(async () => {
    server = await startTwilioRecordingServer({ accountSid: testAccountSid, authToken: testAuthToken });
    blobDir = await mkdtemp(join(tmpdir(), 'intake-recording-'));
    blobStore = folderBlobStore(blobDir);
  });
  afterEach(async () => {
    await server.close();
    await rm(blobDir, { recursive: true, force: true });
  });

  const fetchOne = (url: string, settings: Partial<RecordingSettings> = {}, password = testAuthToken): Promise<RecordingState> => storeRecording(url, {
    settings: { budgetMs: 3000, attempts: 3, maxBytes: 1024 * 1024, origins: [server.apiOrigin], ...settings },
    credentials: { user: testAccountSid, password },
    blobStore,
  });
  const noteOf = async (state: RecordingState): Promise<{ kind: string; recordingUrl: string; reason: string }> => {
    assert.equal(state.status, 'unfetched');
    if (state.status !== 'unfetched' || state.note === undefined) throw new Error('no note');
    assert.equal(state.note.contentType, UNFETCHED_RECORDING_TYPE);
    return JSON.parse((await blobStore.get(state.note.ref)).toString('utf8')) as { kind: string; recordingUrl: string; reason: string };
  };

  it('asks for the WAV by adding .wav to RecordingUrl, keeping any query', () => {
    assert.equal(wavUrlOf('https://api.twilio.com/2010-04-01/Accounts/AC1/Recordings/RE1'), 'https://api.twilio.com/2010-04-01/Accounts/AC1/Recordings/RE1.wav');
    assert.equal(wavUrlOf('https://api.twilio.com/x/RE1.wav'), 'https://api.twilio.com/x/RE1.wav');
    assert.equal(wavUrlOf('https://api.twilio.com/x/RE1?RequestedChannels=1'), 'https://api.twilio.com/x/RE1.wav?RequestedChannels=1');
  });

  context('when Twilio serves the recording', () => {
    it('sends the account credentials to the API, follows the redirect without them, and stores the audio as audio/wav', async () => {
      const rec = recordingSid();
      server.set(rec, { kind: 'serve', bytes: wav });
      const state = await fetchOne(server.recordingUrl(testAccountSid, rec));
      assert.deepEqual(state, { status: 'stored', audio: { ref: sha(wav), contentType: 'audio/wav', size: wav.length, name: 'recording.wav' } });
      assert.deepEqual(await blobStore.get(sha(wav)), wav);
      assert.deepEqual(server.seen.map((s) => s.origin), ['api', 'media']);
      assert.equal(server.seen[0]?.authorization, `Basic ${Buffer.from(`${testAccountSid}:${testAuthToken}`).toString('base64')}`);
      assert.equal(server.seen[1]?.authorization, undefined, 'the credentials must not follow the redirect');
    });

    it('retries a 503 and stores the recording when it comes', async () => {
      const rec = recordingSid();
      server.set(rec, { kind: 'flaky', failures: 2, status: 503, bytes: wav });
      const state = await fetchOne(server.recordingUrl(testAccountSid, rec));
      assert.equal(state.status, 'stored');
      assert.equal(server.seen.filter((s) => s.origin === 'api').length, 3);
    });
  });

  context('when the recording cannot be fetched', () => {
    it('notes a 404 at once, naming the URL and the reason', async () => {
      const rec = recordingSid();
      const url = server.recordingUrl(testAccountSid, rec);
      const note = await noteOf(await fetchOne(url));
      assert.deepEqual(note, { kind: 'twilio-recording-unfetched', recordingUrl: url, reason: 'http-404' });
      assert.equal(server.seen.length, 1);
    });

    it('notes refused credentials (401) at once', async () => {
      const rec = recordingSid();
      server.set(rec, { kind: 'serve', bytes: wav });
      assert.equal((await noteOf(await fetchOne(server.recordingUrl(testAccountSid, rec), {}, 'a-wrong-token-000000000000000'))).reason, 'http-401');
      assert.equal(server.seen.length, 1);
    });

    it('gives up on a 500 after the attempts', async () => {
      const rec = recordingSid();
      server.set(rec, { kind: 'status', status: 500 });
      assert.equal((await noteOf(await fetchOne(server.recordingUrl(testAccountSid, rec), { attempts: 2 }))).reason, 'http-500');
      assert.equal(server.seen.length, 2);
    });

    it('stops at the budget when Twilio does not answer', async () => {
      const rec = recordingSid();
      server.set(rec, { kind: 'stall' });
      const started = Date.now();
      const note = await noteOf(await fetchOne(server.recordingUrl(testAccountSid, rec), { budgetMs: 300 }));
      assert.equal(note.reason, 'timeout');
      assert.ok(Date.now() - started < 2000);
    });

    it('never sends the credentials to a RecordingUrl on another origin', async () => {
      const rec = recordingSid();
      server.set(rec, { kind: 'serve', bytes: wav });
      assert.equal((await noteOf(await fetchOne(server.recordingUrl(testAccountSid, rec), { origins: ['https://api.twilio.com'] }))).reason, 'origin-not-allowed');
      assert.equal(server.seen.length, 0);
    });

    it('does not keep a recording over maxBytes', async () => {
      const rec = recordingSid();
      server.set(rec, { kind: 'serve', bytes: Buffer.concat([wav, Buffer.alloc(4096)]) });
      assert.equal((await noteOf(await fetchOne(server.recordingUrl(testAccountSid, rec), { maxBytes: 2048 }))).reason, 'too-large');
    });

    it('fetches nothing when the budget is 0', async () => {
      const rec = recordingSid();
      server.set(rec, { kind: 'serve', bytes: wav });
      assert.equal((await noteOf(await fetchOne(server.recordingUrl(testAccountSid, rec), { budgetMs: 0 }))).reason, 'fetching-off');
      assert.equal(server.seen.length, 0);
    });
  });
});
