import assert from 'node:assert/strict';
import type { FastifyInstance } from 'fastify';
import { pino } from 'pino';
import type { OverviewDocument } from '../../reports/index.js';
import { buildOverview, istanbulDay } from '../../reports/overview-document.js';
import { parseOverviewParams } from '../../reports/overview-params.js';
import { createGaugeSampler, type GaugeSampler, type PipelineGauges } from '../../reports/pipeline-gauges.js';
import { buildReportsApp } from '../../reports/server.js';
import type { Decision } from '../../schemas/types.generated.js';
import type { Sink } from '../../sink/index.js';
import { customer, decision } from '../sink/decision-fixture.js';
import { openSinkWithDb } from '../sink/report-fixture.js';

// 10:15 in Istanbul on 2026-04-02.
const now = new Date('2026-04-02T07:15:00.000Z');
const token = 'overview-test-token-0123456789';
const headers = { authorization: `Bearer ${token}` };

function at(receivedAt: string, district: string, overrides: Partial<Decision> = {}): Decision {
  const base = decision('crm', receivedAt, overrides);
  return { ...base, customer: { ...customer, district } };
}

/** Gauges that answer what the test says, and a sampler holding the samples given. */
function fakeKafka(lag: Record<string, number> | Error, samples: Array<{ at: number; deadLetterTotal: number | null; lag: Record<string, number> | null }>): { gauges: PipelineGauges; sampler: GaugeSampler } {
  const gauges: PipelineGauges = {
    deadLetterTotal: async () => 0,
    consumerLag: async () => { if (lag instanceof Error) throw lag; return lag; },
  };
  return { gauges, sampler: { start: () => undefined, stop: () => undefined, samples: () => samples } };
}

