/**
 * An MMS at the webhook: Twilio is answered without waiting for the media. The text is screened
 * (the alert of a gas emergency first) and a media job, holding the item and its media, goes to
 * the media topic; the media workers fetch them later (media-worker.test.ts).
 */
import assert from 'node:assert/strict';
import { smsKey } from '../../../connectors/twilio/item-id.js';
import { MEDIA_JOB_SCHEMA_HEADER } from '../../../connectors/twilio/media-job.js';
import type { OutgoingMessage } from '../../../runtime/kafka/types.js';
import { validateEmergencyAlert, validateMediaJob } from '../../../runtime/schemas.js';
import type { EmergencyAlert, MediaJob } from '../../../schemas/types.generated.js';
import { RecordingPublisher } from '../../support/recording-publisher.js';
import { inboundSms, messageSid, testAccountSid, testAuthToken, type TwilioParams } from '../../support/twilio-signer.js';
import { startTwilioMediaServer, type TwilioMediaServer } from '../../support/twilio-media-server.js';
import { MEDIA_TOPIC, startTwilioWebhook, twilioSettings, type RunningWebhook } from '../../support/twilio-webhook.js';

/** Kafka takes the emergency alert, then fails the first media job. */
class FirstJobFails extends RecordingPublisher {
  private failed = false;
  override async publish(topic: string, messages: OutgoingMessage[]): Promise<void> {
    if (topic === MEDIA_TOPIC && !this.failed) {
      this.failed = true;
      this.failNext = 1;
    }
    return super.publish(topic, messages);
  }
}

