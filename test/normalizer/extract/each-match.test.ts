import assert from 'node:assert/strict';
import { eachMatch } from '../../../normalizer/extract/each-match.js';

const spans = (matches: Iterable<RegExpMatchArray>): [number, string][] => [...matches].map((m) => [m.index ?? -1, m[0]]);

describe('eachMatch', () => {
  context('when the expression is global', () => {
    it('gives the matches matchAll gives, in order, groups included', () => {
      const re = /(?<![a-z])(tc|tel)(?:no)?:? ?([0-9]+)/g;
      const text = 'tc: 123 teltel 5 tel:0532 tcno 99';
      assert.deepEqual(spans(eachMatch(re, text)), spans(text.matchAll(re)));
      assert.deepEqual([...eachMatch(re, text)].map((m) => m[2]), ['123', '0532', '99']);
    });

    it('steps past empty matches as matchAll does, by whole characters under /u', () => {
      for (const re of [/x*/g, /x*/gu, /(?=[a-z])/g]) {
        for (const text of ['axxb', '', 'a😀xb😀', 'ab']) assert.deepEqual(spans(eachMatch(re, text)), spans(text.matchAll(re)), `${re} on ${text}`);
      }
    });

    it('starts from the beginning whatever lastIndex the expression had, and leaves it at 0 when stopped early', () => {
      const re = /[0-9]+/g;
      re.lastIndex = 5;
      for (const m of eachMatch(re, '12 34 56')) {
        assert.equal(m[0], '12');
        break;
      }
      assert.equal(re.lastIndex, 0);
      assert.deepEqual(spans(eachMatch(re, '12 34')), [[0, '12'], [3, '34']]);
    });
  });

  context('when the expression is not global', () => {
    it('throws a TypeError, as matchAll does', () => {
      assert.throws(() => [...eachMatch(/a/, 'aa')], TypeError);
    });
  });
});