describe('overview', () => {
  describe('parseOverviewParams', () => {
    it('takes 24 hours of hourly buckets by default, minutes up to 6 hours', () => {
      assert.deepEqual(parseOverviewParams({}), { ok: true, params: { hours: 24, bucketSeconds: 3600 } });
      assert.deepEqual(parseOverviewParams({ hours: '6' }), { ok: true, params: { hours: 6, bucketSeconds: 60 } });
      assert.deepEqual(parseOverviewParams({ hours: '168' }), { ok: true, params: { hours: 168, bucketSeconds: 3600 } });
    });

    it('refuses hours out of 1 to 168, a repeated or unknown parameter', () => {
      for (const query of [{ hours: '0' }, { hours: '169' }, { hours: '2.5' }, { hours: ['1', '2'] }, { hours: '24', by: 'unit' }]) {
        assert.equal(parseOverviewParams(query).ok, false, JSON.stringify(query));
      }
    });
  });

  describe('istanbulDay', () => {
    it('is the calendar day in Istanbul, which starts at 21:00 UTC the day before', () => {
      assert.deepEqual(istanbulDay(new Date('2026-03-10T21:30:00Z')), { from: new Date('2026-03-10T21:00:00Z'), to: new Date('2026-03-11T21:00:00Z') });
      assert.deepEqual(istanbulDay(new Date('2026-03-10T20:59:59Z')), { from: new Date('2026-03-09T21:00:00Z'), to: new Date('2026-03-10T21:00:00Z') });
    });
  });

  describe('the document over an in-memory database', () => {
    let sink: Sink;
    let app: FastifyInstance;

    before(async () => {
      ({ sink } = await openSinkWithDb({ databaseUrl: null, embeddedDir: null }));
      const recorded = new Date('2026-04-02T07:15:00Z');
      // Today in Istanbul starts 2026-04-01T21:00Z.
      await sink.record(at('2026-04-02T06:10:00Z', 'Kadıköy'), recorded);
      await sink.record(at('2026-04-02T06:50:00Z', 'Kadıköy', { channel: 'phone', emergency: true, unit: 'emergency-response', topic: { main: 'emergency', sub: 'gas-smell' }, deadline: '2026-04-02T07:00:00.000Z' }), recorded);
      await sink.record(at('2026-04-02T07:10:00Z', 'Üsküdar', { emergency: true, unit: 'emergency-response', topic: { main: 'emergency', sub: 'gas-smell' }, deadline: '2026-04-02T08:10:00.000Z' }), recorded);
      // Yesterday in Istanbul (20:30Z is 23:30 there): in the 24-hour window, not in today's counts.
      await sink.record(at('2026-04-01T20:30:00Z', 'Şişli'), recorded);
      app = buildReportsApp({ sink, logger: pino({ level: 'silent' }), now: () => now, tokens: { screen: token } });
    });

    after(async () => {
      await app?.close();
      await sink?.close();
    });

    context('when asked for 24 hours', () => {
      let doc: OverviewDocument;

      before(async () => {
        const response = await app.inject({ method: 'GET', url: '/v1/overview?hours=24', headers });
        assert.equal(response.statusCode, 200);
        assert.equal(response.headers['cache-control'], 'no-store');
        doc = response.json<OverviewDocument>();
      });

      it('has 24 hourly buckets, the last holding now', () => {
        assert.deepEqual(doc.window, { hours: 24, bucketSeconds: 3600, from: '2026-04-01T08:00:00.000Z', to: '2026-04-02T08:00:00.000Z' });
        assert.equal(doc.flow.times.length, 24);
        assert.equal(doc.flow.times[23], Date.parse('2026-04-02T07:00:00Z') / 1000);
      });

      it('counts items per bucket by channel and kind, and emergencies', () => {
        const channel = Object.fromEntries(doc.flow.byChannel.map((c) => [c.channel, c.items.slice(-3)]));
        assert.deepEqual(channel, { webform: [0, 1, 1], phone: [0, 1, 0] });
        assert.deepEqual(doc.flow.byChannel.map((c) => c.channel), ['webform', 'phone']);
        assert.deepEqual(doc.flow.byKind.map((k) => k.kind), ['crm', 'needs-info', 'archive-only', 'ignored']);
        assert.deepEqual(doc.flow.byKind[0]?.items.slice(-3), [0, 2, 1]);
        assert.deepEqual(doc.flow.emergencies.slice(-3), [0, 1, 1]);
        assert.equal(doc.flow.byKind[0]?.items.reduce((a, b) => a + b, 0), 4);
      });

      it("gives today's Istanbul counts by region, unit and topic, as the reports count them", () => {
        assert.deepEqual([doc.today.from, doc.today.to, doc.today.total.total], ['2026-04-01T21:00:00.000Z', '2026-04-02T21:00:00.000Z', 3]);
        assert.deepEqual(doc.today.byRegion.map((r) => [r.key, r.total, r.emergencies]), [['Kadıköy', 2, 1], ['Üsküdar', 1, 1]]);
        assert.deepEqual(doc.today.byUnit.map((r) => [r.key, r.total]), [['emergency-response', 2], ['Müşteri Hizmetleri', 1]]);
        assert.deepEqual(doc.today.byTopic.map((r) => [r.key, r.total]), [['emergency/gas-smell', 2], ['Fatura/Yüksek fatura', 1]]);
      });

      it('lists the open emergencies, the overdue one first and marked', () => {
        assert.equal(doc.openEmergencies.total, 2);
        assert.deepEqual(doc.openEmergencies.items.map((e) => [e.district, e.overdue]), [['Kadıköy', true], ['Üsküdar', false]]);
        assert.deepEqual(Object.keys(doc.openEmergencies.items[0] ?? {}).sort(), ['applicationNumber', 'channel', 'deadline', 'district', 'itemId', 'overdue', 'receivedAt', 'unit']);
      });

      it('says Kafka is n/a when the daemon gave no gauges', () => {
        assert.equal(doc.kafka, null);
      });
    });

    context('when asked for a bad window', () => {
      it('answers 400 naming the parameter', async () => {
        const response = await app.inject({ method: 'GET', url: '/v1/overview?hours=500', headers });
        assert.equal(response.statusCode, 400);
        assert.deepEqual(response.json<{ error: { fields: Array<{ path: string }> } }>().error.fields.map((f) => f.path), ['hours']);
      });
    });

    context('when Kafka gauges are given', () => {
      it('adds the current lag and the dead letters written each minute since the samples began', async () => {
        const t = Date.parse('2026-04-02T07:12:00Z');
        const kafka = fakeKafka({ 'intake-normalizer': 3 }, [
          { at: t, deadLetterTotal: 10, lag: { 'intake-normalizer': 0 } },
          { at: t + 60_000, deadLetterTotal: 12, lag: { 'intake-normalizer': 5 } },
          { at: t + 120_000, deadLetterTotal: null, lag: null },
          { at: t + 180_000, deadLetterTotal: 13, lag: { 'intake-normalizer': 3 } },
        ]);
        const doc = await buildOverview(sink, { hours: 1, bucketSeconds: 60 }, now, kafka);
        assert.deepEqual(doc.kafka, {
          lag: [{ group: 'intake-normalizer', lag: 3 }],
          samples: {
            since: '2026-04-02T07:12:00.000Z',
            times: [t / 1000, t / 1000 + 60, t / 1000 + 120, t / 1000 + 180],
            deadLettersAdded: [null, 2, null, null],
            deadLetterTotal: 13,
            lagByGroup: [{ group: 'intake-normalizer', lag: [0, 5, null, 3] }],
          },
        });
        assert.equal(doc.flow.times.length, 60);
      });

      it('shows the lag as n/a when Kafka does not answer, and still answers', async () => {
        const doc = await buildOverview(sink, { hours: 24, bucketSeconds: 3600 }, now, fakeKafka(new Error('down'), []));
        assert.deepEqual(doc.kafka, { lag: null, samples: { since: null, times: [], deadLettersAdded: [], deadLetterTotal: null, lagByGroup: [] } });
      });
    });
  });

  describe('the gauge sampler', () => {
    it('samples at once and then every interval, keeps the newest, and reports an outage once', async () => {
      let total = 0;
      let failing = false;
      const errors: unknown[] = [];
      const gauges: PipelineGauges = {
        deadLetterTotal: async () => { if (failing) throw new Error('down'); return (total += 1); },
        consumerLag: async () => ({ g: total }),
      };
      let clock = 0;
      const sampler = createGaugeSampler(gauges, { now: () => new Date((clock += 1000)), onError: (e) => errors.push(e), everyMs: 5, kept: 3 });
      sampler.start();
      const until = async (check: () => boolean): Promise<void> => { while (!check()) await new Promise((done) => setTimeout(done, 2)); };
      await until(() => sampler.samples().length === 3 && (sampler.samples()[2]?.deadLetterTotal ?? 0) >= 4);
      failing = true;
      await until(() => sampler.samples().filter((s) => s.deadLetterTotal === null).length >= 3);
      sampler.stop();
      assert.equal(sampler.samples().length, 3);
      assert.equal(errors.length, 1);
    });
  });
});
