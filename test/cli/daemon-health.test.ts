/**
 * Trouble, as the daemon wires it (cli/daemon-health.ts): Kafka down, PostgreSQL down, a poison
 * message. What the caller sees, what `/readyz` and `/metrics` say, and that nothing is lost. Kafka
 * and the database are stand-ins here; test/e2e runs the daemon on the real ones.
 */
import assert from 'node:assert/strict';
import type { FastifyInstance } from 'fastify';
import { pino } from 'pino';
import { markDisabledStages, watchDatabase, watchKafka } from '../../cli/daemon-health.js';
import { buildWebformApp } from '../../connectors/webform/server.js';
import { startNormalizer, type NormalizerHandle } from '../../normalizer/runner.js';
import { keepNothingBlobStore } from '../../runtime/blob-store.js';
import { loadConfig } from '../../runtime/config.js';
import { IntakeError } from '../../runtime/errors.js';
import type { HealthProbe } from '../../runtime/health-probe.js';
import { observedPublisher } from '../../runtime/kafka/observed-publisher.js';
import type { KafkaView } from '../../runtime/kafka/view.js';
import { createMetrics, type IntakeMetrics } from '../../runtime/metrics.js';
import { createReadiness, type Readiness } from '../../runtime/readiness.js';
import { formItem } from '../normalizer/raw-item-fixture.js';
import { MemoryBus } from '../support/memory-bus.js';
import { MemoryStore } from '../support/memory-decision-store.js';
import { parseExposition, sampleValue, type Sample } from '../support/prometheus-text.js';
import { RecordingPublisher } from '../support/recording-publisher.js';

const config = loadConfig({});
const { topics } = config.kafka;
const down = (): Promise<never> => Promise.reject(new IntakeError('INTAKE_KAFKA_UNAVAILABLE', 'broker down (test)'));

