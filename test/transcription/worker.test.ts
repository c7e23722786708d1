/**
 * The transcription workers with an in-memory bus (jobs in, offsets committed), a recording
 * publisher (raw items and alerts out, Kafka's acknowledgement under the test's control) and a
 * stand-in speech-to-text service keeping the OpenAI API's contract.
 */
import assert from 'node:assert/strict';
import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { voicemailKey } from '../../connectors/twilio/item-id.js';
import { folderBlobStore, type BlobStore } from '../../runtime/blob-store.js';
import { loadConfig } from '../../runtime/config.js';
import { createReadiness } from '../../runtime/readiness.js';
import type { BlobRef, EmergencyAlert, RawItem, TranscriptionJob } from '../../schemas/types.generated.js';
import { startTranscription, type TranscriptionHandle } from '../../transcription/index.js';
import type { TranscriptionSettings } from '../../transcription/settings.js';
import { MemoryBus } from '../support/memory-bus.js';
import { memoryLogger } from '../support/memory-logger.js';
import { enqueueJobs, onlyPublishedItem, publishedItems } from '../support/job-queue.js';
import { RecordingPublisher } from '../support/recording-publisher.js';
import { startSpeechToTextServer, type SpeechToTextServer } from '../support/speech-to-text-server.js';
import { testAccountSid, testAuthToken } from '../support/twilio-signer.js';
import { startTwilioTranscriptionsServer, type TwilioTranscriptionsServer } from '../support/twilio-transcriptions-server.js';
import { callSid, recordingSid } from '../support/twilio-voice.js';
import { concat, mulawWav, noise, silence, tone } from '../support/wav-audio.js';

const TOPICS = { transcription: 'transcription', raw: 'raw', emergency: 'emergency', deadLetter: 'dead-letter' };
const GROUP = 'intake-transcription';
const speech = mulawWav(concat(silence(300), tone(1500, 0.2), silence(200), tone(900, 0.25)));
const hiss = mulawWav(noise(5000, 0.0015));

type TranscriberOverrides = Partial<TranscriptionSettings['transcriber']>;

