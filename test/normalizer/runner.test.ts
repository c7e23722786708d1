/**
 * The normalizer's Kafka loop, with the bus and the sink in memory: what it publishes, in which
 * order, and what it does with a message it cannot process. The end-to-end suite runs it for real.
 */
import assert from 'node:assert/strict';
import { pino } from 'pino';
import type { Decision, Outcome } from '../../schemas/types.generated.js';
import { startNormalizer } from '../../normalizer/runner.js';
import { loadConfig } from '../../runtime/config.js';
import { IntakeError } from '../../runtime/errors.js';
import type { Bus, IncomingMessage, SubscribeOptions } from '../../runtime/kafka/types.js';
import type { RecordResult, Sink, StoredApplication } from '../../sink/index.js';
import { RecordingPublisher } from '../support/recording-publisher.js';
import { formItem } from './raw-item-fixture.js';

const topics = loadConfig({}).kafka.topics;

/** A sink that keeps records in a map; `failWith` makes the next record throw. */
function memorySink(): Sink & { failWith: Error | null; stored: Map<string, StoredApplication> } {
  const stored = new Map<string, StoredApplication>();
  const sink = {
    failWith: null as Error | null,
    stored,
    async record(decision: Decision, now: Date): Promise<RecordResult> {
      if (sink.failWith) {
        const error = sink.failWith;
        sink.failWith = null;
        throw error;
      }
      const earlier = stored.get(decision.itemId);
      if (earlier) return { applicationNumber: earlier.applicationNumber, recordedAt: earlier.recordedAt, firstWrite: false };
      const applicationNumber = `2026-${String(stored.size + 1).padStart(6, '0')}`;
      stored.set(decision.itemId, { itemId: decision.itemId, applicationNumber, kind: decision.kind, channel: decision.channel, emergency: decision.emergency, reasons: decision.reasons, decision, recordedAt: now.toISOString() });
      return { applicationNumber, recordedAt: now.toISOString(), firstWrite: true };
    },
    get: async (itemId: string) => stored.get(itemId) ?? null,
    findSubscriber: async () => null,
    recentApplications: async () => [],
  };
  return sink as unknown as Sink & typeof sink;
}

/** A bus whose subscription hands messages straight to the handler. */
function directBus(): Bus & { deliver(message: IncomingMessage): Promise<void> } {
  let handleBatch: SubscribeOptions['handleBatch'] = async () => undefined;
  return {
    ensureTopics: async () => undefined,
    publisher: () => new RecordingPublisher(),
    subscribe: async (o) => { handleBatch = o.handleBatch; return { stop: async () => undefined }; },
    close: async () => undefined,
    deliver: (message) => handleBatch([message], { heartbeat: async () => undefined }),
  };
}

let offset = 0;
const message = (value: string | Buffer): IncomingMessage => ({ topic: topics.raw, partition: 0, offset: String(offset++), key: 'k', value: Buffer.from(value), headers: {} });

describe('normalizer runner', () => {
  let bus: ReturnType<typeof directBus>;
  let sink: ReturnType<typeof memorySink>;
  let publisher: RecordingPublisher;

  beforeEach(async () => {
    bus = directBus();
    sink = memorySink();
    publisher = new RecordingPublisher();
    await startNormalizer({
      bus, publisher, sink, topics, groupId: 'g', sessionTimeoutMs: 6000, duplicateWindowHours: 72,
      logger: pino({ level: 'silent' }), retry: { attempts: 2, initialMs: 1, maxMs: 1 }, now: () => new Date('2026-03-10T10:00:00Z'),
    });
  });

  context('when a complete application arrives', () => {
    it('records it, then publishes the outcome with its number to the crm topic', async () => {
      const item = formItem('webform');
      await bus.deliver(message(JSON.stringify(item)));
      assert.equal(sink.stored.get(item.itemId)?.kind, 'crm');
      assert.equal(publisher.published.length, 1);
      assert.equal(publisher.published[0]?.topic, topics.crm);
      const outcome = JSON.parse(String(publisher.published[0]?.message.value)) as Outcome;
      assert.equal(outcome.applicationNumber, '2026-000001');
      assert.equal(outcome.firstWrite, true);
    });
  });

  context('when the same item is delivered again and would now be decided differently', () => {
    it('publishes what was recorded the first time, marked firstWrite false', async () => {
      const item = formItem('webform');
      await bus.deliver(message(JSON.stringify(item)));
      const changed = { ...item, form: { ...item.form, description: '' } };
      await bus.deliver(message(JSON.stringify(changed)));
      const second = JSON.parse(String(publisher.published[1]?.message.value)) as Outcome;
      assert.equal(second.firstWrite, false);
      assert.equal(second.decision.kind, 'crm');
      assert.equal(publisher.published[1]?.topic, topics.crm);
      assert.equal(sink.stored.size, 1);
    });
  });

  context('when the message is not a raw item', () => {
    it('dead-letters it with its bytes and goes on', async () => {
      await bus.deliver(message('{"not":"an item"}'));
      assert.equal(publisher.published[0]?.topic, topics.deadLetter);
      assert.equal(String(publisher.published[0]?.message.value), '{"not":"an item"}');
      assert.equal(publisher.published[0]?.message.headers?.['x-error-code'], 'INTAKE_MESSAGE_INVALID');
    });
  });

  context('when the database is down beyond the retries', () => {
    it('throws, so the message is redelivered rather than dead-lettered', async () => {
      const item = formItem('webform');
      // The runner makes two attempts (retry.attempts); both fail, then the database is back.
      const original = sink.record.bind(sink);
      let calls = 0;
      sink.record = async (d, now) => {
        calls += 1;
        if (calls <= 2) throw new IntakeError('INTAKE_DB_UNAVAILABLE', 'down');
        return original(d, now);
      };
      await assert.rejects(bus.deliver(message(JSON.stringify(item))), (e: unknown) => e instanceof IntakeError && e.code === 'INTAKE_DB_UNAVAILABLE');
      assert.equal(publisher.published.length, 0);
      await bus.deliver(message(JSON.stringify(item)));
      assert.equal(publisher.published[0]?.topic, topics.crm);
    });
  });

  context('when the database rejects the record', () => {
    it('dead-letters the message with the code', async () => {
      sink.failWith = new IntakeError('INTAKE_DB_REJECTED', 'PostgreSQL error 23514');
      await bus.deliver(message(JSON.stringify(formItem('webform'))));
      assert.equal(publisher.published[0]?.topic, topics.deadLetter);
      assert.equal(publisher.published[0]?.message.headers?.['x-error-code'], 'INTAKE_DB_REJECTED');
    });
  });
});