describe('daemon health under trouble', () => {
  let readiness: Readiness;
  let metrics: IntakeMetrics;
  const probes: HealthProbe[] = [];
  const scrape = async (): Promise<Sample[]> => parseExposition(await metrics.scrape());

  beforeEach(() => {
    readiness = createReadiness();
    markDisabledStages(config, readiness);
    metrics = createMetrics({ readiness, processMetrics: false });
  });

  afterEach(() => {
    for (const probe of probes.splice(0)) probe.stop();
  });

  context('when Kafka is down', () => {
    let app: FastifyInstance;
    let kafka: RecordingPublisher;
    let kafkaUp: boolean;
    let probe: HealthProbe;

    beforeEach(() => {
      kafka = new RecordingPublisher();
      kafka.failNext = Number.MAX_SAFE_INTEGER;
      kafkaUp = false;
      const bus = new MemoryBus();
      const real = bus.view();
      const view: KafkaView = {
        topicOffsets: (t) => (kafkaUp ? real.topicOffsets(t) : down()),
        groups: () => (kafkaUp ? real.groups() : down()),
        groupLag: (g, t) => (kafkaUp ? real.groupLag(g, t) : down()),
      };
      void bus.ensureTopics(Object.values(topics).map((name) => ({ name, partitions: 1, replicationFactor: 1 })));
      probe = watchKafka(view, config, readiness, metrics);
      probes.push(probe);
      // As the daemon wires capture: each publish's result shows in readiness at once.
      const publisher = observedPublisher(kafka, (ok) => readiness.set('kafka', ok ? 'ready' : 'failed'));
      app = buildWebformApp(config.connectors.webform, {
        publisher, rawTopic: topics.raw, emergencyTopic: topics.emergency, deadLetterTopic: topics.deadLetter, blobStore: keepNothingBlobStore(),
        logger: pino({ level: 'silent' }), now: () => new Date('2026-03-10T09:00:00Z'), readiness, metrics,
      });
    });

    afterEach(() => app.close());

    const post = () => app.inject({
      method: 'POST', url: '/v1/applications', headers: { 'content-type': 'application/json', 'idempotency-key': 'kafka-down-1' },
      payload: JSON.stringify({ fullName: 'Ayşe Yılmaz', phone: '05321234567', nationalId: '70226422252', description: 'Faturam yüksek geldi.' }),
    });

    it('answers the webhook 503 with Retry-After, fails readiness `kafka`, and loses nothing once Kafka is back', async () => {
      assert.equal(await probe.check(), false);
      const refused = await post();
      assert.equal(refused.statusCode, 503);
      assert.equal(refused.headers['retry-after'], '5');
      assert.equal(kafka.published.length, 0);
      assert.equal(readiness.get('kafka'), 'failed');
      assert.equal((await app.inject({ method: 'GET', url: '/readyz?stage=kafka' })).statusCode, 503);
      const during = await scrape();
      assert.equal(sampleValue(during, 'intake_ready', { stage: 'kafka' }), 0);
      assert.equal(sampleValue(during, 'intake_items_captured_total', { channel: 'webform' }), 0);
      assert.equal(during.filter((s) => s.name === 'intake_queue_depth').length, 0, 'the scrape is answered without the lag it could not read');

      kafka.failNext = 0;
      kafkaUp = true;
      const retried = await post();
      assert.equal(retried.statusCode, 202);
      assert.equal(readiness.get('kafka'), 'ready');
      assert.deepEqual(kafka.published.map((p) => p.topic), [topics.raw], 'the retry is stored, once');
      assert.equal(await probe.check(), true);
      assert.equal(sampleValue(await scrape(), 'intake_items_captured_total', { channel: 'webform' }), 1);
    });
  });

  context('when the normalizer consumes', () => {
    let bus: MemoryBus;
    let store: MemoryStore & { dbUp: boolean };
    let normalizer: NormalizerHandle;
    const group = config.normalizer.consumerGroup;

    beforeEach(async () => {
      bus = new MemoryBus(5);
      store = Object.assign(new MemoryStore(), { dbUp: true });
      const database = Object.assign(store, {
        ping: async () => { if (!store.dbUp) throw new IntakeError('INTAKE_DB_UNAVAILABLE', 'connection refused (test)'); },
        openPastDeadline: async () => [],
      });
      store.fail = () => (store.dbUp ? null : new IntakeError('INTAKE_DB_UNAVAILABLE', 'connection refused (test)'));
      probes.push(watchDatabase(database, () => new Date('2026-03-10T09:00:00Z'), readiness, metrics));
      normalizer = await startNormalizer({
        bus, publisher: bus.publisher(), store, topics, groupId: group, sessionTimeoutMs: 6000, duplicateWindowHours: 72, minFieldConfidence: 0.6,
        logger: pino({ level: 'silent' }), retry: { attempts: 2, initialMs: 1, maxMs: 1 }, now: () => new Date('2026-03-10T10:00:00Z'), metrics,
      });
    });

    afterEach(() => normalizer.stop());

    context('and PostgreSQL goes down', () => {
      it('pauses consumption with no offset committed, fails readiness `database`, and records the item once it is back', async () => {
        store.dbUp = false;
        assert.equal(await probes[0]?.check(), false);
        assert.equal(readiness.get('database'), 'failed');
        bus.append(topics.raw, [{ key: 'k', value: JSON.stringify(formItem('webform')) }]);
        await waitUntil(() => bus.handlerErrors.length >= 3);
        assert.equal(bus.committed(group, topics.raw), 0, 'nothing committed while the database is down');
        assert.equal(store.stored.size, 0);
        assert.equal((bus.logs.get(topics.deadLetter) ?? []).length, 0, 'an outage is not a poison message');
        assert.equal(sampleValue(await scrape(), 'intake_ready', { stage: 'database' }), 0);

        store.dbUp = true;
        await bus.drained(group);
        assert.equal(bus.committed(group, topics.raw), 1);
        assert.equal(store.stored.size, 1);
        assert.equal(await probes[0]?.check(), true);
        const after = await scrape();
        assert.equal(sampleValue(after, 'intake_ready', { stage: 'database' }), 1);
        assert.equal(sampleValue(after, 'intake_outcomes_total', { kind: 'crm' }), 1);
      });
    });

    context('and a poison message arrives between two applications', () => {
      it('dead-letters it, counts it in intake_dead_letters_total, and the partition keeps moving', async () => {
        bus.append(topics.raw, [
          { key: 'a', value: JSON.stringify(formItem('webform')) },
          { key: 'poison', value: '{"this is": not JSON' },
        ]);
        await bus.drained(group);
        bus.append(topics.raw, [{ key: 'b', value: JSON.stringify(formItem('webform')) }]);
        await bus.drained(group);
        assert.equal(bus.committed(group, topics.raw), 3);
        assert.equal(store.stored.size, 2);
        assert.equal(bus.logs.get(topics.deadLetter)?.[0]?.headers['x-error-code'], 'INTAKE_MESSAGE_INVALID');
        const samples = await scrape();
        assert.equal(sampleValue(samples, 'intake_dead_letters_total', { code: 'INTAKE_MESSAGE_INVALID', stage: 'normalizer' }), 1);
        assert.equal(sampleValue(samples, 'intake_outcomes_total', { kind: 'crm' }), 2);
        assert.equal(sampleValue(samples, 'intake_stage_duration_seconds_count', { stage: 'record' }), 2);
        assert.equal(sampleValue(samples, 'intake_stage_duration_seconds_count', { stage: 'decide' }), 2);
      });
    });
  });
});

/** Resolves once `condition` holds, checking at each turn of the event loop (the bus redelivers every few ms). */
async function waitUntil(condition: () => boolean): Promise<void> {
  while (!condition()) await new Promise((done) => setImmediate(done));
}