describe('transcription workers', () => {
  let bus: MemoryBus;
  let publisher: RecordingPublisher;
  let stt: SpeechToTextServer;
  let blobDir: string;
  let blobStore: BlobStore;
  let worker: TranscriptionHandle | null;
  let logs: () => string;

  beforeEach(async () => {
    bus = new MemoryBus();
    publisher = new RecordingPublisher();
    stt = await startSpeechToTextServer({ apiKey: 'sk-test-0123456789' });
    blobDir = await mkdtemp(join(tmpdir(), 'intake-transcription-'));
    blobStore = folderBlobStore(blobDir);
    worker = null;
  });
  afterEach(async () => {
    await worker?.stop();
    await stt.close();
    await rm(blobDir, { recursive: true, force: true });
  });

  const start = async (transcriber: TranscriberOverrides = {}, more: Partial<TranscriptionSettings> = {}): Promise<void> => {
    const defaults = loadConfig({}).transcription;
    const config: TranscriptionSettings = {
      ...defaults,
      transcriber: { ...defaults.transcriber, kind: 'openai-compatible', url: stt.url, apiKey: 'sk-test-0123456789', timeoutMs: 300, attempts: 3, ...transcriber },
      retry: { attempts: 2, initialMs: 5, maxMs: 20 },
      ...more,
    };
    const memory = memoryLogger();
    logs = memory.lines;
    const twilio = { accountSid: testAccountSid, authToken: testAuthToken };
    worker = await startTranscription(config, { bus, topics: TOPICS, blobStore, logger: memory.logger, now: () => new Date('2026-12-01T09:31:00Z'), readiness: createReadiness(), publisher, twilio });
  };

  /** A job for a recording of `wav` (stored in the blob store), from the caller. */
  const jobFor = async (wav: Buffer | null, fields: Partial<TranscriptionJob> = {}): Promise<TranscriptionJob> => {
    const key = voicemailKey({ recordingSid: recordingSid(), callSid: callSid() });
    const recording: TranscriptionJob['recording'] = wav === null ? { status: 'absent', reason: 'too-short' } : { status: 'stored', audio: await blobStore.put(wav, 'audio/wav', 'recording.wav') };
    return { schemaVersion: 1, itemId: key.itemId, channel: 'voicemail', connector: 'twilio', sourceRef: key.sourceRef, receivedAt: '2026-12-01T09:30:00.000Z', sender: '+905321234567', durationSeconds: 3, recording, ...fields };
  };
  const enqueue = (...jobs: TranscriptionJob[]): Promise<void> => enqueueJobs(bus, TOPICS.transcription, GROUP, jobs);
  const items = (): RawItem[] => publishedItems(publisher, TOPICS.raw);
  const only = (): RawItem => onlyPublishedItem(publisher, TOPICS.raw);

  context('when the transcriber answers', () => {
    it('publishes the raw item with the transcript, the caller, the audio, and commits the job after', async () => {
      await start();
      stt.next({ kind: 'answer', text: '  Faturam çok yüksek geldi, sözleşme hesap numaram 2000345678.  ' });
      const job = await jobFor(speech);
      await enqueue(job);
      const item = only();
      assert.deepEqual(item, {
        schemaVersion: 1, itemId: job.itemId, channel: 'voicemail', receivedAt: job.receivedAt, connector: 'twilio', sourceRef: job.sourceRef,
        voicemail: { transcription: 'transcribed', durationSeconds: 3, transcriber: 'openai-compatible' },
        attachments: [(job.recording as { audio: BlobRef }).audio],
        text: { body: 'Faturam çok yüksek geldi, sözleşme hesap numaram 2000345678.', sender: '+905321234567', source: 'transcript' },
      });
      assert.equal(stt.seen.length, 1);
      assert.deepEqual(stt.seen[0]?.file?.bytes, speech);
      assert.equal(bus.committed(GROUP, TOPICS.transcription), 1);
    });

    it('screens the transcript and publishes the gas emergency alert before the raw item', async () => {
      await start();
      stt.next({ kind: 'answer', text: 'Mutfakta çok yoğun gaz kokusu var, lütfen acil gelin.' });
      const job = await jobFor(speech);
      await enqueue(job);
      assert.deepEqual(publisher.sends, [TOPICS.emergency, TOPICS.raw]);
      const alert = JSON.parse(String(publisher.published[0]?.message.value)) as EmergencyAlert;
      assert.equal(alert.itemId, job.itemId);
      assert.equal(alert.channel, 'voicemail');
      assert.equal(publisher.published[1]?.message.headers?.emergency, 'true');
    });

    it('commits the job only after Kafka acknowledged the raw item', async () => {
      await start();
      stt.next({ kind: 'answer', text: 'sayacım arızalı' });
      let release: () => void = () => undefined;
      publisher.gate = new Promise((done) => { release = done; });
      bus.append(TOPICS.transcription, [{ key: 'k', value: JSON.stringify(await jobFor(speech)) }]);
      await publisher.called();
      assert.equal(bus.committed(GROUP, TOPICS.transcription), 0);
      release();
      await bus.drained(GROUP);
      assert.equal(bus.committed(GROUP, TOPICS.transcription), 1);
    });

    it('leaves the job uncommitted when Kafka does not take the item, and publishes it on redelivery under the same id', async () => {
      await start();
      stt.answerBy(() => ({ kind: 'answer', text: 'sayacım arızalı' }));
      publisher.failNext = 2;
      const job = await jobFor(speech);
      await enqueue(job);
      assert.ok(bus.handlerErrors.length >= 1);
      assert.deepEqual(items().map((i) => i.itemId), [job.itemId]);
      assert.equal(bus.committed(GROUP, TOPICS.transcription), 1);
    });

    it('keeps heartbeating while the transcriber takes its time', async () => {
      await start({ timeoutMs: 5000 }, { sessionTimeoutMs: 1500 });
      stt.next({ kind: 'answer', text: 'alo', delayMs: 1300 });
      await enqueue(await jobFor(speech));
      assert.ok(bus.heartbeats >= 3, `${bus.heartbeats} heartbeats`);
    });
  });

  context('when the transcriber times out, then fails, then answers', () => {
    it('retries and publishes the transcript', async () => {
      await start({ timeoutMs: 300, attempts: 3 });
      stt.next({ kind: 'stall' }, { kind: 'status', status: 500 }, { kind: 'answer', text: 'adres bilgimi güncellemek istiyorum' });
      await enqueue(await jobFor(speech));
      assert.equal(stt.seen.length, 3);
      const item = only();
      assert.equal(item.voicemail?.transcription, 'transcribed');
      assert.equal(item.text?.body, 'adres bilgimi güncellemek istiyorum');
    });
  });

  context('when the transcriber fails for good', () => {
    it('publishes the voicemail as failed, with its audio and caller and no text, after the attempts', async () => {
      await start({ attempts: 3 });
      stt.answerBy(() => ({ kind: 'status', status: 500 }));
      const job = await jobFor(speech);
      await enqueue(job);
      assert.equal(stt.seen.length, 3);
      const item = only();
      assert.deepEqual(item.voicemail, { transcription: 'failed', durationSeconds: 3 });
      assert.deepEqual(item.text, { body: '', sender: '+905321234567', source: 'transcript' });
      assert.deepEqual(item.attachments, [(job.recording as { audio: BlobRef }).audio]);
      assert.match(logs(), /"code":"INTAKE_TRANSCRIBER_UNAVAILABLE".*"reason":"http-500"|"reason":"http-500".*"code":"INTAKE_TRANSCRIBER_UNAVAILABLE"/);
      assert.equal(bus.committed(GROUP, TOPICS.transcription), 1);
    });

    it('does not retry a refusal (401) and publishes the voicemail as failed at once', async () => {
      await start({ apiKey: 'sk-wrong' });
      await enqueue(await jobFor(speech));
      assert.equal(stt.seen.length, 1);
      assert.equal(only().voicemail?.transcription, 'failed');
      assert.match(logs(), /INTAKE_TRANSCRIBER_REJECTED/);
    });

    it('publishes the voicemail as failed, with the note, when its recording was never fetched', async () => {
      await start();
      const note = await blobStore.put(Buffer.from('{"kind":"twilio-recording-unfetched"}'), 'application/vnd.intake.unfetched-recording+json', 'recording.unfetched.json');
      await enqueue(await jobFor(null, { recording: { status: 'unfetched', reason: 'http-404', note } }));
      assert.equal(stt.seen.length, 0);
      const item = only();
      assert.equal(item.voicemail?.transcription, 'failed');
      assert.deepEqual(item.attachments, [note]);
    });
  });

  context('when the recording holds no speech', () => {
    it('publishes line hiss as silent without calling the transcriber', async () => {
      await start();
      const job = await jobFor(hiss, { durationSeconds: 5 });
      await enqueue(job);
      assert.equal(stt.seen.length, 0);
      const item = only();
      assert.deepEqual(item.voicemail, { transcription: 'silent', durationSeconds: 5 });
      assert.equal(item.text?.body, '');
      assert.equal(item.attachments.length, 1);
    });

    it('publishes a call whose recording Twilio did not keep as silent, without attachments', async () => {
      await start();
      await enqueue(await jobFor(null, { durationSeconds: 0 }));
      const item = only();
      assert.deepEqual(item.voicemail, { transcription: 'silent', durationSeconds: 0 });
      assert.deepEqual(item.attachments, []);
    });
  });

  context('when no transcriber is configured', () => {
    it('publishes the voicemail as unavailable, with its audio, for a person to hear', async () => {
      await start({ kind: 'none', url: null });
      await enqueue(await jobFor(speech));
      assert.equal(stt.seen.length, 0);
      const item = only();
      assert.deepEqual(item.voicemail, { transcription: 'unavailable', durationSeconds: 3 });
      assert.equal(item.text?.sender, '+905321234567');
    });

    it('still tells silence apart', async () => {
      await start({ kind: 'none', url: null });
      await enqueue(await jobFor(hiss));
      assert.equal(only().voicemail?.transcription, 'silent');
    });
  });

  context('with Twilio\'s transcription', () => {
    let twilioApi: TwilioTranscriptionsServer;
    beforeEach(async () => { twilioApi = await startTwilioTranscriptionsServer({ accountSid: testAccountSid, authToken: testAuthToken }); });
    afterEach(async () => { await twilioApi.close(); });
    const startTwilio = (wait: { waitMs?: number; pollMs?: number } = {}): Promise<void> =>
      start({ kind: 'twilio', url: null, attempts: 2, twilio: { apiBaseUrl: twilioApi.origin, waitMs: 2000, pollMs: 20, ...wait } });
    /** A job as the recording callback publishes it: the recording, no text. */
    const recordingJob = async (): Promise<TranscriptionJob> => {
      const sid = recordingSid();
      return jobFor(speech, { recordingSid: sid, ...voicemailKey({ recordingSid: sid, callSid: callSid() }) });
    };

    it('asks Twilio\'s API for the text when no transcription callback brought it, polling while Twilio works', async () => {
      await startTwilio();
      const job = await recordingJob();
      twilioApi.set(job.recordingSid ?? '', [{ status: 'none' }, { status: 'in-progress' }, { status: 'completed', text: 'My gas meter is broken' }]);
      await enqueue(job);
      assert.equal(twilioApi.polls(job.recordingSid ?? ''), 3);
      const item = only();
      assert.deepEqual(item.voicemail, { transcription: 'transcribed', durationSeconds: 3, transcriber: 'twilio' });
      assert.equal(item.text?.body, 'My gas meter is broken');
    });

    it('publishes the voicemail as failed, for a person to hear, when Twilio is still at work after the wait', async () => {
      await startTwilio({ waitMs: 100, pollMs: 30 });
      const job = await recordingJob();
      twilioApi.set(job.recordingSid ?? '', [{ status: 'in-progress' }]);
      await enqueue(job);
      assert.ok(twilioApi.polls(job.recordingSid ?? '') >= 2);
      const item = only();
      assert.equal(item.voicemail?.transcription, 'failed');
      assert.equal(item.attachments.length, 1);
      assert.match(logs(), /"reason":"twilio-transcription-not-ready"/);
      assert.equal(bus.committed(GROUP, TOPICS.transcription), 1);
    });

    it('publishes failed when Twilio\'s API says the transcription failed, and retries its 5xx first', async () => {
      await startTwilio();
      const job = await recordingJob();
      twilioApi.set(job.recordingSid ?? '', [{ http: 503 }, { status: 'failed' }]);
      await enqueue(job);
      assert.equal(twilioApi.polls(job.recordingSid ?? ''), 2);
      assert.equal(only().voicemail?.transcription, 'failed');
      assert.match(logs(), /"reason":"twilio-transcription-failed"/);
    });

    it('publishes failed at once when the account is refused (401), without polling on', async () => {
      const job = await recordingJob();
      const memory = memoryLogger();
      worker = await startTranscription({ ...loadConfig({}).transcription, transcriber: { ...loadConfig({}).transcription.transcriber, kind: 'twilio', twilio: { apiBaseUrl: twilioApi.origin, waitMs: 2000, pollMs: 20 } }, retry: { attempts: 2, initialMs: 5, maxMs: 20 } },
        { bus, topics: TOPICS, blobStore, logger: memory.logger, now: () => new Date(), readiness: createReadiness(), publisher, twilio: { accountSid: testAccountSid, authToken: 'another-token-0123456789' } });
      await enqueue(job);
      assert.equal(twilioApi.polls(job.recordingSid ?? ''), 1);
      assert.equal(only().voicemail?.transcription, 'failed');
      assert.match(memory.lines(), /"reason":"http-401"/);
    });

    it('refuses to start without the Twilio account, naming the keys', async () => {
      const config = { ...loadConfig({}).transcription, transcriber: { ...loadConfig({}).transcription.transcriber, kind: 'twilio' as const } };
      await assert.rejects(startTranscription(config, { bus, topics: TOPICS, blobStore, logger: memoryLogger().logger, now: () => new Date(), readiness: createReadiness(), publisher, twilio: null }),
        /connectors\.twilio\.accountSid and authToken \(INTAKE_TWILIO_ACCOUNT_SID, INTAKE_TWILIO_AUTH_TOKEN\)/);
    });

    it('takes the TranscriptionText the job carries, calling nothing', async () => {
      await startTwilio();
      await enqueue(await jobFor(speech, { providedTranscript: { transcriber: 'twilio', status: 'completed', text: 'I smell gas in the kitchen' } }));
      const item = only();
      assert.deepEqual(item.voicemail, { transcription: 'transcribed', durationSeconds: 3, transcriber: 'twilio' });
      assert.equal(item.text?.body, 'I smell gas in the kitchen');
      assert.equal(stt.seen.length, 0);
    });

    it('publishes failed when Twilio could not transcribe', async () => {
      await startTwilio();
      await enqueue(await jobFor(speech, { providedTranscript: { transcriber: 'twilio', status: 'failed', text: '' } }));
      assert.equal(only().voicemail?.transcription, 'failed');
    });
  });

  context('when a job cannot be read', () => {
    it('sets it aside to the dead-letter topic with its bytes and goes on', async () => {
      await start();
      stt.next({ kind: 'answer', text: 'sayacım arızalı' });
      const good = await jobFor(speech);
      bus.append(TOPICS.transcription, [{ key: 'bad', value: '{"schemaVersion":1,"itemId":"nope"}' }, { key: good.itemId, value: JSON.stringify(good) }]);
      await bus.drained(GROUP);
      const dead = publisher.published.filter((p) => p.topic === TOPICS.deadLetter);
      assert.equal(dead.length, 1);
      assert.equal(dead[0]?.message.headers?.['x-error-code'], 'INTAKE_MESSAGE_INVALID');
      assert.equal(String(dead[0]?.message.value), '{"schemaVersion":1,"itemId":"nope"}');
      assert.deepEqual(items().map((i) => i.itemId), [good.itemId]);
    });
  });

  context('when the worker stops while transcribing', () => {
    it('leaves the job uncommitted for the next owner and publishes nothing', async () => {
      await start({ timeoutMs: 60_000 });
      stt.next({ kind: 'stall' });
      bus.append(TOPICS.transcription, [{ key: 'k', value: JSON.stringify(await jobFor(speech)) }]);
      while (stt.seen.length === 0) await new Promise((done) => setImmediate(done));
      await worker?.stop();
      worker = null;
      assert.equal(bus.committed(GROUP, TOPICS.transcription), 0);
      assert.deepEqual(items(), []);
    });
  });

  it('keeps the caller and the transcript out of the log', async () => {
    await start();
    stt.next({ kind: 'answer', text: 'tc kimlik numaram 12345678950 adım Ayşe Yılmaz' });
    await enqueue(await jobFor(speech, { sender: '+905557654321' }));
    assert.doesNotMatch(logs(), /5557654321|12345678950|Ayşe/);
    assert.match(logs(), /voicemail published/);
  });
});
