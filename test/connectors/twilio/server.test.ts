/**
 * The inbound-message webhook as Twilio calls it: requests built and signed exactly as Twilio signs
 * them (test/support/twilio-signer.ts, written from Twilio's documentation) and sent to the running
 * server on a loopback port.
 */
import assert from 'node:assert/strict';
import { SMS_PATH } from '../../../connectors/twilio/server.js';
import { smsKey } from '../../../connectors/twilio/item-id.js';
import { validateRawItem } from '../../../runtime/schemas.js';
import type { OutgoingMessage } from '../../../runtime/kafka/types.js';
import { RecordingPublisher } from '../../support/recording-publisher.js';
import { formBody, inboundSms, messageSid, testAuthToken, twilioSignatureOf } from '../../support/twilio-signer.js';
import { publicBaseUrl, startTwilioWebhook, type RunningWebhook } from '../../support/twilio-webhook.js';

const EMPTY_TWIML = '<?xml version="1.0" encoding="UTF-8"?><Response/>';

/** Kafka takes the emergency alert, then fails the first raw item. */
class FirstRawFails extends RecordingPublisher {
  private failed = false;
  override async publish(topic: string, messages: OutgoingMessage[]): Promise<void> {
    if (topic === 'raw' && !this.failed) {
      this.failed = true;
      this.failNext = 1;
    }
    return super.publish(topic, messages);
  }
}

