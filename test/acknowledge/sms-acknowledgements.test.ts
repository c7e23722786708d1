/**
 * SMS acknowledgements end to end at Twilio's HTTP boundary: the runner with an in-memory bus and
 * store, the real twilio client, and Twilio's Messages API faked on loopback.
 */
import assert from 'node:assert/strict';
import { mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { smsChannel } from '../../acknowledge/channels.js';
import { startChannelAcknowledger, type AcknowledgerHandle } from '../../acknowledge/runner.js';
import { twilioOptionsOf } from '../../acknowledge/sms-settings.js';
import { twilioSender, type SmsSender } from '../../acknowledge/twilio-sender.js';
import { loadConfig, secretPaths } from '../../runtime/config.js';
import { IntakeError } from '../../runtime/errors.js';
import { expectIntakeError } from '../support/intake-error.js';
import { memoryLogger } from '../support/memory-logger.js';
import { startFakeTwilioApi, twilioError, type FakeTwilioApi } from '../support/fake-twilio-api.js';
import { customerNumber, directBus, MemoryStore, message, now, ourNumber, smsOutcome, smsSettings } from './sms-fixture.js';

const accountSid = `AC${'0123456789abcdef'.repeat(2)}`;
const authToken = 'test-auth-token-0123456789';
const numbered = (n: number, overrides: Parameters<typeof smsOutcome>[1] = {}): ReturnType<typeof smsOutcome> =>
  ({ ...smsOutcome('needs-info', { decision: { emergency: true, missing: ['nationalId'] }, ...overrides }), applicationNumber: `2026-${String(n).padStart(6, '0')}` });

describe('SMS acknowledgements through Twilio', function () {
  this.timeout(10_000);
  let api: FakeTwilioApi;
  let sender: SmsSender;
  let bus: ReturnType<typeof directBus>;
  let store: MemoryStore;
  let logs: ReturnType<typeof memoryLogger>;
  let handle: AcknowledgerHandle;

  before(async () => {
    api = await startFakeTwilioApi();
    sender = await twilioSender({ accountSid, authToken, sender: { from: ourNumber }, apiBaseUrl: api.baseUrl, timeoutMs: 5000 });
  });
  after(async () => { sender.close(); await api.close(); });

  beforeEach(async () => {
    api.requests.length = 0;
    api.answer = (_n, request) => ({ status: 201, body: { sid: `SM${'0'.repeat(32)}`, status: 'queued', to: request.form.get('To'), body: request.form.get('Body') } });
    bus = directBus();
    store = new MemoryStore();
    logs = memoryLogger();
    handle = await startChannelAcknowledger({
      bus, store, port: smsChannel(sender, smsSettings), topics: ['intake.crm.v1', 'intake.needs-info.v1'], groupId: 'intake-acknowledge-sms', logger: logs.logger,
      retry: { attempts: 3, initialMs: 1, maxMs: 2 }, now: () => now,
    });
  });
  afterEach(() => handle.stop());

  const assertNothingPersonalLogged = (): void => {
    const lines = logs.lines();
    assert.doesNotMatch(lines, /5321234567|Başvurunuz|Eksik|Gaz kokusu/);
    assert.doesNotMatch(lines, new RegExp(authToken));
  };

  context('when Twilio creates the message (201)', () => {
    it('posts the form to the account\'s Messages.json with basic auth, once, and records it sent', async () => {
      const outcome = numbered(1);
      await bus.deliver(message(outcome, 'intake.needs-info.v1'));
      assert.equal(api.requests.length, 1);
      const [request] = api.requests;
      assert.equal(request?.method, 'POST');
      assert.equal(request?.path, `/2010-04-01/Accounts/${accountSid}/Messages.json`);
      assert.match(request?.contentType ?? '', /^application\/x-www-form-urlencoded/);
      assert.deepEqual(request?.auth, { user: accountSid, password: authToken });
      assert.equal(request?.form.get('To'), customerNumber);
      assert.equal(request?.form.get('From'), ourNumber);
      assert.equal(request?.form.get('Body'), "Gaz kokusu için hemen 187'yi arayın. Başvurunuz 2026-000001 numarasıyla alındı. Eksik: T.C. kimlik no.");
      assert.deepEqual(store.rows.get(MemoryStore.key({ itemId: outcome.decision.itemId, channel: 'sms' }))?.result, { state: 'sent', attempts: 1 });
      assert.match(logs.lines(), /"channel":"sms".*"msg":"acknowledged"/);
      assertNothingPersonalLogged();
    });
  });

  context('when the same outcome is delivered again', () => {
    it('texts once', async () => {
      const outcome = numbered(2);
      await bus.deliver(message(outcome));
      await bus.deliver(message(outcome), message(outcome));
      assert.equal(api.requests.length, 1);
      assert.equal(store.rows.size, 1);
      assert.match(logs.lines(), /"msg":"acknowledged before"/);
    });
  });

  context('when no SMS acknowledgement is due', () => {
    it('neither claims nor calls Twilio', async () => {
      await bus.deliver(
        message(numbered(3, { decision: { channel: 'email' } })),
        message(numbered(4, { decision: { provenance: { phone: { source: 'text', confidence: 0.8 } } } })),
        message(numbered(5, { decision: { customer: { ...smsOutcome().decision.customer, phone: '+902125551234' } } })),
        message(smsOutcome('ignored')),
      );
      assert.equal(store.rows.size, 0);
      assert.equal(api.requests.length, 0);
    });
  });

  context('when Twilio refuses the number (400, 21211)', () => {
    it('records it failed at once with the codes, not retried, logging neither number nor text', async () => {
      api.answer = () => twilioError(400, 21211, `The 'To' number ${customerNumber} is not a valid phone number.`);
      const outcome = numbered(6);
      await bus.deliver(message(outcome));
      assert.equal(api.requests.length, 1);
      assert.deepEqual(store.rows.get(MemoryStore.key({ itemId: outcome.decision.itemId, channel: 'sms' }))?.result, { state: 'failed', attempts: 1, errorCode: 'INTAKE_SMS_REJECTED' });
      assert.match(logs.lines(), /"code":"INTAKE_SMS_REJECTED","httpStatus":400,"twilioCode":21211/);
      assertNothingPersonalLogged();
    });
  });

  context('when Twilio fails (500), then creates it', () => {
    it('retries and records it sent after two attempts', async () => {
      api.answer = (n, request) => (n === 1 ? twilioError(500, 20500, 'Internal Server Error') : { status: 201, body: { sid: 'SM1', status: 'queued', to: request.form.get('To') } });
      const outcome = numbered(7);
      await bus.deliver(message(outcome));
      assert.equal(api.requests.length, 2);
      assert.deepEqual(store.rows.get(MemoryStore.key({ itemId: outcome.decision.itemId, channel: 'sms' }))?.result, { state: 'sent', attempts: 2 });
      assert.match(logs.lines(), /"code":"INTAKE_SMS_UNAVAILABLE".*"msg":"retrying the Twilio send"/);
      assertNothingPersonalLogged();
    });
  });

  context('when Twilio keeps answering 429 (too many requests)', () => {
    it('retries up to the attempts, records it failed, and goes on to the next outcome', async () => {
      api.answer = (n, request) => (n <= 3 ? twilioError(429, 20429, 'Too Many Requests') : { status: 201, body: { sid: 'SM2', status: 'queued', to: request.form.get('To') } });
      const lost = numbered(8);
      const next = numbered(9);
      await bus.deliver(message(lost), message(next));
      assert.equal(api.requests.length, 4);
      assert.deepEqual(store.rows.get(MemoryStore.key({ itemId: lost.decision.itemId, channel: 'sms' }))?.result, { state: 'failed', attempts: 3, errorCode: 'INTAKE_SMS_UNAVAILABLE' });
      assert.deepEqual(store.rows.get(MemoryStore.key({ itemId: next.decision.itemId, channel: 'sms' }))?.result, { state: 'sent', attempts: 1 });
      assert.match(logs.lines(), /"httpStatus":429,"twilioCode":20429/);
      assertNothingPersonalLogged();
    });
  });
});

describe('twilioSender', function () {
  this.timeout(10_000);

  it('sends with a Messaging Service instead of a number', async () => {
    const api = await startFakeTwilioApi();
    const sender = await twilioSender({ accountSid, authToken, sender: { messagingServiceSid: `MG${'a'.repeat(32)}` }, apiBaseUrl: `${api.baseUrl}/`, timeoutMs: 5000 });
    try {
      await sender.send({ to: customerNumber, body: 'Başvurunuz 2026-000123 numarasıyla alındı.' });
      assert.equal(api.requests[0]?.form.get('MessagingServiceSid'), `MG${'a'.repeat(32)}`);
      assert.equal(api.requests[0]?.form.has('From'), false);
    } finally {
      sender.close();
      await api.close();
    }
  });

  it('throws INTAKE_SMS_UNAVAILABLE without the request when nothing answers', async () => {
    const api = await startFakeTwilioApi();
    const baseUrl = api.baseUrl;
    await api.close();
    const sender = await twilioSender({ accountSid, authToken, sender: { from: ourNumber }, apiBaseUrl: baseUrl, timeoutMs: 2000 });
    try {
      await assert.rejects(sender.send({ to: customerNumber, body: 'x' }), (e: unknown) => {
        assert.ok(e instanceof IntakeError);
        assert.equal(e.code, 'INTAKE_SMS_UNAVAILABLE');
        assert.equal(e.cause, undefined);
        assert.doesNotMatch(JSON.stringify({ message: e.message, details: e.details }), /5321234567|test-auth-token/);
        return true;
      });
    } finally {
      sender.close();
    }
  });
});

describe('SMS acknowledgement settings', () => {
  it('are off by default, with their own consumer group and the real API', () => {
    const sms = loadConfig({}).acknowledgements.sms;
    assert.equal(sms.enabled, false);
    assert.equal(sms.consumerGroup, 'intake-acknowledge-sms');
    assert.equal(sms.apiBaseUrl, 'https://api.twilio.com');
    assert.ok(secretPaths.includes('acknowledgements.sms.authToken'));
  });

  it('stop startup naming the keys when enabled without an account, a token or a sender', () => {
    const error = expectIntakeError(() => loadWith({ enabled: true }), 'INTAKE_CONFIG_INVALID');
    assert.match(error.message, /acknowledgements\.sms\.accountSid: is required/);
    assert.match(error.message, /acknowledgements\.sms\.authToken: is required/);
    const loaded = loadWith({ enabled: true, accountSid }, { INTAKE_TWILIO_ACK_AUTH_TOKEN: authToken }).acknowledgements.sms;
    assert.equal(loaded.authToken, authToken);
    assert.match(expectIntakeError(() => twilioOptionsOf(loaded), 'INTAKE_CONFIG_INVALID').message, /acknowledgements\.sms\.from/);
    assert.match(expectIntakeError(() => twilioOptionsOf({ ...loaded, from: ourNumber, messagingServiceSid: `MG${'a'.repeat(32)}` }), 'INTAKE_CONFIG_INVALID').message, /not both/);
    assert.deepEqual(twilioOptionsOf({ ...loaded, from: ourNumber }).sender, { from: ourNumber });
  });

  it('refuse a sender number that is not E.164, naming the key', () => {
    assert.match(expectIntakeError(() => loadWith({ from: '08502001187' }), 'INTAKE_CONFIG_INVALID').message, /acknowledgements\.sms\.from: must match pattern/);
  });
});


function loadWith(sms: Record<string, unknown>, env: Record<string, string> = {}): ReturnType<typeof loadConfig> {
  const file = join(mkdtempSync(join(tmpdir(), 'ack-sms-config-')), 'config.json');
  writeFileSync(file, JSON.stringify({ acknowledgements: { sms } }));
  return loadConfig({ file, env });
}