describe('connectors/twilio MMS at the webhook', () => {
  let media: TwilioMediaServer;
  let hook: RunningWebhook;

  const start = async (publisher?: RecordingPublisher): Promise<void> => {
    hook = await startTwilioWebhook({ media: { ...twilioSettings().media, origins: [media.apiOrigin] } }, publisher === undefined ? {} : { publisher });
  };
  beforeEach(async () => {
    media = await startTwilioMediaServer({ accountSid: testAccountSid, authToken: testAuthToken });
  });
  afterEach(async () => {
    await hook.close();
    await media.close();
  });

  /** An MMS of the given media ids, as Twilio posts it. */
  const mms = (body: string, ids: string[], types: string[] = ids.map(() => 'image/jpeg')): TwilioParams => {
    const sid = messageSid('MM');
    const fields: Record<string, string> = { Body: body, MessageSid: sid, NumMedia: String(ids.length) };
    ids.forEach((id, i) => {
      fields[`MediaUrl${i}`] = media.mediaUrl(testAccountSid, sid, id);
      fields[`MediaContentType${i}`] = types[i] ?? 'image/jpeg';
    });
    return inboundSms({ ...fields, Body: body });
  };
  const onlyJob = (): MediaJob => {
    const jobs = hook.jobs();
    assert.equal(jobs.length, 1);
    const [job] = jobs;
    assert.ok(job !== undefined && validateMediaJob(job), JSON.stringify(validateMediaJob.errors));
    return job;
  };

  context('when Twilio posts an MMS', () => {
    it('answers 200 before any media is fetched, and publishes a media job holding the item and its media', async () => {
      await start();
      // A media host that never answers: the webhook must not even ask it.
      media.set('ME01', { kind: 'stall' });
      const params = mms('sayac fotografi ekte', ['ME01']);
      const response = await hook.post(params);
      assert.equal(response.status, 200);
      assert.equal(await response.text(), '<?xml version="1.0" encoding="UTF-8"?><Response/>');
      assert.equal(media.seen.length, 0);
      assert.deepEqual(hook.items(), []);
      const job = onlyJob();
      const itemId = smsKey(params.MessageSid ?? '').itemId;
      assert.equal(job.item.itemId, itemId);
      assert.equal(job.item.channel, 'sms');
      assert.deepEqual(job.item.text, { body: 'sayac fotografi ekte', sender: '+905339876543', source: 'typed' });
      assert.deepEqual(job.item.attachments, []);
      assert.deepEqual(job.media, [{ index: 0, url: params.MediaUrl0, contentType: 'image/jpeg' }]);
      const [sent] = hook.publisher.published;
      assert.equal(sent?.message.key, itemId);
      assert.equal(sent?.message.headers?.schema, MEDIA_JOB_SCHEMA_HEADER);
      assert.equal(hook.connector.stats().mediaJobs, 1);
    });

    it('keeps the media in order and their declared types as bare media types', async () => {
      await start();
      const params = mms('fatura sayfalari', ['ME11', 'ME12', 'ME13'], ['image/JPEG; name=a.jpg', 'application/pdf', 'not a type']);
      assert.equal((await hook.post(params)).status, 200);
      assert.deepEqual(onlyJob().media.map((m) => [m.index, m.url, m.contentType]), [
        [0, params.MediaUrl0, 'image/jpeg'], [1, params.MediaUrl1, 'application/pdf'], [2, params.MediaUrl2, null],
      ]);
    });

    it('sends a photo without any text on as a job with an empty text', async () => {
      await start();
      assert.equal((await hook.post(mms('', ['ME21']))).status, 200);
      assert.equal(onlyJob().item.text?.body, '');
    });

    it('publishes one job when Twilio retries the same MMS', async () => {
      await start();
      const params = mms('foto', ['ME31']);
      assert.equal((await hook.post(params)).status, 200);
      assert.equal((await hook.post(params)).status, 200);
      assert.equal(hook.jobs().length, 1);
      assert.equal(hook.connector.stats().replayed, 1);
    });
  });

  context('when an MMS reports a gas smell', () => {
    it('publishes the alert first, then the job, and answers with the 187 line without waiting for the media', async () => {
      await start();
      media.set('ME41', { kind: 'stall' });
      const params = mms('mutfakta gaz kokusu var, sayac fotografi ekte', ['ME41']);
      const response = await hook.post(params);
      assert.equal(response.status, 200);
      assert.match(await response.text(), /<Message>[^<]*187/);
      assert.deepEqual(hook.publisher.sends, ['emergency', MEDIA_TOPIC]);
      const alert = JSON.parse(String(hook.publisher.published[0]?.message.value)) as EmergencyAlert;
      assert.ok(validateEmergencyAlert(alert), JSON.stringify(validateEmergencyAlert.errors));
      const itemId = smsKey(params.MessageSid ?? '').itemId;
      assert.equal(hook.publisher.published[0]?.message.key, itemId);
      assert.equal(alert.itemId, itemId);
      assert.deepEqual(alert.item, onlyJob().item);
      assert.equal(media.seen.length, 0);
    });
  });

  context('when Kafka refuses the job', () => {
    it('answers 503 with Retry-After, publishes nothing else, and takes the retry once Kafka is back', async () => {
      await start();
      const params = mms('foto', ['ME51']);
      hook.publisher.failNext = 1;
      const refused = await hook.post(params);
      assert.equal(refused.status, 503);
      assert.equal(refused.headers.get('retry-after'), '5');
      assert.deepEqual(hook.publisher.published, []);
      assert.equal((await hook.post(params)).status, 200);
      assert.equal(hook.jobs().length, 1);
      assert.equal(media.seen.length, 0);
    });

    it('repeats the alert of a gas MMS under the same key with the retry', async () => {
      await start(new FirstJobFails());
      const params = mms('gaz kokusu var', ['ME61']);
      assert.equal((await hook.post(params)).status, 503);
      assert.equal(hook.jobs().length, 0);
      assert.equal((await hook.post(params)).status, 200);
      const id = smsKey(params.MessageSid ?? '').itemId;
      assert.deepEqual(hook.publisher.published.map((p) => `${p.topic}:${p.message.key}`), [`emergency:${id}`, `emergency:${id}`, `${MEDIA_TOPIC}:${id}`]);
    });
  });
});
