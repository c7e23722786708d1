/**
 * The voice webhook and its callbacks as Twilio calls them: requests built and signed exactly as
 * Twilio signs them (test/support/twilio-signer.ts) and sent to the running server, the recording
 * served by a stand-in for Twilio's recordings API, the job caught by a recording publisher.
 */
import assert from 'node:assert/strict';
import { createHash } from 'node:crypto';
import { voicemailKey } from '../../../connectors/twilio/item-id.js';
import { VOICE_PATH, VOICE_RECORDED_PATH, VOICE_RECORDING_PATH, VOICE_TRANSCRIPTION_PATH } from '../../../connectors/twilio/voice-routes.js';
import type { TwilioSettings } from '../../../connectors/twilio/settings.js';
import { validateTranscriptionJob } from '../../../runtime/schemas.js';
import { startTwilioRecordingServer, type TwilioRecordingServer } from '../../support/twilio-recording-server.js';
import { testAccountSid, testAuthToken } from '../../support/twilio-signer.js';
import { callSid, incomingCall, recordingSid, recordingStatus, startTwilioVoice, transcriptionCallback, voiceUrl, type RunningVoice } from '../../support/twilio-voice.js';
import { parseTwiml } from '../../support/twiml-parse.js';
import { publicBaseUrl, twilioSettings } from '../../support/twilio-webhook.js';
import { mulawWav, tone } from '../../support/wav-audio.js';

const audio = mulawWav(tone(1500, 0.3));
const sha = (bytes: Buffer): string => `sha256:${createHash('sha256').update(bytes).digest('hex')}`;
/** The settings' defaults, for spreading one nested key. */
const defaults = (): TwilioSettings => twilioSettings();
const basic = `Basic ${Buffer.from(`${testAccountSid}:${testAuthToken}`).toString('base64')}`;

