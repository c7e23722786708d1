/**
 * The operator's probes on the reports server: `/healthz` open, `/readyz` and `/metrics` behind the
 * operator token. The metrics are scraped after driving applications full of names, national IDs
 * and phones through capture and the normalizer: every metric is there and no label carries them.
 */
import assert from 'node:assert/strict';
import type { FastifyInstance } from 'fastify';
import { pino } from 'pino';
import { buildWebformApp } from '../../connectors/webform/server.js';
import { startNormalizer } from '../../normalizer/runner.js';
import { buildReportsApp } from '../../reports/server.js';
import { keepNothingBlobStore } from '../../runtime/blob-store.js';
import { loadConfig } from '../../runtime/config.js';
import { createMetrics, type IntakeMetrics } from '../../runtime/metrics.js';
import { createReadiness, type Readiness } from '../../runtime/readiness.js';
import { MemoryBus } from '../support/memory-bus.js';
import { MemoryStore } from '../support/memory-decision-store.js';
import { METRIC_NAMES } from '../support/metric-names.js';
import { declaredNames, parseExposition, sampleValue } from '../support/prometheus-text.js';
import { RecordingPublisher } from '../support/recording-publisher.js';
import { startTwilioWebhook } from '../support/twilio-webhook.js';
import { inboundSms, messageSid } from '../support/twilio-signer.js';

const token = 'operator-test-token-0123456789';
const bearer = { authorization: `Bearer ${token}` };
const now = new Date('2026-03-10T09:00:00Z');

