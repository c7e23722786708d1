import assert from 'node:assert/strict';
import { buildCatalogue, defaultCatalogue } from '../../../normalizer/catalogue/index.js';
import type { TopicCatalogue } from '../../../schemas/types.generated.js';

function shippedCopy(): TopicCatalogue {
  return structuredClone(defaultCatalogue.source);
}

describe('buildCatalogue', () => {
  context('when the document is valid', () => {
    it('looks up a main topic and sub-topic', () => {
      const catalogue = buildCatalogue(shippedCopy());
      assert.deepEqual(catalogue.lookup('supply', 'low-pressure'), { main: 'supply', sub: 'low-pressure', unit: 'network-operations', resolutionHours: 24 });
    });

    it('gives a main topic alone the unit and hours of its first sub-topic', () => {
      const catalogue = buildCatalogue(shippedCopy());
      assert.deepEqual(catalogue.lookup('billing', null), { main: 'billing', sub: null, unit: 'billing-collection', resolutionHours: 120 });
    });

    it('answers null for an unknown topic or sub-topic', () => {
      const catalogue = buildCatalogue(shippedCopy());
      assert.equal(catalogue.lookup('weather', null), null);
      assert.equal(catalogue.lookup('billing', 'no-such-sub'), null);
      assert.equal(catalogue.lookup('', null), null);
    });

    it('exposes the fallback', () => {
      assert.deepEqual(buildCatalogue(shippedCopy()).fallback, { unit: 'solution-group', resolutionHours: 72 });
    });
  });

  context('when the document does not match topic-catalogue.schema.json', () => {
    it('throws, naming the path', () => {
      const document = { ...shippedCopy(), version: 0 };
      assert.throws(() => buildCatalogue(document), /topic catalogue is invalid: version must be >= 1/);
    });

    it('rejects a main topic id outside the fixed list', () => {
      const document = shippedCopy();
      (document.mainTopics[0] as { id: string }).id = 'weather';
      assert.throws(() => buildCatalogue(document), /mainTopics\.0\.id/);
    });

    it('lists every problem', () => {
      const document: Record<string, unknown> = { ...shippedCopy(), version: 'one', extra: true };
      delete document.fallback;
      assert.throws(() => buildCatalogue(document), (error: Error) => {
        assert.match(error.message, /version must be integer/);
        assert.match(error.message, /extra is not a known field/);
        assert.match(error.message, /fallback is required/);
        return true;
      });
    });

    it('rejects something that is not an object', () => {
      assert.throws(() => buildCatalogue(null), /topic catalogue is invalid/);
      assert.throws(() => buildCatalogue([]), /topic catalogue is invalid/);
    });
  });

  context('when a sub-topic names a unit that is not in units', () => {
    it('throws, naming the sub-topic and the unit', () => {
      const document = shippedCopy();
      document.mainTopics[0]!.subTopics[0]!.unit = 'nowhere';
      assert.throws(() => buildCatalogue(document), /topic catalogue is inconsistent: billing\/high-bill: unit nowhere is not in units/);
    });
  });

  context('when the fallback names a unit that is not in units', () => {
    it('throws', () => {
      const document = shippedCopy();
      document.fallback.unit = 'nowhere';
      assert.throws(() => buildCatalogue(document), /fallback unit nowhere is not in units/);
    });
  });
});

describe('defaultCatalogue', () => {
  context('when the shipped topics.json is loaded', () => {
    it('has exactly the 11 main topics', () => {
      const ids = defaultCatalogue.source.mainTopics.map((m) => m.id);
      assert.equal(ids.length, 11);
      assert.deepEqual(
        [...ids].sort(),
        ['billing', 'meter', 'supply', 'subscription', 'infrastructure', 'staff', 'installation', 'information', 'suggestion', 'thanks', 'emergency'].sort(),
      );
    });

    it('routes every emergency sub-topic to emergency dispatch within an hour', () => {
      const emergency = defaultCatalogue.source.mainTopics.find((m) => m.id === 'emergency');
      assert.ok(emergency);
      for (const sub of emergency.subTopics) {
        assert.equal(sub.unit, 'emergency-dispatch', sub.id);
        assert.ok(sub.resolutionHours <= 1, sub.id);
      }
    });

    it('routes the fallback to the solution group with 72 hours', () => {
      assert.deepEqual(defaultCatalogue.fallback, { unit: 'solution-group', resolutionHours: 72 });
    });
  });
});
