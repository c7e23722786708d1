/**
 * The read-only Kafka view (offsets, groups, lag) and browsing, on the real broker; the in-memory
 * bus's view, which unit tests rely on, is held to the same answers.
 */
import assert from 'node:assert/strict';
import { pino } from 'pino';
import { IntakeError } from '../../../runtime/errors.js';
import { browsePlan } from '../../../runtime/kafka/browse-plan.js';
import { createBus } from '../../../runtime/kafka/bus.js';
import type { Bus, BrowsedMessage, BrowseOptions, Subscription } from '../../../runtime/kafka/types.js';
import { openKafkaView } from '../../../runtime/kafka/view.js';
import { consumerLag } from '../../support/consumer-lag.js';
import { runId, testBrokers } from '../../support/infra.js';
import { MemoryBus } from '../../support/memory-bus.js';
import { waitFor } from '../../support/wait-for.js';
import { createTopics, publishTo } from '../../support/test-topics.js';

const silent = pino({ level: 'silent' });
const notFound = (error: unknown): boolean => error instanceof IntakeError && error.code === 'INTAKE_KAFKA_NOT_FOUND';

async function browsed(bus: Bus, options: BrowseOptions): Promise<BrowsedMessage[]> {
  const out: BrowsedMessage[] = [];
  for await (const message of bus.browse(options)) out.push(message);
  return out;
}