describe('connectors/twilio webhook', () => {
  let hook: RunningWebhook;
  beforeEach(async () => { hook = await startTwilioWebhook(); });
  afterEach(() => hook.close());

  context('when Twilio posts a correctly signed message', () => {
    it('answers 200 with empty TwiML and publishes the SMS as a raw item', async () => {
      const params = inboundSms({ Body: 'faturam çok yüksek geldi tc 12345678950', From: '+905339876543' });
      const response = await hook.post(params);
      assert.equal(response.status, 200);
      assert.match(response.headers.get('content-type') ?? '', /^text\/xml/);
      assert.equal(await response.text(), EMPTY_TWIML);
      const [item] = hook.items();
      assert.ok(item !== undefined && validateRawItem(item), JSON.stringify(validateRawItem.errors));
      assert.equal(item.itemId, smsKey(params.MessageSid ?? '').itemId);
      assert.match(item.itemId, /^sms:[0-9a-f]{32}$/);
      assert.equal(item.channel, 'sms');
      assert.equal(item.connector, 'twilio');
      assert.equal(item.receivedAt, '2026-12-01T09:30:00.000Z');
      assert.deepEqual(item.text, { body: 'faturam çok yüksek geldi tc 12345678950', sender: '+905339876543', source: 'typed' });
      assert.deepEqual(item.attachments, []);
      assert.doesNotMatch(item.sourceRef, /SM/);
    });

    it('answers only after Kafka acknowledged', async () => {
      let release: () => void = () => undefined;
      hook.publisher.gate = new Promise((done) => { release = done; });
      let answered = false;
      const pending = hook.post(inboundSms({ Body: 'sayacim arizali' })).then((r) => { answered = true; return r; });
      await hook.publisher.called();
      assert.equal(answered, false);
      release();
      assert.equal((await pending).status, 200);
    });

    it('keeps the number and the text out of the log', async () => {
      await hook.post(inboundSms({ Body: 'tc 12345678950 faturam yüksek', From: '+905551234567' }));
      assert.doesNotMatch(hook.logs(), /12345678950|5551234567|faturam/);
      assert.match(hook.logs(), /message accepted/);
    });
  });

  context('when the signature is wrong', () => {
    it('answers 403 for a signature made with another token, writes nothing and counts it', async () => {
      const response = await hook.post(inboundSms({ Body: 'faturam yüksek', From: '+905551234567' }), { token: 'someone-elses-token-0000000000' });
      assert.equal(response.status, 403);
      assert.equal((await response.json() as { error: { code: string } }).error.code, 'INTAKE_SIGNATURE_INVALID');
      assert.equal(hook.publisher.published.length, 0);
      assert.equal(hook.connector.stats().rejectedSignatures, 1);
    });

    it('answers 403 when a parameter was changed after signing', async () => {
      const params = inboundSms({ Body: 'faturam 100 TL geldi' });
      const response = await hook.post(params, { body: formBody({ ...params, Body: 'faturam 900 TL geldi' }) });
      assert.equal(response.status, 403);
      assert.equal(hook.publisher.published.length, 0);
    });

    it('answers 403 when a parameter was added after signing', async () => {
      const params = inboundSms({ Body: 'faturam yüksek' });
      const response = await hook.post(params, { body: formBody({ ...params, NumMedia: '1', MediaUrl0: 'https://evil.example/x' }) });
      assert.equal(response.status, 403);
    });

    it('answers 403 without X-Twilio-Signature', async () => {
      const response = await hook.post(inboundSms({ Body: 'faturam yüksek' }), { unsigned: true });
      assert.equal(response.status, 403);
      assert.match(hook.logs(), /"reason":"missing"/);
    });

    it('logs each rejection with the running count and the URL checked, never the sender or the text', async () => {
      await hook.post(inboundSms({ Body: 'gizli metin', From: '+905551234567' }), { token: 'someone-elses-token-0000000000' });
      await hook.post(inboundSms({ Body: 'gizli metin', From: '+905551234567' }), { unsigned: true });
      const lines = hook.logs().split('\n').filter((l) => l.includes('signature rejected')).map((l) => JSON.parse(l) as { level: number; rejected: number; checkedAgainst: string });
      assert.deepEqual(lines.map((l) => l.rejected), [1, 2]);
      assert.equal(lines[0]?.level, 40);
      assert.equal(lines[0]?.checkedAgainst, `${publicBaseUrl}${SMS_PATH}`);
      assert.doesNotMatch(hook.logs(), /5551234567|gizli/);
    });
  });

  context('when a Webhook Rule has Twilio sign with a SharedKey', () => {
    it('refuses the request and says why in the log', async () => {
      const response = await hook.post(inboundSms({ Body: 'sayacim arizali' }), { token: 'webhooks-shared-key-secret-000000', headers: { 'x-twilio-webhooks-signature-settings': 'key=webhooks_sharedkey_1,algorithm=HMAC_SHA256' } });
      assert.equal(response.status, 403);
      assert.match(hook.logs(), /"signatureSettings":true,"hint":"signed with a Webhook Rule's SharedKey/);
    });
  });

  context('behind a proxy (the public URL differs from the one the request reached)', () => {
    it('accepts a request signed over the configured public URL, though it arrived at a local address', async () => {
      await hook.close();
      hook = await startTwilioWebhook({ publicBaseUrl: 'https://sms.igdas.example/gateway/' });
      const response = await hook.post(inboundSms({ Body: 'sayacim arizali' }), { signedUrl: `https://sms.igdas.example/gateway${SMS_PATH}` });
      assert.equal(response.status, 200);
    });

    it('refuses a request signed over the local URL, and the log says the public URL is wrong', async () => {
      const local = `${hook.endpoint}${SMS_PATH}`;
      const response = await hook.post(inboundSms({ Body: 'sayacim arizali' }), { signedUrl: local });
      assert.equal(response.status, 403);
      const line = JSON.parse(hook.logs().split('\n').find((l) => l.includes('signature rejected')) ?? '{}') as { fitsUrlReached?: string; hint?: string };
      assert.equal(line.fitsUrlReached, hook.endpoint);
      assert.match(line.hint ?? '', /publicBaseUrl/);
    });

    it('never trusts X-Forwarded-Host to accept a request', async () => {
      const response = await hook.post(inboundSms({ Body: 'sayacim arizali' }), { signedUrl: `https://attacker.example${SMS_PATH}`, headers: { 'x-forwarded-host': 'attacker.example', 'x-forwarded-proto': 'https' } });
      assert.equal(response.status, 403);
    });

    it('takes the query string into the signed URL', async () => {
      const params = inboundSms({ Body: 'sayacim arizali' });
      const signature = twilioSignatureOf(testAuthToken, `${publicBaseUrl}${SMS_PATH}?number=istanbul`, params);
      const at = (query: string): Promise<Response> => fetch(`${hook.endpoint}${SMS_PATH}${query}`, { method: 'POST', headers: { 'content-type': 'application/x-www-form-urlencoded', 'x-twilio-signature': signature }, body: formBody(params) });
      assert.equal((await at('?number=ankara')).status, 403);
      assert.equal((await at('?number=istanbul')).status, 200);
    });
  });

  context('when Twilio retries a message (the same MessageSid)', () => {
    it('answers both 200 with the same TwiML, publishes once and keeps one item id', async () => {
      const params = inboundSms({ Body: 'gaz kokusu var apartmanda' });
      const first = await hook.post(params);
      const second = await hook.post(params);
      assert.equal(first.status, 200);
      assert.equal(second.status, 200);
      assert.equal(await second.text(), await first.text());
      assert.deepEqual(hook.publisher.sends, ['emergency', 'raw']);
      assert.equal(hook.connector.stats().replayed, 1);
    });

    it('publishes once when the retry arrives while the first is in flight', async () => {
      let release: () => void = () => undefined;
      hook.publisher.gate = new Promise((done) => { release = done; });
      const params = inboundSms({ Body: 'sayacim arizali' });
      const both = Promise.all([hook.post(params), hook.post(params)]);
      await hook.publisher.called();
      release();
      const [a, b] = await both;
      assert.deepEqual([a.status, b.status], [200, 200]);
      assert.equal(hook.items().length, 1);
    });

    it('gives a retry after a restart the same item id', async () => {
      const params = inboundSms({ Body: 'sayacim arizali' });
      await hook.post(params);
      const before = hook.items()[0]?.itemId;
      await hook.close();
      hook = await startTwilioWebhook();
      assert.equal((await hook.post(params)).status, 200);
      assert.equal(hook.items()[0]?.itemId, before);
    });
  });

  context('when Kafka is unavailable', () => {
    it('answers 503 with Retry-After, writes nothing, and takes the retry once Kafka is back', async () => {
      const params = inboundSms({ Body: 'sayacim arizali' });
      hook.publisher.failNext = 1;
      const refused = await hook.post(params);
      assert.equal(refused.status, 503);
      assert.equal(refused.headers.get('retry-after'), '5');
      assert.equal((await refused.json() as { error: { code: string } }).error.code, 'INTAKE_KAFKA_UNAVAILABLE');
      assert.equal(hook.publisher.published.length, 0);
      const retried = await hook.post(params);
      assert.equal(retried.status, 200);
      assert.equal(hook.items().length, 1);
    });

    it('publishes nothing half: when the raw item fails after the alert, the retry repeats both under the same key', async () => {
      await hook.close();
      hook = await startTwilioWebhook({}, { publisher: new FirstRawFails() });
      const params = inboundSms({ Body: 'mutfakta gaz kokusu var' });
      assert.equal((await hook.post(params)).status, 503);
      assert.equal(hook.items().length, 0);
      assert.equal((await hook.post(params)).status, 200);
      const id = smsKey(params.MessageSid ?? '').itemId;
      assert.deepEqual(hook.publisher.published.map((p) => `${p.topic}:${p.message.key}`), [`emergency:${id}`, `emergency:${id}`, `raw:${id}`]);
    });
  });

  context('when the request is not a message Twilio would send', () => {
    it('answers 413 over the body limit and writes nothing', async () => {
      const params = inboundSms({ Body: 'x'.repeat(70_000) });
      const response = await hook.post(params);
      assert.equal(response.status, 413);
      assert.equal((await response.json() as { error: { code: string } }).error.code, 'INTAKE_REQUEST_TOO_LARGE');
      assert.equal(hook.publisher.published.length, 0);
    });

    it('answers 400 naming MessageSid when a signed request lacks it', async () => {
      const { MessageSid: _sid, ...params } = inboundSms({ Body: 'faturam yüksek' });
      const response = await hook.post(params);
      assert.equal(response.status, 400);
      const body = await response.json() as { error: { code: string; fields: { path: string }[] } };
      assert.equal(body.error.code, 'INTAKE_REQUEST_INVALID');
      assert.deepEqual(body.error.fields.map((f) => f.path), ['MessageSid']);
      assert.equal(hook.publisher.published.length, 0);
    });

    it('answers 400 naming From when a signed request lacks it', async () => {
      const { From: _from, ...params } = inboundSms({ Body: 'faturam yüksek' });
      const response = await hook.post(params);
      assert.equal(response.status, 400);
      assert.deepEqual((await response.json() as { error: { fields: { path: string }[] } }).error.fields.map((f) => f.path), ['From']);
    });

    it('checks the signature before the fields: an unsigned request without fields is 403, not 400', async () => {
      const response = await hook.post({ Body: 'x' }, { unsigned: true });
      assert.equal(response.status, 403);
    });

    it('answers 415 for JSON', async () => {
      const response = await fetch(`${hook.endpoint}${SMS_PATH}`, { method: 'POST', headers: { 'content-type': 'application/json' }, body: '{"Body":"x"}' });
      assert.equal(response.status, 415);
    });

    it('answers 415 for a form in another charset', async () => {
      const response = await hook.post(inboundSms({ Body: 'x' }), { headers: { 'content-type': 'application/x-www-form-urlencoded; charset=iso-8859-9' } });
      assert.equal(response.status, 415);
    });

    it('accepts the charset parameter Twilio may send', async () => {
      const response = await hook.post(inboundSms({ Body: 'x' }), { headers: { 'content-type': 'application/x-www-form-urlencoded; charset=UTF-8' } });
      assert.equal(response.status, 200);
    });

    it('reads parameter names that would pollute an object as plain names', async () => {
      const response = await hook.post({ ...inboundSms({ Body: 'sayacim arizali' }), ['__proto__']: 'x', constructor: 'y', hasOwnProperty: 'z' });
      assert.equal(response.status, 200);
      assert.equal(hook.items()[0]?.text?.body, 'sayacim arizali');
    });
  });

  context('when the text reports a gas smell', () => {
    it('publishes the alert first and answers with the 187 line', async () => {
      const response = await hook.post(inboundSms({ Body: 'gaz kokusu var apartmanda', MessageSid: messageSid() }));
      assert.equal(response.status, 200);
      const twiml = await response.text();
      assert.match(twiml, /<Response><Message>[^<]*187[^<]*<\/Message><\/Response>/);
      assert.deepEqual(hook.publisher.published.map((p) => p.topic), ['emergency', 'raw']);
      assert.equal(hook.publisher.published[1]?.message.headers?.emergency, 'true');
    });
  });

  context('when a phone answers automatically', () => {
    it('marks the item autoSubmitted and never texts back, not even the receipt', async () => {
      await hook.close();
      hook = await startTwilioWebhook({ replies: { emergencyAdvice: true, receipt: true } });
      const response = await hook.post(inboundSms({ Body: 'Şu an araç kullanıyorum. Daha sonra size döneceğim.' }));
      assert.equal(await response.text(), EMPTY_TWIML);
      assert.equal(hook.items()[0]?.text?.autoSubmitted, true);
    });
  });

  context('when a text shaped like an auto-reply reports a gas smell', () => {
    it('still answers with the 187 line', async () => {
      const response = await hook.post(inboundSms({ Body: 'Araç kullanıyorum, sonra arayacağım ama evde gaz kokusu var, acil!' }));
      assert.match(await response.text(), /<Message>[^<]*187/);
      assert.equal(hook.items()[0]?.text?.autoSubmitted, true);
    });
  });

  context('when receipts are configured', () => {
    it('answers a person with a short receipt', async () => {
      await hook.close();
      hook = await startTwilioWebhook({ replies: { emergencyAdvice: true, receipt: true } });
      const response = await hook.post(inboundSms({ Body: 'sayacim arizali' }));
      assert.match(await response.text(), /<Message>Mesajınız alındı/);
    });
  });

  context('when GET /healthz is asked', () => {
    it('answers 200', async () => {
      assert.equal((await fetch(`${hook.endpoint}/healthz`)).status, 200);
    });
  });
});
