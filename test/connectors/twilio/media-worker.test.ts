/**
 * The media workers: MMS media fetched after Twilio was answered, from a stand-in for Twilio's
 * media API (basic authentication, a redirect to the media host, the file's content type), with an
 * in-memory bus (jobs in, offsets committed) and a recording publisher (raw items out, Kafka's
 * acknowledgement under the test's control); and every way a fetch fails, where the text must
 * still be published.
 */
import assert from 'node:assert/strict';
import { createHash } from 'node:crypto';
import { mkdtemp, readdir, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type { InboundMessage } from '../../../connectors/twilio/inbound-message.js';
import { UNFETCHED_MEDIA_TYPE } from '../../../connectors/twilio/media.js';
import { mediaJob, mediaJobMessage } from '../../../connectors/twilio/media-job.js';
import type { MediaSettings } from '../../../connectors/twilio/media-worker.js';
import { smsToRawItem } from '../../../connectors/twilio/to-raw-item.js';
import { folderBlobStore, type BlobStore } from '../../../runtime/blob-store.js';
import { validateRawItem } from '../../../runtime/schemas.js';
import type { BlobRef, MediaJob, RawItem } from '../../../schemas/types.generated.js';
import { MemoryBus } from '../../support/memory-bus.js';
import { RecordingPublisher } from '../../support/recording-publisher.js';
import { inboundSms, messageSid, testAccountSid, testAuthToken } from '../../support/twilio-signer.js';
import { startTwilioMediaServer, type TwilioMediaServer } from '../../support/twilio-media-server.js';
import { MEDIA_TOPICS, startTestMediaWorkers, type RunningMediaWorkers } from '../../support/twilio-media-worker.js';
import { startTwilioWebhook, twilioSettings } from '../../support/twilio-webhook.js';
import { waitFor } from '../../support/wait-for.js';

const photo = Buffer.from('\xff\xd8\xff\xe0 a meter reading 04127 m3 \xff\xd9', 'latin1');
const sha = (bytes: Buffer): string => `sha256:${createHash('sha256').update(bytes).digest('hex')}`;

interface Note { kind: string; index: number; mediaUrl: string; contentType: string | null; reason: string }

describe('connectors/twilio media workers', () => {
  let media: TwilioMediaServer;
  let bus: MemoryBus;
  let publisher: RecordingPublisher;
  let blobDir: string;
  let blobStore: BlobStore;
  let workers: RunningMediaWorkers | null;

  beforeEach(async () => {
    media = await startTwilioMediaServer({ accountSid: testAccountSid, authToken: testAuthToken });
    bus = new MemoryBus();
    publisher = new RecordingPublisher();
    blobDir = await mkdtemp(join(tmpdir(), 'intake-twilio-media-'));
    blobStore = folderBlobStore(blobDir);
    workers = null;
  });
  afterEach(async () => {
    await workers?.stop();
    await media.close();
    await rm(blobDir, { recursive: true, force: true });
  });

  const start = async (settings: Partial<MediaSettings> = {}, authToken?: string): Promise<RunningMediaWorkers> => {
    workers = await startTestMediaWorkers({ bus, publisher, blobStore, settings: { origins: [media.apiOrigin], ...settings }, ...(authToken === undefined ? {} : { authToken }) });
    return workers;
  };
  /** The job the webhook would publish for an MMS of these media ids. */
  const jobFor = (body: string, ids: string[], types: string[] = ids.map(() => 'image/jpeg')): MediaJob => {
    const sid = messageSid('MM');
    const links = ids.map((id, i) => ({ url: media.mediaUrl(testAccountSid, sid, id), contentType: types[i] ?? 'image/jpeg' }));
    const message: InboundMessage = { messageSid: sid, accountSid: testAccountSid, from: '+905339876543', to: '+908502220153', body, media: links };
    return mediaJob(smsToRawItem(message, { receivedAt: new Date('2026-12-01T09:30:00Z'), attachments: [] }).item, links);
  };
  const run = async (job: MediaJob): Promise<RawItem> => {
    const w = workers ?? await start();
    bus.append(MEDIA_TOPICS.media, [mediaJobMessage(job)]);
    await w.drained();
    const items = w.items();
    assert.equal(items.length, 1);
    const [item] = items;
    assert.ok(item !== undefined && validateRawItem(item), JSON.stringify(validateRawItem.errors));
    return item;
  };
  const note = async (ref: BlobRef | undefined): Promise<Note> => JSON.parse((await blobStore.get(ref?.ref ?? '')).toString('utf8')) as Note;
  const group = (): string => workers?.settings.consumerGroup ?? '';

  context('when Twilio serves the photo', () => {
    it('fetches it with the account credentials, follows the redirect without them, stores it and publishes the item, then commits', async () => {
      await start();
      media.set('ME01', { kind: 'serve', bytes: photo, contentType: 'image/jpeg' });
      const job = jobFor('sayac fotografi ekte', ['ME01']);
      const item = await run(job);
      assert.deepEqual(item, { ...job.item, attachments: [{ ref: sha(photo), contentType: 'image/jpeg', size: photo.length, name: 'media-1.jpg' }] });
      assert.deepEqual(await blobStore.get(item.attachments[0]?.ref ?? ''), photo);
      const api = media.seen.find((s) => s.origin === 'api');
      const host = media.seen.find((s) => s.origin === 'media');
      assert.equal(api?.authorization, `Basic ${Buffer.from(`${testAccountSid}:${testAuthToken}`).toString('base64')}`);
      assert.equal(host?.authorization, undefined, 'the credentials must not follow the redirect to the media host');
      assert.equal(bus.committed(group(), MEDIA_TOPICS.media), 1);
      assert.equal(publisher.published[0]?.message.key, job.item.itemId);
    });

    it('keeps the order of several media and names each by its type', async () => {
      const png = Buffer.from('PNG page 2');
      const pdf = Buffer.from('%PDF-1.4 page 3');
      media.set('ME11', { kind: 'serve', bytes: photo, contentType: 'image/jpeg' });
      media.set('ME12', { kind: 'serve', bytes: png, contentType: 'image/png' });
      media.set('ME13', { kind: 'serve', bytes: pdf, contentType: 'application/pdf' });
      const item = await run(jobFor('fatura sayfalari', ['ME11', 'ME12', 'ME13'], ['image/jpeg', 'image/png', 'application/pdf']));
      assert.deepEqual(item.attachments.map((a) => [a.ref, a.name]), [[sha(photo), 'media-1.jpg'], [sha(png), 'media-2.png'], [sha(pdf), 'media-3.pdf']]);
    });

    it('records a photo without any text as an item with an attachment, not an empty one', async () => {
      media.set('ME21', { kind: 'serve', bytes: photo, contentType: 'image/jpeg' });
      const item = await run(jobFor('', ['ME21']));
      assert.equal(item.text?.body, '');
      assert.equal(item.attachments.length, 1);
    });
  });

  context('when a media file cannot be fetched', () => {
    it('publishes the text with a note naming the URL and why, for a 404, without retrying', async () => {
      media.set('ME31', { kind: 'status', status: 404 });
      const item = await run(jobFor('sayac fotografi ekte', ['ME31']));
      assert.equal(item.text?.body, 'sayac fotografi ekte');
      assert.equal(item.attachments[0]?.contentType, UNFETCHED_MEDIA_TYPE);
      const written = await note(item.attachments[0]);
      assert.equal(written.reason, 'http-404');
      assert.match(written.mediaUrl, /\/Media\/ME31$/);
      assert.equal(written.contentType, 'image/jpeg');
      assert.equal(media.seen.length, 1);
      assert.match(workers?.logs() ?? '', /INTAKE_MEDIA_UNAVAILABLE/);
      assert.equal(bus.committed(group(), MEDIA_TOPICS.media), 1);
    });

    it('notes refused credentials (401) at once', async () => {
      await start({}, 'another-token-00000000000000000');
      media.set('ME41', { kind: 'serve', bytes: photo, contentType: 'image/jpeg' });
      assert.equal((await note((await run(jobFor('foto', ['ME41']))).attachments[0])).reason, 'http-401');
    });

    it('retries a 500 and stores the file when it comes', async () => {
      media.set('ME51', { kind: 'flaky', failures: 2, status: 500, bytes: photo, contentType: 'image/jpeg' });
      const item = await run(jobFor('foto', ['ME51']));
      assert.equal(item.attachments[0]?.ref, sha(photo));
      assert.equal(media.seen.filter((s) => s.origin === 'api').length, 3);
    });

    it('gives up on a 500 after the attempts and notes it', async () => {
      await start({ attempts: 2 });
      media.set('ME61', { kind: 'status', status: 500 });
      const item = await run(jobFor('foto', ['ME61']));
      assert.equal((await note(item.attachments[0])).reason, 'http-500');
      assert.equal(media.seen.length, 2);
    });

    it('times each attempt out when the media API does not answer, and notes it after the last', async () => {
      await start({ timeoutMs: 200, attempts: 2 });
      media.set('ME71', { kind: 'stall' });
      const item = await run(jobFor('foto', ['ME71']));
      assert.equal((await note(item.attachments[0])).reason, 'timeout');
      assert.equal(media.seen.filter((s) => s.origin === 'api').length, 2);
    });

    it('does not keep a file over maxBytes', async () => {
      await start({ maxBytes: 1024 });
      media.set('ME81', { kind: 'serve', bytes: Buffer.alloc(4096, 1), contentType: 'image/jpeg' });
      assert.equal((await note((await run(jobFor('foto', ['ME81']))).attachments[0])).reason, 'too-large');
    });

    it('never sends the credentials to a media URL on another origin', async () => {
      await start({ origins: ['https://api.twilio.com'] });
      media.set('ME91', { kind: 'serve', bytes: photo, contentType: 'image/jpeg' });
      assert.equal((await note((await run(jobFor('foto', ['ME91']))).attachments[0])).reason, 'origin-not-allowed');
      assert.equal(media.seen.length, 0);
    });

    it('keeps the ones that came when another fails', async () => {
      media.set('MEa1', { kind: 'serve', bytes: photo, contentType: 'image/jpeg' });
      media.set('MEa2', { kind: 'status', status: 404 });
      const item = await run(jobFor('iki foto', ['MEa1', 'MEa2']));
      assert.deepEqual(item.attachments.map((a) => a.contentType), ['image/jpeg', UNFETCHED_MEDIA_TYPE]);
    });
  });

  context('when the MMS reports a gas smell', () => {
    it('publishes the raw item marked as an emergency, and no second alert: the webhook sent it', async () => {
      media.set('MEb1', { kind: 'serve', bytes: photo, contentType: 'image/jpeg' });
      await run(jobFor('mutfakta gaz kokusu var', ['MEb1']));
      assert.deepEqual(publisher.sends, [MEDIA_TOPICS.raw]);
      assert.equal(publisher.published[0]?.message.headers?.emergency, 'true');
    });
  });

  context('when Kafka does not take the raw item at once', () => {
    it('commits the job only after Kafka acknowledged the raw item', async () => {
      const w = await start();
      media.set('MEc1', { kind: 'serve', bytes: photo, contentType: 'image/jpeg' });
      let release: () => void = () => undefined;
      publisher.gate = new Promise((done) => { release = done; });
      bus.append(MEDIA_TOPICS.media, [mediaJobMessage(jobFor('foto', ['MEc1']))]);
      await publisher.called();
      assert.equal(bus.committed(group(), MEDIA_TOPICS.media), 0);
      release();
      await w.drained();
      assert.equal(bus.committed(group(), MEDIA_TOPICS.media), 1);
    });

    it('leaves the job uncommitted when Kafka refuses the item, and publishes it on redelivery under the same id', async () => {
      await start();
      media.set('MEd1', { kind: 'serve', bytes: photo, contentType: 'image/jpeg' });
      // Both attempts of the first delivery fail.
      publisher.failNext = 2;
      const job = jobFor('foto', ['MEd1']);
      const item = await run(job);
      assert.ok(bus.handlerErrors.length >= 1);
      assert.equal(item.itemId, job.item.itemId);
      assert.equal(item.attachments[0]?.ref, sha(photo));
      assert.equal(bus.committed(group(), MEDIA_TOPICS.media), 1);
    });
  });

  context('when a job cannot be read', () => {
    it('sets it aside to the dead-letter topic with its bytes, commits, and publishes no item', async () => {
      const w = await start();
      bus.append(MEDIA_TOPICS.media, [{ key: 'k', value: '{"schemaVersion":1,"media":[]}' }, { key: 'k', value: 'not json' }]);
      await w.drained();
      assert.deepEqual(publisher.sends, [MEDIA_TOPICS.deadLetter, MEDIA_TOPICS.deadLetter]);
      assert.equal(String(publisher.published[1]?.message.value), 'not json');
      assert.deepEqual(w.items(), []);
      assert.equal(bus.committed(group(), MEDIA_TOPICS.media), 2);
    });
  });

  context('when the worker stops in the middle of a fetch', () => {
    it('leaves the job uncommitted, writes no note, and the next worker publishes it', async () => {
      const first = await start({ timeoutMs: 30_000 });
      media.set('MEe1', { kind: 'stall' });
      const job = jobFor('foto', ['MEe1']);
      bus.append(MEDIA_TOPICS.media, [mediaJobMessage(job)]);
      await waitFor('the fetch to start', () => Promise.resolve(media.seen.length > 0 ? true : null), 5000, 5);
      await first.stop();
      workers = null;
      assert.equal(bus.committed(first.settings.consumerGroup, MEDIA_TOPICS.media), 0);
      assert.deepEqual(publisher.published, []);
      assert.deepEqual(await readdir(blobDir), [], 'nothing stored, not even a note');
      media.set('MEe1', { kind: 'serve', bytes: photo, contentType: 'image/jpeg' });
      const next = await start();
      await next.drained();
      assert.deepEqual(next.items().map((i) => [i.itemId, i.attachments.map((a) => a.ref)]), [[job.item.itemId, [sha(photo)]]]);
    });
  });

  context('from the webhook to the raw item', () => {
    it('answers Twilio first, then the workers fetch the photo and publish the item with it', async () => {
      const w = await start();
      const hook = await startTwilioWebhook({ media: { ...twilioSettings().media, origins: [media.apiOrigin] } }, { publisher: new RecordingPublisher(bus), blobStore });
      try {
        const sid = messageSid('MM');
        media.set('MEf1', { kind: 'serve', bytes: photo, contentType: 'image/jpeg' });
        const params = inboundSms({ Body: 'gaz kokusu var, sayac fotografi ekte', MessageSid: sid, NumMedia: '1', MediaUrl0: media.mediaUrl(testAccountSid, sid, 'MEf1'), MediaContentType0: 'image/jpeg' });
        assert.equal((await hook.post(params)).status, 200);
        await w.drained();
        const [item] = w.items();
        assert.ok(item !== undefined);
        assert.deepEqual(item.attachments.map((a) => a.ref), [sha(photo)]);
        // One alert in all: the webhook's.
        assert.deepEqual([...hook.publisher.sends, ...publisher.sends], ['emergency', MEDIA_TOPICS.media, MEDIA_TOPICS.raw]);
      } finally {
        await hook.close();
      }
    });
  });
});
