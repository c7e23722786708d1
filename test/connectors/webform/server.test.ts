import assert from 'node:assert/strict';
import type { FastifyInstance } from 'fastify';
import { buildWebformApp } from '../../../connectors/webform/server.js';
import { folderBlobStore } from '../../../runtime/blob-store.js';
import { loadConfig } from '../../../runtime/config.js';
import { createReadiness } from '../../../runtime/readiness.js';
import { validateRawItem } from '../../../runtime/schemas.js';
import type { RawItem } from '../../../schemas/types.generated.js';
import { memoryLogger } from '../../support/memory-logger.js';
import { RecordingPublisher } from '../../support/recording-publisher.js';

const staffKey = 'agent-secret-0123456789';
const complete = { fullName: 'Ayşe Yılmaz', phone: '05321234567', nationalId: '70226422252', description: 'Faturam yüksek geldi.' };

describe('connectors/webform server', () => {
  let app: FastifyInstance;
  let publisher: RecordingPublisher;
  let logs: () => string;

  beforeEach(() => {
    const config = loadConfig({ env: { INTAKE_STAFF_API_KEYS: `agent-7=${staffKey}` } }).connectors.webform;
    publisher = new RecordingPublisher();
    const memory = memoryLogger();
    logs = memory.lines;
    app = buildWebformApp(config, { publisher, rawTopic: 'raw', emergencyTopic: 'emergency', deadLetterTopic: 'dead-letter', blobStore: folderBlobStore('/nonexistent'), logger: memory.logger, now: () => new Date('2026-11-24T10:00:00Z'), readiness: createReadiness() });
  });
  afterEach(() => app.close());

  const post = (body: unknown, headers: Record<string, string> = {}) =>
    app.inject({ method: 'POST', url: '/v1/applications', headers: { 'content-type': 'application/json', ...headers }, payload: typeof body === 'string' ? body : JSON.stringify(body) });

  context('when a complete application is posted', () => {
    it('answers 202 with the item id of a raw item published to the raw topic', async () => {
      const response = await post(complete);
      assert.equal(response.statusCode, 202);
      const { itemId } = response.json<{ itemId: string }>();
      assert.equal(publisher.published.length, 1);
      const sent = publisher.published[0];
      assert.equal(sent?.topic, 'raw');
      assert.equal(sent?.message.key, itemId);
      const item = JSON.parse(String(sent?.message.value)) as RawItem;
      assert.ok(validateRawItem(item));
      assert.equal(item.channel, 'webform');
      assert.equal(item.receivedAt, '2026-11-24T10:00:00.000Z');
    });

    it('answers only after Kafka acknowledged', async () => {
      let release: () => void = () => undefined;
      publisher.gate = new Promise((done) => { release = done; });
      let answered = false;
      const pending = post(complete).then((r) => { answered = true; return r; });
      await publisher.called();
      assert.equal(answered, false);
      release();
      assert.equal((await pending).statusCode, 202);
    });

    it('keeps personal data out of the log', async () => {
      await post(complete);
      assert.doesNotMatch(logs(), /70226422252|5321234567|Ayşe|Yılmaz/);
      assert.match(logs(), /application accepted/);
    });
  });

  context('when the application reports a gas smell', () => {
    it('publishes the alert to the emergency topic before the raw item and tells the person to call 187', async () => {
      const response = await post({ ...complete, description: 'Mutfakta gaz kokusu var, çok yoğun.' });
      assert.equal(response.statusCode, 202);
      const body = response.json<{ itemId: string; emergency: boolean; message: string }>();
      assert.equal(body.emergency, true);
      assert.match(body.message, /187/);
      assert.deepEqual(publisher.published.map((p) => p.topic), ['emergency', 'raw']);
      assert.equal(publisher.published[0]?.message.key, body.itemId);
      assert.equal(publisher.published[1]?.message.headers?.emergency, 'true');
    });

    it('answers an ordinary application without the emergency message', async () => {
      const body = (await post(complete)).json<{ emergency: boolean; message: string }>();
      assert.equal(body.emergency, false);
      assert.doesNotMatch(body.message, /187/);
      assert.deepEqual(publisher.published.map((p) => p.topic), ['raw']);
    });
  });

  context('when the form is urlencoded', () => {
    it('reads the tick box and accepts it', async () => {
      const response = await app.inject({ method: 'POST', url: '/v1/applications', headers: { 'content-type': 'application/x-www-form-urlencoded; charset=utf-8' }, payload: 'fullName=Ali+Veli&isSubscriber=on&contractAccountNumber=1000234567&nationalId=70226422252&phone=05321234567&description=Fatura' });
      assert.equal(response.statusCode, 202);
      const item = JSON.parse(String(publisher.published[0]?.message.value)) as RawItem;
      assert.equal(item.form?.isSubscriber, true);
    });
  });

  context('when Kafka is unreachable', () => {
    it('answers 503 with Retry-After and writes nothing', async () => {
      publisher.failNext = 1;
      const response = await post(complete, { 'idempotency-key': 'k-503' });
      assert.equal(response.statusCode, 503);
      assert.equal(response.headers['retry-after'], '5');
      assert.equal(response.json<{ error: { code: string } }>().error.code, 'INTAKE_KAFKA_UNAVAILABLE');
      assert.equal(publisher.published.length, 0);
    });

    it('lets the retry with the same Idempotency-Key go through', async () => {
      publisher.failNext = 1;
      await post(complete, { 'idempotency-key': 'k-retry' });
      const retried = await post(complete, { 'idempotency-key': 'k-retry' });
      assert.equal(retried.statusCode, 202);
      assert.equal(publisher.published.length, 1);
    });
  });

  context('with an Idempotency-Key', () => {
    it('answers a retried post with the same id and publishes nothing new', async () => {
      const first = await post(complete, { 'idempotency-key': 'same-key' });
      const second = await post(complete, { 'idempotency-key': 'same-key' });
      assert.equal(second.statusCode, 202);
      assert.equal(second.json<{ itemId: string }>().itemId, first.json<{ itemId: string }>().itemId);
      assert.equal(publisher.published.length, 1);
    });

    it('publishes once when the retry arrives while the first is in flight', async () => {
      let release: () => void = () => undefined;
      publisher.gate = new Promise((done) => { release = done; });
      const both = Promise.all([post(complete, { 'idempotency-key': 'racing' }), post(complete, { 'idempotency-key': 'racing' })]);
      await publisher.called();
      release();
      const [a, b] = await both;
      assert.equal(a.json<{ itemId: string }>().itemId, b.json<{ itemId: string }>().itemId);
      assert.equal(publisher.published.length, 1);
    });

    it('refuses the key reused with another body with 422', async () => {
      await post(complete, { 'idempotency-key': 'reused' });
      const response = await post({ ...complete, description: 'başka bir şikâyet' }, { 'idempotency-key': 'reused' });
      assert.equal(response.statusCode, 422);
      assert.equal(response.json<{ error: { code: string } }>().error.code, 'INTAKE_IDEMPOTENCY_CONFLICT');
    });

    it('derives the same item id from the key after a restart', async () => {
      const first = await post(complete, { 'idempotency-key': 'survives-restart' });
      const config = loadConfig({}).connectors.webform;
      const restarted = buildWebformApp(config, { publisher, rawTopic: 'raw', emergencyTopic: 'emergency', deadLetterTopic: 'dead-letter', blobStore: folderBlobStore('/nonexistent'), logger: memoryLogger().logger, now: () => new Date(), readiness: createReadiness() });
      const again = await restarted.inject({ method: 'POST', url: '/v1/applications', headers: { 'content-type': 'application/json', 'idempotency-key': 'survives-restart' }, payload: JSON.stringify(complete) });
      await restarted.close();
      assert.equal(again.json<{ itemId: string }>().itemId, first.json<{ itemId: string }>().itemId);
    });
  });

  context('when a staff channel is used', () => {
    const phoneForm = { ...complete, channel: 'phone' };
    it('refuses it without a key with 401', async () => {
      const response = await post(phoneForm);
      assert.equal(response.statusCode, 401);
      assert.equal(response.json<{ error: { code: string } }>().error.code, 'INTAKE_UNAUTHORIZED');
    });
    it('refuses a wrong key with 401', async () => {
      assert.equal((await post(phoneForm, { 'x-api-key': 'wrong-key-0123456789' })).statusCode, 401);
    });
    it('records the name of the key that entered it, never the key', async () => {
      const response = await post(phoneForm, { 'x-api-key': staffKey });
      assert.equal(response.statusCode, 202);
      const item = JSON.parse(String(publisher.published[0]?.message.value)) as RawItem;
      assert.equal(item.enteredBy, 'agent-7');
      assert.equal(item.channel, 'phone');
      assert.doesNotMatch(logs(), new RegExp(staffKey));
    });
  });

  context('when the request is malformed', () => {
    it('answers 400 with every field error and no values', async () => {
      const response = await post({ ...complete, channel: 'fax', nationalId: 'x'.repeat(21) });
      assert.equal(response.statusCode, 400);
      const body = response.json<{ error: { code: string; fields: { path: string }[] } }>();
      assert.equal(body.error.code, 'INTAKE_REQUEST_INVALID');
      assert.deepEqual(body.error.fields.map((f) => f.path).sort(), ['channel']);
      assert.doesNotMatch(response.body, /70226422252/);
    });
    it('answers 400 for a JSON array', async () => {
      assert.equal((await post([complete])).statusCode, 400);
    });
    it('answers 413 over the size limit', async () => {
      const response = await post({ ...complete, description: 'x'.repeat(70_000) });
      assert.equal(response.statusCode, 413);
      assert.equal(response.json<{ error: { code: string } }>().error.code, 'INTAKE_REQUEST_TOO_LARGE');
    });
    it('answers 415 for another content type', async () => {
      const response = await app.inject({ method: 'POST', url: '/v1/applications', headers: { 'content-type': 'text/plain' }, payload: 'hello' });
      assert.equal(response.statusCode, 415);
    });
    it('answers 400 for a malformed Idempotency-Key', async () => {
      assert.equal((await post(complete, { 'idempotency-key': 'has spaces in it' })).statusCode, 400);
    });
    it('publishes nothing for any of them', async () => {
      await post({ ...complete, channel: 'fax' });
      assert.equal(publisher.published.length, 0);
    });
  });
});
