/**
 * Issue 6, tried as a hostile user would: each finding has its regression test here, against the
 * real HTTP server on a loopback port (timeouts need real sockets).
 */
import assert from 'node:assert/strict';
import { connect, type Socket } from 'node:net';
import type { FastifyInstance } from 'fastify';
import iconv from 'iconv-lite';
import { buildWebformApp } from '../../../connectors/webform/server.js';
import { folderBlobStore } from '../../../runtime/blob-store.js';
import { loadConfig } from '../../../runtime/config.js';
import { createReadiness } from '../../../runtime/readiness.js';
import type { RawItem } from '../../../schemas/types.generated.js';
import { memoryLogger } from '../../support/memory-logger.js';
import { RecordingPublisher } from '../../support/recording-publisher.js';

const complete = { fullName: 'Ayşe Yılmaz', phone: '05321234567', nationalId: '70226422252', description: 'Faturam yüksek geldi.' };

describe('connectors/webform under hostile input (issue 6)', () => {
  let app: FastifyInstance;
  let publisher: RecordingPublisher;
  let endpoint: string;

  const build = (): FastifyInstance => {
    const config = { ...loadConfig({}).connectors.webform, requestTimeoutSeconds: 2, headersTimeoutSeconds: 1 };
    return buildWebformApp(config, { publisher, rawTopic: 'raw', emergencyTopic: 'emergency', deadLetterTopic: 'dead-letter', blobStore: folderBlobStore('/nonexistent'), logger: memoryLogger().logger, now: () => new Date('2026-11-28T10:00:00Z'), readiness: createReadiness() });
  };

  beforeEach(async () => {
    publisher = new RecordingPublisher();
    app = build();
    await app.listen({ host: '127.0.0.1', port: 0 });
    const address = app.server.address();
    endpoint = `http://127.0.0.1:${typeof address === 'object' && address ? address.port : 0}`;
  });
  afterEach(() => app.close());

  const post = (body: string | Uint8Array, headers: Record<string, string> = {}): Promise<Response> =>
    fetch(`${endpoint}/v1/applications`, { method: 'POST', headers: { 'content-type': 'application/json', ...headers }, body: typeof body === 'string' ? body : new Uint8Array(body) });
  const lastItem = (): RawItem => JSON.parse(String(publisher.published.at(-1)?.message.value)) as RawItem;

  context('finding 1: a lone surrogate escape in a field', () => {
    it('is accepted with the character repaired and the field named, so the sink can store it', async () => {
      const response = await post('{"fullName":"Ay\\ud800şe","phone":"05321234567","nationalId":"70226422252","description":"x\\udbffy \\ud83d"}');
      assert.equal(response.status, 202);
      const item = lastItem();
      assert.equal(item.form?.fullName, 'Ay\ufffdşe');
      assert.equal(item.form?.description, 'x\ufffdy \ufffd');
      assert.deepEqual(item.fieldNotes?.repaired, ['fullName', 'description']);
    });
  });

  context('finding 2: an Idempotency-Key reused with another body', () => {
    it('after a restart, records the other body as its own application instead of dropping it', async () => {
      const first = await post(JSON.stringify(complete), { 'idempotency-key': 'reused-after-restart' });
      await app.close();
      app = build(); // the restarted process has forgotten every key
      await app.listen({ host: '127.0.0.1', port: Number(new URL(endpoint).port) });
      const second = await post(JSON.stringify({ ...complete, description: 'Sayacım arızalı.' }), { 'idempotency-key': 'reused-after-restart' });
      assert.equal(second.status, 202);
      const [a, b] = [await first.json(), await second.json()] as { itemId: string }[];
      assert.notEqual(a?.itemId, b?.itemId);
      assert.equal(publisher.published.length, 2);
    });

    it('after a restart, still answers a true retry with the same item', async () => {
      const first = await post(JSON.stringify(complete), { 'idempotency-key': 'retried-after-restart' });
      await app.close();
      app = build();
      await app.listen({ host: '127.0.0.1', port: Number(new URL(endpoint).port) });
      const again = await post(JSON.stringify(complete), { 'idempotency-key': 'retried-after-restart' });
      assert.equal(((await again.json()) as { itemId: string }).itemId, ((await first.json()) as { itemId: string }).itemId);
    });

    it('within the process, refuses it with 422', async () => {
      await post(JSON.stringify(complete), { 'idempotency-key': 'reused-now' });
      const response = await post(JSON.stringify({ ...complete, description: 'başka' }), { 'idempotency-key': 'reused-now' });
      assert.equal(response.status, 422);
    });
  });

  context('finding 4: a client that sends its body a byte at a time', () => {
    const answerOf = (socket: Socket): Promise<string> => new Promise((done) => {
      let text = '';
      socket.on('data', (chunk) => { text += chunk.toString('latin1'); });
      socket.on('close', () => done(text));
    });

    it('is answered 408 and its socket closed once requestTimeoutSeconds passed', async function () {
      this.timeout(15_000);
      const socket = connect(Number(new URL(endpoint).port), '127.0.0.1');
      const answered = answerOf(socket);
      socket.write('POST /v1/applications HTTP/1.1\r\nHost: x\r\nContent-Type: application/json\r\nContent-Length: 1000\r\n\r\n{');
      const drip = setInterval(() => { if (!socket.destroyed) socket.write(' '); }, 300);
      try {
        const answer = await answered;
        assert.match(answer, /^HTTP\/1\.1 408/);
        assert.match(answer, /INTAKE_REQUEST_TIMEOUT/);
      } finally {
        clearInterval(drip);
      }
      assert.equal(publisher.published.length, 0);
    });

    it('is answered 408 too when its headers never end', async function () {
      this.timeout(15_000);
      const socket = connect(Number(new URL(endpoint).port), '127.0.0.1');
      const answered = answerOf(socket);
      socket.write('POST /v1/applications HTTP/1.1\r\nHost: x\r\n');
      const drip = setInterval(() => { if (!socket.destroyed) socket.write('X-Slow: 1\r\n'); }, 300);
      try {
        assert.match(await answered, /^HTTP\/1\.1 408/);
      } finally {
        clearInterval(drip);
      }
    });
  });

  context('finding 5: JSON nested thousands of levels deep', () => {
    it('is refused with 400, not 500', async () => {
      for (const depth of [5_000, 30_000]) {
        const response = await post(`{"description":${'['.repeat(depth)}${']'.repeat(depth)}}`);
        assert.equal(response.status, 400, `depth ${depth}`);
        const body = (await response.json()) as { error: { code: string; fields: { path: string }[] } };
        assert.equal(body.error.code, 'INTAKE_REQUEST_INVALID');
      }
    });
  });

  context('finding 6: text in another charset, or invalid bytes', () => {
    it('reads an urlencoded form sent as iso-8859-9', async () => {
      const body = `fullName=${[...iconv.encode('Ayşe Yılmaz', 'iso-8859-9')].map((b) => `%${b.toString(16)}`).join('')}&description=Fatura`;
      const response = await post(body, { 'content-type': 'application/x-www-form-urlencoded; charset=iso-8859-9' });
      assert.equal(response.status, 202);
      assert.equal(lastItem().form?.fullName, 'Ayşe Yılmaz');
    });

    it('reads raw windows-1254 bytes in a JSON body that declares them', async () => {
      const response = await post(iconv.encode(JSON.stringify({ fullName: 'İSMAİL IŞIK', description: 'Sayaç' }), 'windows-1254'), { 'content-type': 'application/json; charset=windows-1254' });
      assert.equal(response.status, 202);
      assert.equal(lastItem().form?.fullName, 'İSMAİL IŞIK');
    });

    it('refuses invalid UTF-8 with 400 naming the body, instead of storing U+FFFD', async () => {
      const response = await post(Buffer.from('{"fullName":"Ay\xfee","description":"x"}', 'latin1'));
      assert.equal(response.status, 400);
      const body = (await response.json()) as { error: { fields: { path: string; message: string }[] } };
      assert.deepEqual(body.error.fields.map((f) => f.path), ['(body)']);
      assert.match(body.error.fields[0]?.message ?? '', /utf-8/);
      assert.equal(publisher.published.length, 0);
    });

    it('refuses a charset it does not know with 415', async () => {
      assert.equal((await post('{}', { 'content-type': 'application/json; charset=koi8-r' })).status, 415);
    });
  });

  context('when a real front end adds fields and sends numbers', () => {
    it('ignores unknown fields by name, coerces digits, drops unusable values and still records the application', async () => {
      const response = await post(JSON.stringify({ fullName: ['Ayşe', 'Yılmaz'], phone: 5321234567, nationalId: 70226422252, isSubscriber: 'true', description: 'Fatura', 'g-recaptcha-response': 'token-value', utm_source: 'mail' }));
      assert.equal(response.status, 202);
      const item = lastItem();
      assert.deepEqual([item.form?.phone, item.form?.nationalId, item.form?.isSubscriber, item.form?.fullName], ['5321234567', '70226422252', true, undefined]);
      assert.deepEqual(item.fieldNotes, { unknown: ['g-recaptcha-response', 'utm_source'], dropped: ['fullName'], repaired: [] });
      assert.doesNotMatch(String(publisher.published.at(-1)?.message.value), /token-value/);
    });

    it('keeps __proto__ and constructor keys away from any prototype', async () => {
      const response = await post('{"__proto__":{"isSubscriber":true},"constructor":{"prototype":{"polluted":1}},"description":"Fatura"}');
      assert.equal(response.status, 202);
      const item = lastItem();
      assert.equal(item.form?.isSubscriber, undefined);
      assert.deepEqual(item.fieldNotes?.unknown, ['__proto__', 'constructor']);
      assert.equal(({} as Record<string, unknown>).polluted, undefined);
    });
  });
});