describe('Kafka view', function () {
  this.timeout(60_000);

  describe('browsePlan', () => {
    const offsets = { topic: 't', partitions: [{ partition: 0, start: '2', end: '10' }, { partition: 1, start: '0', end: '3' }] };

    it('starts each partition at its first kept offset, or its last N, and ends at its end', () => {
      assert.deepEqual(browsePlan(offsets, { from: 'beginning' }, false), [{ partition: 0, from: 2, end: 10 }, { partition: 1, from: 0, end: 3 }]);
      assert.deepEqual(browsePlan(offsets, { from: 'last', count: 5 }, false), [{ partition: 0, from: 5, end: 10 }, { partition: 1, from: 0, end: 3 }]);
      assert.deepEqual(browsePlan(offsets, { from: 'last', count: 5 }, true), [{ partition: 0, from: 5, end: null }, { partition: 1, from: 0, end: null }]);
    });

    it('reads only the partitions named by offset, never below what is kept', () => {
      assert.deepEqual(browsePlan(offsets, { from: 'offsets', offsets: new Map([[0, '1']]) }, true), [{ partition: 0, from: 2, end: null }, { partition: 1, from: 3, end: 3 }]);
      assert.throws(() => browsePlan(offsets, { from: 'offsets', offsets: new Map([[7, '0']]) }, false), notFound);
    });
  });

  describe('on the real broker', () => {
    const id = runId('view');
    const one = `${id}.one`;
    const two = `${id}.two`;
    const groupId = `${id}-group`;
    let brokers: string[];
    let bus: Bus;

    before(async () => {
      ({ brokers } = await testBrokers());
      bus = createBus({ brokers, clientId: 'view-test', logger: silent, logLevel: 'silent' });
      await createTopics(bus, [{ name: one, partitions: 1 }, { name: two, partitions: 2 }]);
      await publishTo(bus, one, Array.from({ length: 5 }, (_, i) => ({ key: `one-${i}`, value: `{"n":${i}}` })));
      await publishTo(bus, two, Array.from({ length: 4 }, (_, i) => ({ key: `two-${i}`, value: `{"n":${i}}` })));
    });

    after(async () => {
      await bus?.close();
    });

    it('lists every topic with each partition\'s start and end, Kafka\'s own left out', async () => {
      const all = await bus.view().topicOffsets();
      assert.ok(all.some((t) => t.topic === one) && all.some((t) => t.topic === two));
      assert.ok(all.every((t) => !t.topic.startsWith('__')));
      const [offsets] = await bus.view().topicOffsets([two]);
      assert.deepEqual(offsets?.partitions.map((p) => p.partition), [0, 1]);
      assert.equal(offsets?.partitions.reduce((sum, p) => sum + Number(p.end) - Number(p.start), 0), 4);
    });

    it('refuses a topic that does not exist with INTAKE_KAFKA_NOT_FOUND, creating nothing', async () => {
      await assert.rejects(bus.view().topicOffsets([`${id}.missing`]), notFound);
      await assert.rejects(bus.view().groupLag(groupId, [`${id}.missing`]), notFound);
      assert.ok(!(await bus.view().topicOffsets()).some((t) => t.topic === `${id}.missing`));
    });

    context('when a group committed everything and then more arrived', () => {
      before(async () => {
        const subscription: Subscription = await bus.subscribe({ groupId, topics: [one], sessionTimeoutMs: 6000, handleBatch: async () => undefined });
        await waitFor('the group to commit', async () => ((await consumerLag(brokers, groupId, one)) === 0 ? true : null), 30_000);
        await subscription.stop();
        await publishTo(bus, one, Array.from({ length: 3 }, (_, i) => ({ key: `more-${i}`, value: '{}' })));
      });

      it('lists the group', async () => {
        assert.ok((await bus.view().groups()).includes(groupId));
      });

      it('counts its lag as end minus committed, on the topics it committed on', async () => {
        assert.deepEqual(await bus.view().groupLag(groupId), [{ groupId, topic: one, partition: 0, committed: '5', end: '8', lag: 3 }]);
      });

      it('counts a topic it never committed on from each partition\'s start', async () => {
        const lags = await bus.view().groupLag(groupId, [two]);
        assert.deepEqual(lags.map((l) => [l.partition, l.committed]), [[0, null], [1, null]]);
        assert.equal(lags.reduce((sum, l) => sum + l.lag, 0), 4);
      });

      it('answers the same through a view of its own', async () => {
        const view = openKafkaView({ brokers, clientId: 'view-test-own', logger: silent, logLevel: 'silent' });
        try {
          assert.deepEqual(await view.groupLag(groupId, [one]), await bus.view().groupLag(groupId, [one]));
        } finally {
          await view.close();
        }
      });
    });

    describe('browse', () => {
      it('reads every partition to its end and stops there', async () => {
        const messages = await browsed(bus, { topic: two, start: { from: 'beginning' } });
        assert.deepEqual(messages.map((m) => m.key).sort(), ['two-0', 'two-1', 'two-2', 'two-3']);
        assert.ok(messages.every((m) => !Number.isNaN(Date.parse(m.timestamp))));
      });

      it('starts at the last N of each partition, or at the offsets named', async () => {
        assert.deepEqual((await browsed(bus, { topic: one, start: { from: 'last', count: 2 } })).map((m) => m.offset), ['6', '7']);
        assert.deepEqual((await browsed(bus, { topic: one, start: { from: 'offsets', offsets: new Map([[0, '4']]) } })).map((m) => m.key), ['one-4', 'more-0', 'more-1', 'more-2']);
        const [offsets] = await bus.view().topicOffsets([two]);
        const onlyOne = await browsed(bus, { topic: two, start: { from: 'offsets', offsets: new Map([[1, '0']]) } });
        assert.deepEqual(onlyOne.map((m) => m.partition), Array.from({ length: Number(offsets?.partitions[1]?.end) }, () => 1));
      });

      it('joins no real group, commits nothing and leaves no group behind', async () => {
        const before = await bus.view().groupLag(groupId, [one]);
        for await (const message of bus.browse({ topic: one, start: { from: 'beginning' } })) if (message.offset === '2') break;
        assert.deepEqual(await bus.view().groupLag(groupId, [one]), before);
        assert.deepEqual((await bus.view().groups()).filter((g) => g.startsWith('intake-browse-')), []);
      });

      it('follows new messages until its signal aborts', async () => {
        const stop = new AbortController();
        const seen: string[] = [];
        setTimeout(() => void bus.publisher().publish(one, [{ key: 'late', value: '{}' }]), 300);
        for await (const message of bus.browse({ topic: one, start: { from: 'last', count: 0 }, follow: true, signal: stop.signal })) {
          seen.push(message.key ?? '');
          stop.abort();
        }
        assert.deepEqual(seen, ['late']);
      });
    });
  });

  describe('the in-memory bus', () => {
    it('answers offsets, groups and lag as the real view does', async () => {
      const bus = new MemoryBus();
      bus.append('raw', [{ key: 'a', value: '{}' }, { key: 'b', value: '{}' }]);
      const subscription = await bus.subscribe({ groupId: 'g', topics: ['raw'], handleBatch: async () => undefined });
      await bus.drained('g');
      await subscription.stop();
      bus.append('raw', [{ key: 'c', value: '{}' }]);
      assert.deepEqual(await bus.view().topicOffsets(), [{ topic: 'raw', partitions: [{ partition: 0, start: '0', end: '3' }] }]);
      assert.deepEqual(await bus.view().groups(), ['g']);
      assert.deepEqual(await bus.view().groupLag('g'), [{ groupId: 'g', topic: 'raw', partition: 0, committed: '2', end: '3', lag: 1 }]);
      await assert.rejects(bus.view().topicOffsets(['missing']), notFound);
      assert.deepEqual((await browsed(bus, { topic: 'raw', start: { from: 'last', count: 2 } })).map((m) => m.key), ['b', 'c']);
    });
  });
});
