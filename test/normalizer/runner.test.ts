/**
 * The normalizer's Kafka loop, with the bus and the store in memory: what it records and publishes
 * per fetched batch, in which order, and what it does with what it cannot process. The end-to-end
 * suite runs it for real.
 */
import assert from 'node:assert/strict';
import { pino } from 'pino';
import type { Outcome } from '../../schemas/types.generated.js';
import { startNormalizer } from '../../normalizer/runner.js';
import { loadConfig } from '../../runtime/config.js';
import { IntakeError } from '../../runtime/errors.js';
import type { Bus, IncomingMessage, SubscribeOptions } from '../../runtime/kafka/types.js';
import { MemoryStore } from '../support/memory-decision-store.js';
import { RecordingPublisher } from '../support/recording-publisher.js';
import { completeForm, formItem } from './raw-item-fixture.js';
import { unusedBusParts } from '../support/unused-bus-parts.js';

const topics = loadConfig({}).kafka.topics;

/** A bus whose subscription hands each delivered batch straight to the handler. */
function directBus(): Bus & { deliver(...messages: IncomingMessage[]): Promise<void> } {
  let handleBatch: SubscribeOptions['handleBatch'] = async () => undefined;
  return {
    ...unusedBusParts,
    ensureTopics: async () => undefined,
    publisher: () => new RecordingPublisher(),
    subscribe: async (o) => { handleBatch = o.handleBatch; return { stop: async () => undefined }; },
    close: async () => undefined,
    deliver: (...messages) => handleBatch(messages, { heartbeat: async () => undefined }),
  };
}

let offset = 0;
const message = (value: string | Buffer): IncomingMessage => ({ topic: topics.raw, partition: 0, offset: String(offset++), key: 'k', value: Buffer.from(value), headers: {} });
// People of their own (phone and a national ID passing the checksum), so that only the tests about
// repeats see a repeat.
const people: Record<string, string> = { '05320000001': '31415926562', '05320000002': '27182818254', '05320000003': '16180339854', '05320000004': '14142135674', '05320000005': '11235813228', '05320000006': '12358132128', '05320000007': '10000000146' };
const itemMessage = (description: string, phone: string): IncomingMessage => message(JSON.stringify(formItem('webform', { ...completeForm, description, phone, nationalId: people[phone] })));

