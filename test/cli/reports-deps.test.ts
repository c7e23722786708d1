import assert from 'node:assert/strict';
import { kafkaGauges, watchedGroups } from '../../cli/reports-deps.js';
import { loadConfig } from '../../runtime/config.js';
import type { GroupLag, KafkaView } from '../../runtime/kafka/view.js';

/** A view over fixed offsets that counts the lag reads. */
function fakeView(lagOf: Record<string, number[]>): Pick<KafkaView, 'topicOffsets' | 'groupLag'> & { lagReads: number } {
  const view = {
    lagReads: 0,
    topicOffsets: async (topics?: readonly string[]) => (topics ?? []).map((topic) => ({ topic, partitions: [{ partition: 0, start: '0', end: '4' }, { partition: 1, start: '2', end: '7' }] })),
    groupLag: async (groupId: string, topics?: readonly string[]): Promise<GroupLag[]> => {
      view.lagReads += 1;
      return (lagOf[groupId] ?? []).map((lag, partition) => ({ groupId, topic: topics?.[0] ?? '', partition, committed: null, end: '0', lag }));
    },
  };
  return view;
}

describe('the reports server deps of the daemon', () => {
  describe('watchedGroups', () => {
    it('names the consumer groups of the stages the daemon runs, with their topics', () => {
      const config = loadConfig({ env: {} });
      assert.deepEqual(watchedGroups(config).map((g) => [g.group, g.topics]), [
        ['intake-normalizer', ['intake.raw.v1']],
        ['intake-transcription', ['intake.transcription.v1']],
        ['intake-ocr', ['intake.ocr.v1']],
      ]);
      assert.deepEqual(watchedGroups({ ...config, normalizer: { ...config.normalizer, enabled: false }, ocr: { ...config.ocr, enabled: false }, transcription: { ...config.transcription, enabled: false } }), []);
    });
  });

  describe('kafkaGauges', () => {
    it('counts dead letters as the sum of the end offsets of the topic', async () => {
      assert.equal(await kafkaGauges(fakeView({}), 'intake.dead-letter.v1', []).deadLetterTotal(), 11);
    });

    it('sums each group over its partitions, a negative lag (a reset topic) as none, and reads once for screens asking together', async () => {
      const view = fakeView({ normalizer: [3, 4, -2], ocr: [0] });
      const gauges = kafkaGauges(view, 'dl', [{ group: 'normalizer', topics: ['raw'] }, { group: 'ocr', topics: ['ocr'] }]);
      assert.deepEqual(await gauges.consumerLag(), { normalizer: 7, ocr: 0 });
      assert.deepEqual(await gauges.consumerLag(), { normalizer: 7, ocr: 0 });
      assert.equal(view.lagReads, 2);
    });
  });
});
