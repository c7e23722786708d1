/**
 * MMS media, fetched from a stand-in for Twilio's media API (basic authentication, a redirect to
 * the media host, the file's content type) into the blob store before the item is published; and
 * every way a fetch fails, where the text must still be published.
 */
import assert from 'node:assert/strict';
import { createHash } from 'node:crypto';
import { UNFETCHED_MEDIA_TYPE } from '../../../connectors/twilio/media.js';
import type { BlobRef } from '../../../schemas/types.generated.js';
import { validateRawItem } from '../../../runtime/schemas.js';
import { inboundSms, messageSid, testAccountSid, testAuthToken } from '../../support/twilio-signer.js';
import { startTwilioMediaServer, type TwilioMediaServer } from '../../support/twilio-media-server.js';
import { startTwilioWebhook, type RunningWebhook } from '../../support/twilio-webhook.js';
import type { TwilioSettings } from '../../../connectors/twilio/settings.js';

const photo = Buffer.from('\xff\xd8\xff\xe0 a meter reading 04127 m3 \xff\xd9', 'latin1');
const sha = (bytes: Buffer): string => `sha256:${createHash('sha256').update(bytes).digest('hex')}`;

interface Note { kind: string; index: number; mediaUrl: string; contentType: string | null; reason: string }

describe('connectors/twilio MMS media', () => {
  let media: TwilioMediaServer;
  let hook: RunningWebhook;

  const start = async (overrides: Partial<TwilioSettings['media']> = {}): Promise<void> => {
    hook = await startTwilioWebhook({ media: { budgetMs: 3000, attempts: 3, maxBytes: 1024 * 1024, origins: [media.apiOrigin], ...overrides } });
  };
  beforeEach(async () => {
    media = await startTwilioMediaServer({ accountSid: testAccountSid, authToken: testAuthToken });
  });
  afterEach(async () => {
    await hook.close();
    await media.close();
  });

  /** An MMS of the given media ids, posted signed; resolves with the status and the one item. */
  const send = async (body: string, ids: string[], types: string[] = ids.map(() => 'image/jpeg')): Promise<{ status: number; attachments: BlobRef[]; body: string | undefined }> => {
    const sid = messageSid('MM');
    const fields: Record<string, string> = { Body: body, MessageSid: sid, NumMedia: String(ids.length) };
    ids.forEach((id, i) => {
      fields[`MediaUrl${i}`] = media.mediaUrl(testAccountSid, sid, id);
      fields[`MediaContentType${i}`] = types[i] ?? 'image/jpeg';
    });
    const response = await hook.post(inboundSms({ ...fields, Body: body }));
    const item = hook.items().at(-1);
    if (item !== undefined) assert.ok(validateRawItem(item), JSON.stringify(validateRawItem.errors));
    return { status: response.status, attachments: item?.attachments ?? [], body: item?.text?.body };
  };
  const note = async (ref: BlobRef): Promise<Note> => JSON.parse((await hook.blobStore.get(ref.ref)).toString('utf8')) as Note;

  context('when Twilio serves the photo', () => {
    it('fetches it with the account credentials, follows the redirect without them, and stores it', async () => {
      await start();
      media.set('ME01', { kind: 'serve', bytes: photo, contentType: 'image/jpeg' });
      const sent = await send('sayac fotografi ekte', ['ME01']);
      assert.equal(sent.status, 200);
      assert.deepEqual(sent.attachments, [{ ref: sha(photo), contentType: 'image/jpeg', size: photo.length, name: 'media-1.jpg' }]);
      assert.deepEqual(await hook.blobStore.get(sent.attachments[0]?.ref ?? ''), photo);
      const api = media.seen.find((s) => s.origin === 'api');
      const host = media.seen.find((s) => s.origin === 'media');
      assert.equal(api?.authorization, `Basic ${Buffer.from(`${testAccountSid}:${testAuthToken}`).toString('base64')}`);
      assert.equal(host?.authorization, undefined, 'the credentials must not follow the redirect to the media host');
      assert.equal(hook.connector.stats().mediaFetched, 1);
    });

    it('keeps the order of several media and names each by its type', async () => {
      await start();
      const png = Buffer.from('PNG page 2');
      const pdf = Buffer.from('%PDF-1.4 page 3');
      media.set('ME11', { kind: 'serve', bytes: photo, contentType: 'image/jpeg' });
      media.set('ME12', { kind: 'serve', bytes: png, contentType: 'image/png' });
      media.set('ME13', { kind: 'serve', bytes: pdf, contentType: 'application/pdf' });
      const sent = await send('fatura sayfalari', ['ME11', 'ME12', 'ME13'], ['image/jpeg', 'image/png', 'application/pdf']);
      assert.deepEqual(sent.attachments.map((a) => [a.ref, a.name]), [[sha(photo), 'media-1.jpg'], [sha(png), 'media-2.png'], [sha(pdf), 'media-3.pdf']]);
    });

    it('records a photo without any text as an item with an attachment, not an empty one', async () => {
      await start();
      media.set('ME21', { kind: 'serve', bytes: photo, contentType: 'image/jpeg' });
      const sent = await send('', ['ME21']);
      assert.equal(sent.status, 200);
      assert.equal(sent.body, '');
      assert.equal(sent.attachments.length, 1);
    });
  });

  context('when a media file cannot be fetched', () => {
    it('publishes the text with a note naming the URL and why, for a 404, without retrying', async () => {
      await start();
      media.set('ME31', { kind: 'status', status: 404 });
      const sent = await send('sayac fotografi ekte', ['ME31']);
      assert.equal(sent.status, 200);
      assert.equal(sent.body, 'sayac fotografi ekte');
      assert.equal(sent.attachments[0]?.contentType, UNFETCHED_MEDIA_TYPE);
      const written = await note(sent.attachments[0] as BlobRef);
      assert.equal(written.reason, 'http-404');
      assert.match(written.mediaUrl, /\/Media\/ME31$/);
      assert.equal(written.contentType, 'image/jpeg');
      assert.equal(media.seen.length, 1);
      assert.match(hook.logs(), /INTAKE_MEDIA_UNAVAILABLE/);
    });

    it('notes refused credentials (401) at once', async () => {
      // The media API expects other credentials than the connector has.
      await media.close();
      media = await startTwilioMediaServer({ accountSid: testAccountSid, authToken: 'another-token-00000000000000000' });
      await start();
      media.set('ME41', { kind: 'serve', bytes: photo, contentType: 'image/jpeg' });
      const sent = await send('foto', ['ME41']);
      assert.equal(sent.status, 200);
      assert.equal((await note(sent.attachments[0] as BlobRef)).reason, 'http-401');
    });

    it('retries a 500 and stores the file when it comes', async () => {
      await start();
      media.set('ME51', { kind: 'flaky', failures: 2, status: 500, bytes: photo, contentType: 'image/jpeg' });
      const sent = await send('foto', ['ME51']);
      assert.equal(sent.attachments[0]?.ref, sha(photo));
      assert.equal(media.seen.filter((s) => s.origin === 'api').length, 3);
    });

    it('gives up on a 500 after the attempts and notes it', async () => {
      await start({ attempts: 2 });
      media.set('ME61', { kind: 'status', status: 500 });
      const sent = await send('foto', ['ME61']);
      assert.equal(sent.status, 200);
      assert.equal((await note(sent.attachments[0] as BlobRef)).reason, 'http-500');
      assert.equal(media.seen.length, 2);
    });

    it('stops at the budget when the media API does not answer, and still answers Twilio in time', async () => {
      await start({ budgetMs: 400 });
      media.set('ME71', { kind: 'stall' });
      const started = Date.now();
      const sent = await send('foto', ['ME71']);
      const took = Date.now() - started;
      assert.equal(sent.status, 200);
      assert.ok(took < 2000, `took ${took} ms`);
      assert.equal((await note(sent.attachments[0] as BlobRef)).reason, 'timeout');
    });

    it('does not keep a file over maxBytes', async () => {
      await start({ maxBytes: 1024 });
      media.set('ME81', { kind: 'serve', bytes: Buffer.alloc(4096, 1), contentType: 'image/jpeg' });
      const sent = await send('foto', ['ME81']);
      assert.equal((await note(sent.attachments[0] as BlobRef)).reason, 'too-large');
    });

    it('never sends the credentials to a media URL on another origin', async () => {
      await start({ origins: ['https://api.twilio.com'] });
      media.set('ME91', { kind: 'serve', bytes: photo, contentType: 'image/jpeg' });
      const sent = await send('foto', ['ME91']);
      assert.equal(sent.status, 200);
      assert.equal((await note(sent.attachments[0] as BlobRef)).reason, 'origin-not-allowed');
      assert.equal(media.seen.length, 0);
    });

    it('keeps the ones that came when another fails', async () => {
      await start();
      media.set('MEa1', { kind: 'serve', bytes: photo, contentType: 'image/jpeg' });
      media.set('MEa2', { kind: 'status', status: 404 });
      const sent = await send('iki foto', ['MEa1', 'MEa2']);
      assert.deepEqual(sent.attachments.map((a) => a.contentType), ['image/jpeg', UNFETCHED_MEDIA_TYPE]);
      assert.equal(hook.connector.stats().mediaUnfetched, 1);
    });

    it('fetches nothing when the budget is 0, and notes each', async () => {
      await start({ budgetMs: 0 });
      media.set('MEb1', { kind: 'serve', bytes: photo, contentType: 'image/jpeg' });
      const sent = await send('foto', ['MEb1']);
      assert.equal((await note(sent.attachments[0] as BlobRef)).reason, 'fetching-off');
      assert.equal(media.seen.length, 0);
    });
  });
});
