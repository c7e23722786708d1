/** The metrics of runtime/metrics.ts, scraped as Prometheus would scrape them. */
import assert from 'node:assert/strict';
import { createMetrics, type LagSource } from '../../runtime/metrics.js';
import { createReadiness } from '../../runtime/readiness.js';
import type { Channel } from '../../schemas/types.generated.js';
import { MemoryBus } from '../support/memory-bus.js';
import { METRIC_NAMES } from '../support/metric-names.js';
import { declaredNames, parseExposition, sampleValue } from '../support/prometheus-text.js';

const QUEUES = {
  raw: { group: 'intake-normalizer', topic: 'raw' },
  ocr: { group: 'intake-ocr', topic: 'ocr' },
  transcription: { group: 'intake-transcription', topic: 'transcription' },
  media: { group: 'intake-media', topic: 'media' },
};

describe('metrics', () => {
  context('when nothing has happened yet', () => {
    it('declares every metric, with each kind and channel at zero, and Node process metrics', async () => {
      const text = await createMetrics().scrape();
      const names = declaredNames(text);
      for (const name of METRIC_NAMES) assert.ok(names.has(name), name);
      assert.ok(names.has('process_cpu_user_seconds_total'));
      const samples = parseExposition(text);
      assert.equal(sampleValue(samples, 'intake_outcomes_total', { kind: 'archive-only' }), 0);
      assert.equal(sampleValue(samples, 'intake_items_captured_total', { channel: 'voicemail' }), 0);
      assert.equal(sampleValue(samples, 'intake_emergencies_total', { channel: 'fax' }), 0);
    });
  });

  context('when stages record', () => {
    it('counts and times each under its labels', async () => {
      const metrics = createMetrics({ processMetrics: false });
      metrics.itemCaptured('email');
      metrics.itemCaptured('email');
      metrics.emergencyAlerted('sms');
      metrics.outcome('needs-info');
      metrics.deadLettered('INTAKE_MESSAGE_INVALID', 'normalizer');
      metrics.observeStage('ocr', 42);
      metrics.signatureRejected('/v1/twilio/sms');
      metrics.imapReconnected('musteri-hizmetleri');
      const samples = parseExposition(await metrics.scrape());
      assert.equal(sampleValue(samples, 'intake_items_captured_total', { channel: 'email' }), 2);
      assert.equal(sampleValue(samples, 'intake_emergencies_total', { channel: 'sms' }), 1);
      assert.equal(sampleValue(samples, 'intake_outcomes_total', { kind: 'needs-info' }), 1);
      assert.equal(sampleValue(samples, 'intake_dead_letters_total', { code: 'INTAKE_MESSAGE_INVALID', stage: 'normalizer' }), 1);
      assert.equal(sampleValue(samples, 'intake_stage_duration_seconds_bucket', { stage: 'ocr', le: '30' }), 0);
      assert.equal(sampleValue(samples, 'intake_stage_duration_seconds_bucket', { stage: 'ocr', le: '60' }), 1);
      assert.equal(sampleValue(samples, 'intake_stage_duration_seconds_sum', { stage: 'ocr' }), 42);
      assert.equal(sampleValue(samples, 'intake_webhook_signature_rejections_total', { path: '/v1/twilio/sms' }), 1);
      assert.equal(sampleValue(samples, 'intake_imap_reconnects_total', { mailbox: 'musteri-hizmetleri' }), 1);
    });

    it('keeps each metrics object apart (a registry of its own, never the global one)', async () => {
      const one = createMetrics({ processMetrics: false });
      const two = createMetrics({ processMetrics: false });
      one.itemCaptured('webform');
      assert.equal(sampleValue(parseExposition(await two.scrape()), 'intake_items_captured_total', { channel: 'webform' }), 0);
    });
  });

  context('when a caller passes a value that could be personal data as a label', () => {
    it('counts it under `other` instead', async () => {
      const metrics = createMetrics({ processMetrics: false });
      metrics.itemCaptured('05321234567' as Channel);
      metrics.deadLettered('Ayşe Yılmaz 70226422252', 'email');
      metrics.imapReconnected('ayse.yilmaz@example.com');
      metrics.signatureRejected('/v1/twilio/voice/recording?caller=05321234567');
      const text = await metrics.scrape();
      assert.doesNotMatch(text, /0532|Ayşe|70226422252|ayse|caller/);
      const samples = parseExposition(text);
      assert.equal(sampleValue(samples, 'intake_items_captured_total', { channel: 'other' }), 1);
      assert.equal(sampleValue(samples, 'intake_dead_letters_total', { code: 'other', stage: 'email' }), 1);
      assert.equal(sampleValue(samples, 'intake_imap_reconnects_total', { mailbox: 'other' }), 1);
      assert.equal(sampleValue(samples, 'intake_webhook_signature_rejections_total', { path: 'other' }), 1);
    });
  });

  describe('consumer lag and queue depth', () => {
    it('reads each configured group\'s lag from the bus view, per partition, and sums it per queue', async () => {
      const bus = new MemoryBus();
      await bus.ensureTopics(['raw', 'ocr', 'transcription', 'media', 'crm'].map((name) => ({ name, partitions: 1, replicationFactor: 1 })));
      const normalizer = await bus.subscribe({ groupId: 'intake-normalizer', topics: ['raw'], handleBatch: async () => undefined });
      bus.append('raw', [{ key: 'a', value: '1' }, { key: 'b', value: '2' }]);
      await bus.drained('intake-normalizer');
      await normalizer.stop();
      bus.append('raw', [{ key: 'c', value: '3' }]);
      bus.append('ocr', [{ key: 'd', value: '4' }, { key: 'e', value: '5' }, { key: 'f', value: '6' }]);
      const metrics = createMetrics({ processMetrics: false });
      metrics.watchLag({ source: bus.view(), groups: [{ group: 'intake-acknowledge-email', topics: ['crm'] }], queues: QUEUES });
      const samples = parseExposition(await metrics.scrape());
      assert.equal(sampleValue(samples, 'intake_consumer_lag', { group: 'intake-normalizer', topic: 'raw', partition: '0' }), 1);
      assert.equal(sampleValue(samples, 'intake_consumer_lag', { group: 'intake-ocr', topic: 'ocr', partition: '0' }), 3);
      assert.equal(sampleValue(samples, 'intake_consumer_lag', { group: 'intake-acknowledge-email', topic: 'crm', partition: '0' }), 0);
      assert.equal(sampleValue(samples, 'intake_queue_depth', { queue: 'raw' }), 1);
      assert.equal(sampleValue(samples, 'intake_queue_depth', { queue: 'ocr' }), 3);
      assert.equal(sampleValue(samples, 'intake_queue_depth', { queue: 'media' }), 0);
    });

    it('asks Kafka once per cache period, however often it is scraped', async () => {
      let reads = 0;
      const source: LagSource = { groupLag: async (_group, topics) => { reads += 1; return (topics ?? []).map((topic) => ({ topic, partition: 0, lag: 7 })); } };
      const metrics = createMetrics({ processMetrics: false });
      metrics.watchLag({ source, groups: [], queues: QUEUES });
      await metrics.scrape();
      await metrics.scrape();
      assert.equal(reads, 4, 'one read per group, once');
      const fresh = createMetrics({ processMetrics: false });
      fresh.watchLag({ source, groups: [], queues: QUEUES }, { cacheMs: 0 });
      await fresh.scrape();
      await fresh.scrape();
      assert.equal(reads, 12, 'with no cache, read at every scrape');
    });

    context('when Kafka does not answer', () => {
      it('answers the scrape within its time bound, without lag series, and does not ask again within the cache period', async () => {
        let reads = 0;
        const source: LagSource = { groupLag: () => { reads += 1; return new Promise(() => undefined); } };
        const metrics = createMetrics({ processMetrics: false });
        metrics.watchLag({ source, groups: [], queues: QUEUES }, { timeoutMs: 50 });
        const started = performance.now();
        const samples = parseExposition(await metrics.scrape());
        assert.ok(performance.now() - started < 2000);
        assert.equal(samples.filter((s) => s.name === 'intake_consumer_lag' || s.name === 'intake_queue_depth').length, 0);
        assert.equal(sampleValue(samples, 'intake_outcomes_total', { kind: 'crm' }), 0, 'the rest is served');
        await metrics.scrape();
        assert.equal(reads, 4, 'the read in flight is joined, not repeated');
      });

      it('reports the failure by its error', async () => {
        const errors: unknown[] = [];
        const metrics = createMetrics({ processMetrics: false, onCollectError: (what, error) => errors.push([what, (error as Error).message]) });
        metrics.watchLag({ source: { groupLag: () => Promise.reject(new Error('broker down')) }, groups: [], queues: QUEUES });
        const samples = parseExposition(await metrics.scrape());
        assert.equal(samples.filter((s) => s.name === 'intake_queue_depth').length, 0);
        assert.deepEqual(errors, [['lag', 'broker down']]);
      });
    });
  });

  describe('records open past their deadline', () => {
    it('reads them per unit from the database at scrape time, judged at the given clock', async () => {
      const asked: Date[] = [];
      const now = new Date('2026-03-10T09:00:00Z');
      const metrics = createMetrics({ processMetrics: false });
      metrics.watchOpenPastDeadline({ openPastDeadline: async (at) => { asked.push(at); return [{ unit: 'metering', open: 3 }, { unit: 'none', open: 1 }]; } }, () => now);
      const samples = parseExposition(await metrics.scrape());
      assert.equal(sampleValue(samples, 'intake_open_past_deadline', { unit: 'metering' }), 3);
      assert.equal(sampleValue(samples, 'intake_open_past_deadline', { unit: 'none' }), 1);
      assert.deepEqual(asked, [now]);
    });
  });

  describe('readiness', () => {
    it('exports each stage not disabled as 1 when ready and 0 otherwise', async () => {
      const readiness = createReadiness();
      readiness.set('kafka', 'ready');
      readiness.set('database', 'failed');
      readiness.set('ocr', 'disabled');
      readiness.set('capture:email:destek', 'ready');
      const samples = parseExposition(await createMetrics({ readiness, processMetrics: false }).scrape());
      assert.equal(sampleValue(samples, 'intake_ready', { stage: 'kafka' }), 1);
      assert.equal(sampleValue(samples, 'intake_ready', { stage: 'database' }), 0);
      assert.equal(sampleValue(samples, 'intake_ready', { stage: 'normalizer' }), 0);
      assert.equal(sampleValue(samples, 'intake_ready', { stage: 'capture:email:destek' }), 1);
      assert.equal(sampleValue(samples, 'intake_ready', { stage: 'ocr' }), undefined);
    });
  });
});