describe('connectors/twilio voice webhook', () => {
  let recordings: TwilioRecordingServer;
  let voice: RunningVoice;
  const start = async (overrides: Partial<TwilioSettings> = {}): Promise<void> => {
    const base = { media: { ...defaults().media, origins: [recordings.apiOrigin] } };
    voice = await startTwilioVoice({ ...base, ...overrides });
  };
  beforeEach(async () => {
    recordings = await startTwilioRecordingServer({ accountSid: testAccountSid, authToken: testAuthToken });
  });
  afterEach(async () => {
    await voice.close();
    await recordings.close();
  });

  /** A call answered, then its recording-status callback posted where the TwiML said. */
  const leaveVoicemail = async (fields: Record<string, string> = {}, from = '+905321234567'): Promise<{ status: number; call: string; recording: string }> => {
    const call = incomingCall({ From: from });
    const answered = await voice.call(call);
    const rec = recordingSid();
    recordings.set(rec, { kind: 'serve', bytes: audio });
    const response = await voice.post(answered.recordingCallbackUrl, recordingStatus({ CallSid: call.CallSid ?? '', RecordingSid: rec, RecordingUrl: recordings.recordingUrl(testAccountSid, rec), ...fields }));
    return { status: response.status, call: call.CallSid ?? '', recording: rec };
  };

  /** A call answered, its recording ready to serve, and the recording callback Twilio would post. */
  const readyRecording = async (): Promise<{ url: string; params: Record<string, string> }> => {
    const call = incomingCall();
    const url = (await voice.call(call)).recordingCallbackUrl;
    const rec = recordingSid();
    recordings.set(rec, { kind: 'serve', bytes: audio });
    return { url, params: recordingStatus({ CallSid: call.CallSid ?? '', RecordingSid: rec, RecordingUrl: recordings.recordingUrl(testAccountSid, rec) }) };
  };

  context('when a call comes in', () => {
    it('answers well-formed TwiML: a Turkish greeting naming 187, <Record> with its limits and callbacks, then a goodbye', async () => {
      await start();
      const answered = await voice.call(incomingCall());
      assert.equal(answered.status, 200);
      const { response } = answered;
      assert.equal(response.name, 'Response');
      assert.deepEqual(response.children.map((c) => c.name), ['Say', 'Record', 'Say', 'Hangup']);
      const [greeting, record] = response.children;
      assert.equal(greeting?.attributes.language, 'tr-TR');
      assert.match(greeting?.text ?? '', /187/);
      assert.match(greeting?.text ?? '', /T\.C\. kimlik numaranızı/);
      assert.deepEqual({ ...record?.attributes, recordingStatusCallback: undefined }, {
        action: `${publicBaseUrl}${VOICE_RECORDED_PATH}`, method: 'POST', maxLength: '120', timeout: '8', finishOnKey: '#', playBeep: 'true', trim: 'trim-silence',
        recordingStatusCallback: undefined, recordingStatusCallbackMethod: 'POST', recordingStatusCallbackEvent: 'completed absent',
      });
      assert.match(answered.recordingCallbackUrl, new RegExp(`^${publicBaseUrl}${VOICE_RECORDING_PATH}\\?caller=[A-Za-z0-9_-]+$`));
      assert.equal(voice.connector.stats().calls, 1);
    });

    it('keeps the caller\'s number out of the callback URL and the log', async () => {
      await start();
      const answered = await voice.call(incomingCall({ From: '+905551234567' }));
      assert.doesNotMatch(answered.xml, /5551234567/);
      assert.doesNotMatch(voice.logs(), /5551234567/);
      assert.match(voice.logs(), /call answered/);
    });

    it('asks Twilio to transcribe, holding the recording to 120 s, only with twilioTranscription', async () => {
      await start({ voice: { ...defaults().voice, twilioTranscription: true, maxLengthSeconds: 300 } });
      const record = (await voice.call(incomingCall())).response.children[1];
      assert.equal(record?.attributes.transcribe, 'true');
      assert.equal(record?.attributes.transcribeCallback, `${publicBaseUrl}${VOICE_TRANSCRIPTION_PATH}`);
      assert.equal(record?.attributes.maxLength, '120');
    });

    it('speaks with the configured voice and greeting, escaped', async () => {
      await start({ voice: { ...defaults().voice, sayVoice: 'Polly.Filiz', greeting: 'Gaz & kaçak için <187>' } });
      const greeting = (await voice.call(incomingCall())).response.children[0];
      assert.equal(greeting?.attributes.voice, 'Polly.Filiz');
      assert.equal(greeting?.text, 'Gaz & kaçak için <187>');
    });

    it('greets a caller whose number is withheld, with a callback URL that carries none', async () => {
      await start();
      const answered = await voice.call(incomingCall({ From: '' }));
      assert.equal(answered.status, 200);
      assert.equal(answered.recordingCallbackUrl, `${publicBaseUrl}${VOICE_RECORDING_PATH}`);
    });

    it('refuses a signed call without a CallSid with 400', async () => {
      await start();
      const response = await voice.post(voiceUrl(VOICE_PATH), incomingCall({ CallSid: '' }));
      assert.equal(response.status, 400);
      assert.deepEqual(((await response.json()) as { error: { fields: { path: string }[] } }).error.fields.map((f) => f.path), ['CallSid']);
    });

    it('answers the end of the recording with the goodbye, then hangs up', async () => {
      await start();
      const response = await voice.post(voiceUrl(VOICE_RECORDED_PATH), { ...incomingCall(), RecordingUrl: 'https://api.twilio.com/x', RecordingDuration: '9', Digits: '#' });
      assert.equal(response.status, 200);
      const twiml = parseTwiml(await response.text());
      assert.deepEqual(twiml.children.map((c) => [c.name, c.attributes.language ?? null, c.text]), [['Say', 'tr-TR', 'Mesajınız kaydedildi. Teşekkür ederiz, iyi günler.'], ['Hangup', null, '']]);
    });
  });

  context('when the recording is ready', () => {
    it('fetches it with the account credentials, publishes the job with the caller, and answers 204', async () => {
      await start();
      const left = await leaveVoicemail();
      assert.equal(left.status, 204);
      const [job] = voice.jobs();
      assert.ok(job !== undefined && validateTranscriptionJob(job), JSON.stringify(validateTranscriptionJob.errors));
      const key = voicemailKey({ recordingSid: left.recording, callSid: left.call });
      assert.deepEqual(job, {
        schemaVersion: 1, itemId: key.itemId, channel: 'voicemail', connector: 'twilio', sourceRef: key.sourceRef, receivedAt: '2026-12-01T09:30:00.000Z',
        sender: '+905321234567', durationSeconds: 14, recordingSid: left.recording, recording: { status: 'stored', audio: { ref: sha(audio), contentType: 'audio/wav', size: audio.length, name: 'recording.wav' } },
      });
      assert.match(job.itemId, /^voicemail:[0-9a-f]{32}$/);
      assert.deepEqual(await voice.blobStore.get(sha(audio)), audio);
      assert.deepEqual(recordings.seen.map((s) => [s.origin, s.authorization]), [['api', basic], ['media', undefined]]);
      assert.equal(recordings.seen[0]?.path, `/2010-04-01/Accounts/${testAccountSid}/Recordings/${left.recording}.wav`);
      const message = voice.publisher.published[0];
      assert.equal(message?.topic, 'transcription');
      assert.equal(message?.message.key, key.itemId);
      assert.equal(message?.message.headers?.schema, 'transcription-job/1');
    });

    it('answers only after Kafka acknowledged the job', async () => {
      await start();
      let release: () => void = () => undefined;
      voice.publisher.gate = new Promise((done) => { release = done; });
      let answered = false;
      const pending = leaveVoicemail().then((r) => { answered = true; return r; });
      await voice.publisher.called();
      assert.equal(answered, false);
      release();
      assert.equal((await pending).status, 204);
    });

    it('is the same item when Twilio retries the callback, fetched and published once', async () => {
      await start();
      const { url, params } = await readyRecording();
      const [first, second] = await Promise.all([voice.post(url, params), voice.post(url, params)]);
      assert.deepEqual([first.status, second.status, (await voice.post(url, params)).status], [204, 204, 204]);
      assert.equal(voice.jobs().length, 1);
      assert.equal(recordings.seen.filter((s) => s.origin === 'api').length, 1);
      assert.equal(voice.connector.stats().voicemails, 1);
    });

    it('answers 503 with Retry-After when Kafka cannot take the job, and publishes it on Twilio\'s retry', async () => {
      await start();
      const { url, params } = await readyRecording();
      voice.publisher.failNext = 1;
      const refused = await voice.post(url, params);
      assert.equal(refused.status, 503);
      assert.equal(refused.headers.get('retry-after'), '5');
      assert.equal(voice.jobs().length, 0);
      assert.equal((await voice.post(url, params)).status, 204);
      assert.equal(voice.jobs().length, 1);
    });

    it('still records a call whose recording Twilio did not keep (too short), without audio', async () => {
      await start();
      const call = incomingCall();
      const url = (await voice.call(call)).recordingCallbackUrl;
      const rec = recordingSid();
      const response = await voice.post(url, recordingStatus({ CallSid: call.CallSid ?? '', RecordingSid: rec, RecordingUrl: '', RecordingStatus: 'absent', RecordingDuration: '0', ErrorCode: '16101' }));
      assert.equal(response.status, 204);
      const [job] = voice.jobs();
      assert.deepEqual(job?.recording, { status: 'absent', reason: 'too-short' });
      assert.equal(job?.sender, '+905321234567');
      assert.equal(recordings.seen.length, 0);
    });

    it('publishes a recording Twilio failed to store as not fetched, never as silence', async () => {
      await start();
      const call = incomingCall();
      const url = (await voice.call(call)).recordingCallbackUrl;
      const response = await voice.post(url, recordingStatus({ CallSid: call.CallSid ?? '', RecordingSid: recordingSid(), RecordingUrl: '', RecordingStatus: 'failed', ErrorCode: '16104' }));
      assert.equal(response.status, 204);
      assert.deepEqual(voice.jobs()[0]?.recording, { status: 'unfetched', reason: 'recording-failed' });
    });

    it('answers 204 and publishes nothing while the recording is in progress', async () => {
      await start();
      const call = incomingCall();
      const url = (await voice.call(call)).recordingCallbackUrl;
      const rec = recordingSid();
      assert.equal((await voice.post(url, recordingStatus({ CallSid: call.CallSid ?? '', RecordingSid: rec, RecordingUrl: recordings.recordingUrl(testAccountSid, rec), RecordingStatus: 'in-progress' }))).status, 204);
      assert.equal(voice.jobs().length, 0);
    });

    it('records the voicemail without a number when the callback URL carries no caller', async () => {
      await start();
      const rec = recordingSid();
      recordings.set(rec, { kind: 'serve', bytes: audio });
      const response = await voice.post(voiceUrl(VOICE_RECORDING_PATH), recordingStatus({ CallSid: callSid(), RecordingSid: rec, RecordingUrl: recordings.recordingUrl(testAccountSid, rec) }));
      assert.equal(response.status, 204);
      assert.equal(voice.jobs()[0]?.sender, undefined);
      assert.match(voice.logs(), /"reason":"no-caller-token"/);
    });

    it('does not take a caller sealed for another call', async () => {
      await start();
      const url = (await voice.call(incomingCall({ From: '+905551112233' }))).recordingCallbackUrl;
      const rec = recordingSid();
      recordings.set(rec, { kind: 'serve', bytes: audio });
      await voice.post(url, recordingStatus({ CallSid: callSid(), RecordingSid: rec, RecordingUrl: recordings.recordingUrl(testAccountSid, rec) }));
      assert.equal(voice.jobs()[0]?.sender, undefined);
      assert.match(voice.logs(), /"reason":"caller-token-unreadable"/);
    });

    it('refuses a completed recording callback without RecordingUrl with 400', async () => {
      await start();
      const response = await voice.post(voiceUrl(VOICE_RECORDING_PATH), recordingStatus({ CallSid: callSid(), RecordingSid: recordingSid(), RecordingUrl: '' }));
      assert.equal(response.status, 400);
      assert.equal(voice.jobs().length, 0);
    });

    it('keeps the caller and the recording URL out of the log', async () => {
      await start();
      await leaveVoicemail({}, '+905557654321');
      assert.doesNotMatch(voice.logs(), /5557654321|Recordings\//);
      assert.match(voice.logs(), /voicemail accepted/);
    });
  });

  context('when a voice request is not signed by Twilio', () => {
    for (const path of [VOICE_PATH, VOICE_RECORDED_PATH, VOICE_RECORDING_PATH, VOICE_TRANSCRIPTION_PATH]) {
      it(`answers 403 at ${path} for another token or no signature, and publishes nothing`, async () => {
        await start({ voice: { ...defaults().voice, twilioTranscription: true } });
        const params = { ...incomingCall(), RecordingSid: recordingSid(), RecordingUrl: recordings.recordingUrl(testAccountSid, 'RE0'), RecordingStatus: 'completed', TranscriptionText: 'x' };
        assert.equal((await voice.post(voiceUrl(path), params, { token: 'someone-elses-token-0000000000' })).status, 403);
        assert.equal((await voice.post(voiceUrl(path), params, { unsigned: true })).status, 403);
        assert.equal(voice.publisher.published.length, 0);
        assert.equal(voice.connector.stats().rejectedSignatures, 2);
      });
    }

    it('answers 403 when the sealed caller in the URL was swapped after signing', async () => {
      await start();
      const call = incomingCall();
      const url = (await voice.call(call)).recordingCallbackUrl;
      const other = (await voice.call(incomingCall({ From: '+905559998877' }))).recordingCallbackUrl;
      const rec = recordingSid();
      recordings.set(rec, { kind: 'serve', bytes: audio });
      const params = recordingStatus({ CallSid: call.CallSid ?? '', RecordingSid: rec, RecordingUrl: recordings.recordingUrl(testAccountSid, rec) });
      // Signed over the URL Twilio was given; sent to another query.
      const response = await voice.post(other, params, { signedUrl: url });
      assert.equal(response.status, 403);
      assert.equal(voice.jobs().length, 0);
      assert.doesNotMatch(voice.logs(), /caller=/);
    });

    it('accepts callbacks signed over a public URL with a path prefix, as behind a proxy', async () => {
      await start({ publicBaseUrl: 'https://voice.igdas.example/gateway/' });
      const call = incomingCall();
      const answered = await voice.call(call);
      assert.equal(answered.status, 200);
      assert.match(answered.recordingCallbackUrl, /^https:\/\/voice\.igdas\.example\/gateway\/v1\/twilio\/voice\/recording\?caller=/);
      const rec = recordingSid();
      recordings.set(rec, { kind: 'serve', bytes: audio });
      const response = await voice.post(answered.recordingCallbackUrl, recordingStatus({ CallSid: call.CallSid ?? '', RecordingSid: rec, RecordingUrl: recordings.recordingUrl(testAccountSid, rec) }));
      assert.equal(response.status, 204);
      assert.equal(voice.jobs()[0]?.sender, '+905321234567');
    });
  });

  context('with Twilio\'s transcription', () => {
    it('publishes the job at the recording callback, naming the recording, and again with the text at the transcription callback', async () => {
      await start({ voice: { ...defaults().voice, twilioTranscription: true } });
      const call = incomingCall();
      const url = (await voice.call(call)).recordingCallbackUrl;
      const rec = recordingSid();
      recordings.set(rec, { kind: 'serve', bytes: audio });
      const recordingUrl = recordings.recordingUrl(testAccountSid, rec);
      assert.equal((await voice.post(url, recordingStatus({ CallSid: call.CallSid ?? '', RecordingSid: rec, RecordingUrl: recordingUrl }))).status, 204);
      // A transcription callback may never come: the voicemail is safe in Kafka already.
      const [first] = voice.jobs();
      assert.ok(first !== undefined && validateTranscriptionJob(first));
      assert.equal(first.recordingSid, rec);
      assert.equal(first.sender, '+905321234567');
      assert.equal(first.providedTranscript, undefined);
      const response = await voice.post(voiceUrl(VOICE_TRANSCRIPTION_PATH), transcriptionCallback({ CallSid: call.CallSid ?? '', RecordingSid: rec, RecordingUrl: recordingUrl, From: '+905321234567', TranscriptionText: 'My gas meter is broken' }));
      assert.equal(response.status, 204);
      const [, job] = voice.jobs();
      assert.ok(job !== undefined && validateTranscriptionJob(job));
      assert.equal(job.itemId, first.itemId);
      assert.equal(job.itemId, voicemailKey({ recordingSid: rec, callSid: call.CallSid ?? '' }).itemId);
      assert.equal(job.sender, '+905321234567');
      assert.equal(job.recording.status, 'stored');
      assert.deepEqual(job.providedTranscript, { transcriber: 'twilio', status: 'completed', text: 'My gas meter is broken' });
    });

    it('ignores a transcription callback it did not ask for', async () => {
      await start();
      const rec = recordingSid();
      const response = await voice.post(voiceUrl(VOICE_TRANSCRIPTION_PATH), transcriptionCallback({ CallSid: callSid(), RecordingSid: rec, RecordingUrl: recordings.recordingUrl(testAccountSid, rec) }));
      assert.equal(response.status, 204);
      assert.equal(voice.jobs().length, 0);
    });
  });
});