describe('operator routes on the reports server', () => {
  let app: FastifyInstance;
  let readiness: Readiness;
  let metrics: IntakeMetrics;

  beforeEach(() => {
    readiness = createReadiness();
    metrics = createMetrics({ readiness });
    app = buildReportsApp({
      sink: { report: () => Promise.reject(new Error('not asked')), overview: () => Promise.reject(new Error('not asked')) },
      logger: pino({ level: 'silent' }), now: () => now, tokens: { prometheus: token }, operator: { readiness, metrics },
    });
  });

  afterEach(() => app.close());

  describe('GET /healthz', () => {
    it('answers 200 without a token', async () => {
      assert.equal((await app.inject({ method: 'GET', url: '/healthz' })).statusCode, 200);
    });
  });

  describe('GET /readyz and /metrics', () => {
    it('answer 401 without the operator token', async () => {
      assert.equal((await app.inject({ method: 'GET', url: '/readyz' })).statusCode, 401);
      assert.equal((await app.inject({ method: 'GET', url: '/metrics' })).statusCode, 401);
    });
  });

  describe('GET /readyz', () => {
    context('while a stage is not ready', () => {
      it('answers 503 listing every stage, and 200 for one that is ready', async () => {
        readiness.set('kafka', 'ready');
        const all = await app.inject({ method: 'GET', url: '/readyz', headers: bearer });
        assert.equal(all.statusCode, 503);
        assert.equal(all.json<{ stages: Record<string, string> }>().stages.kafka, 'ready');
        assert.equal((await app.inject({ method: 'GET', url: '/readyz?stage=kafka', headers: bearer })).statusCode, 200);
      });
    });

    context('once every stage is ready or disabled', () => {
      it('answers 200', async () => {
        for (const stage of ['capture', 'normalizer', 'kafka', 'database', 'acknowledgements'] as const) readiness.set(stage, 'ready');
        for (const stage of ['transcription', 'ocr', 'media'] as const) readiness.set(stage, 'disabled');
        const response = await app.inject({ method: 'GET', url: '/readyz', headers: bearer });
        assert.equal(response.statusCode, 200);
        assert.equal(response.json<{ status: string }>().status, 'ready');
      });
    });

    context('when the stage asked for does not exist', () => {
      it('answers 400 naming the stages', async () => {
        const response = await app.inject({ method: 'GET', url: '/readyz?stage=constructor', headers: bearer });
        assert.equal(response.statusCode, 400);
        assert.match(response.json<{ error: { message: string } }>().error.message, /kafka/);
      });
    });
  });

  describe('GET /metrics', () => {
    context('after applications full of personal data went through capture and the normalizer', () => {
      const people = [
        { fullName: 'Ayşe Yılmaz', phone: '05321234567', nationalId: '70226422252', email: 'ayse.yilmaz@example.com', description: 'Faturam çok yüksek geldi, 70226422252 numaralı kimliğimle kayıtlıyım.' },
        { fullName: 'Mehmet Öztürk', phone: '+90 533 765 43 21', nationalId: '10000000146', description: 'Evde gaz kokusu var, lütfen hemen gelin!' },
      ];

      it('serves every metric, and no label value looks like a name, a phone, an ID or an address', async () => {
        const config = loadConfig({});
        const { topics } = config.kafka;
        const bus = new MemoryBus();
        const logger = pino({ level: 'silent' });
        const webform = buildWebformApp(config.connectors.webform, {
          publisher: new RecordingPublisher(bus), rawTopic: topics.raw, emergencyTopic: topics.emergency, deadLetterTopic: topics.deadLetter,
          blobStore: keepNothingBlobStore(), logger, now: () => now, readiness, metrics,
        });
        const twilio = await startTwilioWebhook({}, { metrics });
        const normalizer = await startNormalizer({
          bus, publisher: bus.publisher(), store: new MemoryStore(), topics, groupId: 'g', sessionTimeoutMs: 6000, duplicateWindowHours: 72, minFieldConfidence: 0.6,
          logger, retry: { attempts: 2, initialMs: 1, maxMs: 1 }, now: () => now, metrics,
        });
        try {
          for (const person of people) {
            const response = await webform.inject({ method: 'POST', url: '/v1/applications', headers: { 'content-type': 'application/json' }, payload: JSON.stringify(person) });
            assert.equal(response.statusCode, 202);
          }
          const sms = inboundSms({ From: '+905321234567', Body: 'Ben Ayşe Yılmaz, TC 70226422252, sayacım arızalı.', MessageSid: messageSid() });
          assert.equal((await twilio.post(sms)).status, 200);
          assert.equal((await twilio.post(sms, { token: 'a-wrong-token-0123456789abcdef' })).status, 403);
          bus.append(topics.raw, [{ key: 'poison', value: 'Ayşe Yılmaz 05321234567 70226422252' }]);
          await bus.drained('g');
          metrics.observeStage('ocr', 3.5);
          metrics.imapReconnected('musteri-hizmetleri');
          metrics.watchOpenPastDeadline({ openPastDeadline: async () => [{ unit: 'billing-collection', open: 2 }] }, () => now);
          metrics.watchLag({ source: bus.view(), groups: [], queues: { raw: { group: 'g', topic: topics.raw }, ocr: { group: 'intake-ocr', topic: topics.ocr }, transcription: { group: 'intake-transcription', topic: topics.transcription }, media: { group: 'intake-media', topic: topics.media } } });
          await bus.ensureTopics([topics.ocr, topics.transcription, topics.media].map((name) => ({ name, partitions: 1, replicationFactor: 1 })));

          const response = await app.inject({ method: 'GET', url: '/metrics', headers: bearer });
          assert.equal(response.statusCode, 200);
          assert.match(String(response.headers['content-type']), /^text\/plain/);
          const names = declaredNames(response.body);
          for (const name of METRIC_NAMES) assert.ok(names.has(name), name);

          const samples = parseExposition(response.body);
          assert.equal(sampleValue(samples, 'intake_items_captured_total', { channel: 'webform' }), 2);
          assert.equal(sampleValue(samples, 'intake_items_captured_total', { channel: 'sms' }), 1);
          assert.equal(sampleValue(samples, 'intake_emergencies_total', { channel: 'webform' }), 1);
          assert.equal(sampleValue(samples, 'intake_dead_letters_total', { code: 'INTAKE_MESSAGE_INVALID', stage: 'normalizer' }), 1);
          assert.equal(sampleValue(samples, 'intake_webhook_signature_rejections_total', { path: '/v1/twilio/sms' }), 1);
          assert.equal(twilio.connector.stats().rejectedSignatures, 1, 'the stats and the metric count the same rejection');
          assert.equal(sampleValue(samples, 'intake_queue_depth', { queue: 'raw' }), 0);
          assert.equal(sampleValue(samples, 'intake_open_past_deadline', { unit: 'billing-collection' }), 2);
          assert.ok((sampleValue(samples, 'intake_stage_duration_seconds_count', { stage: 'capture' }) ?? 0) >= 3);

          const values = samples.filter((s) => s.name.startsWith('intake_')).flatMap((s) => Object.values(s.labels));
          assert.ok(values.length > 50);
          for (const value of values) {
            assert.match(value, /^[A-Za-z0-9_.:/+-]+$/, `label value ${value}`);
            assert.doesNotMatch(value, /\d{6,}|@|Ayşe|Yılmaz|Mehmet|Öztürk|ayse/i, `label value ${value}`);
          }
          assert.doesNotMatch(response.body, /05321234567|70226422252|10000000146|Yılmaz|Öztürk|example\.com|765 43 21/);
        } finally {
          await normalizer.stop();
          await twilio.close();
          await webform.close();
        }
      });
    });
  });
});
