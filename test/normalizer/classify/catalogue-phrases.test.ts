import assert from 'node:assert/strict';
import { buildCatalogue, defaultCatalogue } from '../../../normalizer/catalogue/index.js';
import type { TopicCatalogue } from '../../../schemas/types.generated.js';

function shippedCopy(): TopicCatalogue {
  return structuredClone(defaultCatalogue.source);
}

describe('buildCatalogue (phrases)', () => {
  context('when two sub-topics share a phrase, even spelled differently', () => {
    it('throws, naming both', () => {
      const document = shippedCopy();
      const meter = document.mainTopics[1];
      assert.ok(meter);
      meter.subTopics[0]!.phrases = ['YÜKSEK FATURA'];
      assert.throws(() => buildCatalogue(document), /meter\/faulty-meter: phrase "YÜKSEK FATURA" is already a phrase of billing\/high-bill/);
    });
  });

  context('when one sub-topic repeats a phrase folded alike', () => {
    it('throws', () => {
      const document = shippedCopy();
      document.mainTopics[0]!.subTopics[0]!.phrases = ['fatura', 'Fatura'];
      assert.throws(() => buildCatalogue(document), /billing\/high-bill: phrase "Fatura" is already a phrase of billing\/high-bill/);
    });
  });

  context('when a phrase has no words', () => {
    it('throws', () => {
      const document = shippedCopy();
      document.mainTopics[0]!.subTopics[0]!.phrases = ['—'];
      assert.throws(() => buildCatalogue(document), /billing\/high-bill: phrase "—" has no words/);
    });
  });

  context('when a phrase is empty or blank', () => {
    it('is rejected by the schema', () => {
      const document = shippedCopy();
      document.mainTopics[0]!.subTopics[0]!.phrases = [' '];
      assert.throws(() => buildCatalogue(document), /topic catalogue is invalid: mainTopics\.0\.subTopics\.0\.phrases\.0/);
    });
  });

  context('when a weight is not positive', () => {
    it('is rejected by the schema', () => {
      const document = shippedCopy();
      document.mainTopics[0]!.subTopics[0]!.weight = 0;
      assert.throws(() => buildCatalogue(document), /mainTopics\.0\.subTopics\.0\.weight/);
    });
  });

  context('when sub-topics have no phrases', () => {
    it('accepts the catalogue', () => {
      const document = shippedCopy();
      for (const main of document.mainTopics) for (const sub of main.subTopics) delete sub.phrases;
      assert.ok(buildCatalogue(document));
    });
  });
});

describe('defaultCatalogue (phrases)', () => {
  context('when the shipped topics.json is loaded', () => {
    it('gives every sub-topic between 8 and 24 phrases', () => {
      for (const main of defaultCatalogue.source.mainTopics) {
        for (const sub of main.subTopics) {
          const count = sub.phrases?.length ?? 0;
          assert.ok(count >= 8 && count <= 24, `${main.id}/${sub.id}: ${count}`);
        }
      }
    });
  });
});