describe('normalizer runner', () => {
  let bus: ReturnType<typeof directBus>;
  let store: MemoryStore;
  let publisher: RecordingPublisher;
  const outcomes = (): Outcome[] => publisher.published.filter((p) => p.topic !== topics.deadLetter).map((p) => JSON.parse(String(p.message.value)) as Outcome);

  beforeEach(async () => {
    bus = directBus();
    store = new MemoryStore();
    publisher = new RecordingPublisher();
    await startNormalizer({
      bus, publisher, store, topics, groupId: 'g', sessionTimeoutMs: 6000, duplicateWindowHours: 72, minFieldConfidence: 0.6,
      logger: pino({ level: 'silent' }), retry: { attempts: 2, initialMs: 1, maxMs: 1 }, now: () => new Date('2026-03-10T10:00:00Z'),
    });
  });

  context('when a complete application arrives', () => {
    it('records it, then publishes the outcome with its number to the crm topic', async () => {
      const item = formItem('webform');
      await bus.deliver(message(JSON.stringify(item)));
      assert.equal(store.stored.get(item.itemId)?.decision.kind, 'crm');
      assert.equal(publisher.published.length, 1);
      assert.equal(publisher.published[0]?.topic, topics.crm);
      const outcome = outcomes()[0];
      assert.equal(outcome?.applicationNumber, '2026-000001');
      assert.equal(outcome?.firstWrite, true);
    });
  });

  context('when a batch of applications arrives', () => {
    it('records them in one call and publishes their outcomes in one send per topic', async () => {
      await bus.deliver(itemMessage('Faturam yüksek geldi.', '05320000001'), itemMessage('Sayacım arızalı.', '05320000002'), message(JSON.stringify(formItem('webform', { fullName: 'Ali Veli', description: 'Fatura', phone: '05329999999', nationalId: undefined }))));
      assert.deepEqual(store.recordCalls, [3]);
      assert.deepEqual(publisher.sends, [topics.crm, topics.needsInfo]);
      assert.deepEqual(outcomes().map((o) => o.applicationNumber), ['2026-000001', '2026-000002', '2026-000003']);
    });
  });

  context('when a batch holds the same complaint twice from one person', () => {
    it('records both in one call, the repeat linked to the first and given its number', async () => {
      await bus.deliver(itemMessage('Faturam bu ay çok yüksek geldi.', '05320000003'), itemMessage('Faturam bu ay çok yüksek geldi!', '05320000003'));
      assert.deepEqual(store.recordCalls, [2]);
      const [first, repeat] = outcomes();
      assert.equal(repeat?.decision.linkedTo?.itemId, first?.decision.itemId);
      assert.equal(repeat?.decision.linkedTo?.applicationNumber, first?.applicationNumber);
      assert.equal(repeat?.applicationNumber, null);
    });
  });

  context('when two partitions\' batches are handled at once and the second repeats the first', () => {
    it('records them in turn, so the repeat is linked to the first record', async () => {
      await Promise.all([bus.deliver(itemMessage('Faturam bu ay çok yüksek geldi.', '05320000003')), bus.deliver(itemMessage('Faturam bu ay çok yüksek geldi!', '05320000003'))]);
      assert.deepEqual(store.recordCalls, [1, 1]);
      const [first, repeat] = outcomes();
      assert.equal(repeat?.decision.linkedTo?.itemId, first?.decision.itemId);
      assert.equal(repeat?.decision.linkedTo?.applicationNumber, first?.applicationNumber);
    });
  });

  context('when the database refuses the first record of a complaint the batch repeats', () => {
    it('records the repeat as an application of its own, numbered, linked to nothing', async () => {
      const first = itemMessage('Faturam bu ay çok yüksek geldi.', '05320000003');
      const firstId = (JSON.parse(String(first.value)) as { itemId: string }).itemId;
      store.fail = (decisions) => (decisions.some((d) => d.itemId === firstId) ? new IntakeError('INTAKE_DB_REJECTED', 'PostgreSQL error 23514') : null);
      await bus.deliver(first, itemMessage('Faturam bu ay çok yüksek geldi!', '05320000003'));
      const [repeat] = outcomes();
      assert.equal(repeat?.decision.linkedTo, null);
      assert.ok(!repeat?.decision.reasons.includes('DUPLICATE_LINKED'));
      assert.match(repeat?.applicationNumber ?? '', /^2026-\d{6}$/);
    });
  });

  context('when a later item names the application number of an earlier one (a follow-up)', () => {
    it('attaches it there instead of numbering a new application', async () => {
      await bus.deliver(itemMessage('Sayacım arızalı.', '05320000004'));
      const reply = { schemaVersion: 1, itemId: 'email:00000000000000000000000000000042', channel: 'email', receivedAt: '2026-03-10T09:30:00.000Z', connector: 'email', sourceRef: 'test', attachments: [],
        text: { subject: 'Re: [Başvuru No: 2026-000001]', body: 'Sayaç hâlâ değişmedi.\n\nAyşe Yılmaz\nTel: 0532 000 00 04', sender: 'ayse@example.com' } };
      await bus.deliver(message(JSON.stringify(reply)));
      const [first, followUp] = outcomes();
      assert.equal(first?.applicationNumber, '2026-000001');
      assert.deepEqual(followUp?.decision.linkedTo, { itemId: first?.decision.itemId, applicationNumber: '2026-000001' });
      assert.ok(followUp?.decision.reasons.includes('FOLLOW_UP_LINKED'));
      assert.equal(followUp?.applicationNumber, null);
    });
  });

  context('when the same item is delivered again and would now be decided differently', () => {
    it('publishes what was recorded the first time, marked firstWrite false', async () => {
      const item = formItem('webform');
      await bus.deliver(message(JSON.stringify(item)));
      const changed = { ...item, form: { ...item.form, description: '' } };
      await bus.deliver(message(JSON.stringify(changed)));
      const second = outcomes()[1];
      assert.equal(second?.firstWrite, false);
      assert.equal(second?.decision.kind, 'crm');
      assert.equal(publisher.published[1]?.topic, topics.crm);
      assert.equal(store.stored.size, 1);
    });
  });

  context('when a message of the batch is not a raw item', () => {
    it('dead-letters it alone with its bytes, and records the rest', async () => {
      await bus.deliver(itemMessage('Faturam yüksek geldi.', '05320000004'), message('{"not":"an item"}'));
      assert.equal(store.stored.size, 1);
      const dead = publisher.published.filter((p) => p.topic === topics.deadLetter);
      assert.equal(dead.length, 1);
      assert.equal(String(dead[0]?.message.value), '{"not":"an item"}');
      assert.equal(dead[0]?.message.headers?.['x-error-code'], 'INTAKE_MESSAGE_INVALID');
    });
  });

  context('when the database is down beyond the retries', () => {
    it('throws, so the batch is redelivered rather than dead-lettered', async () => {
      const item = formItem('webform');
      let calls = 0;
      store.fail = () => (++calls <= 2 ? new IntakeError('INTAKE_DB_UNAVAILABLE', 'down') : null);
      await assert.rejects(bus.deliver(message(JSON.stringify(item))), (e: unknown) => e instanceof IntakeError && e.code === 'INTAKE_DB_UNAVAILABLE');
      assert.equal(publisher.published.length, 0);
      await bus.deliver(message(JSON.stringify(item)));
      assert.equal(publisher.published[0]?.topic, topics.crm);
    });
  });

  context('when the database rejects one row of a batch', () => {
    it('records the others and dead-letters that one with the code', async () => {
      const refused = formItem('webform', { ...completeForm, description: 'Reddedilecek satır.', phone: '05320000005', nationalId: people['05320000005'] });
      store.fail = (decisions) => (decisions.some((d) => d.itemId === refused.itemId) ? new IntakeError('INTAKE_DB_REJECTED', 'PostgreSQL error 23514') : null);
      await bus.deliver(itemMessage('Faturam yüksek geldi.', '05320000006'), message(JSON.stringify(refused)), itemMessage('Sayacım arızalı.', '05320000007'));
      assert.equal(store.stored.size, 2);
      const dead = publisher.published.filter((p) => p.topic === topics.deadLetter);
      assert.equal(dead.length, 1);
      assert.equal(dead[0]?.message.headers?.['x-error-code'], 'INTAKE_DB_REJECTED');
    });
  });
});
