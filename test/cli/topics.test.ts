/** `intake topics`: offsets and lag, from the in-memory bus, then the real broker through the executable. */
import assert from 'node:assert/strict';
import { spawnSync } from 'node:child_process';
import { join } from 'node:path';
import { pino } from 'pino';
import { formatTopicsTable, readTopicsArgs, topicsDocument, type TopicsDocument } from '../../cli/topics.js';
import { createBus } from '../../runtime/kafka/bus.js';
import type { Bus } from '../../runtime/kafka/types.js';
import { consumerLag } from '../support/consumer-lag.js';
import { repoRoot, runId, testBrokers } from '../support/infra.js';
import { MemoryBus } from '../support/memory-bus.js';
import { waitFor } from '../support/wait-for.js';
import { createTopics, publishTo } from '../support/test-topics.js';

describe('intake topics', function () {
  this.timeout(60_000);

  describe('readTopicsArgs', () => {
    it('reads the format, table by default', () => {
      assert.deepEqual(readTopicsArgs([], {}), { ok: true, format: 'table' });
      assert.deepEqual(readTopicsArgs([], { format: 'json' }), { ok: true, format: 'json' });
    });

    it('names every problem: an argument, a bad format, a flag of another command', () => {
      const reading = readTopicsArgs(['x'], { format: 'csv', unmask: true });
      assert.ok(!reading.ok);
      assert.match(reading.message, /takes no arguments/);
      assert.match(reading.message, /--format must be one of: table, json/);
      assert.match(reading.message, /--unmask does not go with topics/);
    });
  });

  context('when one group is behind on one topic and another topic has no reader', () => {
    let doc: TopicsDocument;

    before(async () => {
      const bus = new MemoryBus();
      bus.append('raw', [{ key: 'a', value: '{}' }, { key: 'b', value: '{}' }]);
      await bus.ensureTopics([{ name: 'crm', partitions: 1, replicationFactor: 1 }]);
      const subscription = await bus.subscribe({ groupId: 'normalizer', topics: ['raw'], handleBatch: async () => undefined });
      await bus.drained('normalizer');
      await subscription.stop();
      bus.append('raw', [{ key: 'c', value: '{}' }]);
      doc = await topicsDocument(bus.view());
    });

    it('gives each topic its partitions, messages and the lag of each group on it', () => {
      assert.deepEqual(doc, {
        topics: [
          { topic: 'crm', messages: 0, partitions: [{ partition: 0, start: '0', end: '0' }], groups: [] },
          { topic: 'raw', messages: 3, partitions: [{ partition: 0, start: '0', end: '3' }], groups: [{ groupId: 'normalizer', lag: 1, partitions: [{ partition: 0, committed: '2', end: '3', lag: 1 }] }] },
        ],
      });
    });

    it('prints a line per partition and group, `-` where no group reads', () => {
      const lines = formatTopicsTable(doc).split('\n');
      assert.match(lines[0] ?? '', /^2 topics, 1 consumer groups/);
      assert.ok(lines.some((l) => /^crm +0 +0 +0 +- +- +-$/.test(l)), lines.join('\n'));
      assert.ok(lines.some((l) => /^raw +0 +0 +3 +normalizer +2 +1$/.test(l)), lines.join('\n'));
    });
  });

  describe('the executable, on the real broker', () => {
    const id = runId('topics');
    const topic = `${id}.raw`;
    const groupId = `${id}-normalizer`;
    let brokers: string[];
    let bus: Bus;

    before(async () => {
      ({ brokers } = await testBrokers());
      bus = createBus({ brokers, clientId: 'topics-test', logger: pino({ level: 'silent' }), logLevel: 'silent' });
      await createTopics(bus, [{ name: topic, partitions: 2 }]);
      await publishTo(bus, topic, Array.from({ length: 6 }, (_, i) => ({ key: `k${i}`, value: '{}' })));
      const subscription = await bus.subscribe({ groupId, topics: [topic], sessionTimeoutMs: 6000, handleBatch: async () => undefined });
      await waitFor('the group to commit', async () => ((await consumerLag(brokers, groupId, topic)) === 0 ? true : null), 30_000);
      await subscription.stop();
      await publishTo(bus, topic, [{ key: 'late', value: '{}' }]);
    });

    after(async () => {
      await bus?.close();
    });

    it('prints every topic with the lag of each group that committed on it', () => {
      const run = spawnSync(process.execPath, [join(repoRoot, 'bin/intake.js'), 'topics', '--format', 'json'], { encoding: 'utf8', env: { PATH: process.env.PATH ?? '', KAFKA_BROKERS: brokers.join(',') } });
      assert.equal(run.status, 0, run.stderr);
      const mine = (JSON.parse(run.stdout) as TopicsDocument).topics.find((t) => t.topic === topic);
      assert.equal(mine?.messages, 7);
      assert.deepEqual(mine?.groups.map((g) => [g.groupId, g.lag]), [[groupId, 1]]);
    });
  });
});
