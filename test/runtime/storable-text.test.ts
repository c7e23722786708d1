/** Reading a decision's storability off its JSON text gives what walking it gives. */
import assert from 'node:assert/strict';
import { storableJson, storableJsonOnce } from '../../runtime/storable-text.js';

describe('storableJsonOnce', () => {
  context('when every string is storable, emoji and Turkish letters included', () => {
    it('gives the value itself', () => {
      const value = { description: 'Gaz kokusu var 😟 şğıİ', reasons: ['COMPLETE'], nested: { n: 1 } };
      assert.equal(storableJsonOnce(value), value);
    });
  });

  context('when a string or a key holds a lone surrogate or NUL', () => {
    it('gives the repaired copy storableJson gives', () => {
      for (const value of [{ description: 'a\ud800b' }, { list: ['x', 'y\u0000'] }, { ['k\udc00']: 1 }]) {
        const repaired = storableJsonOnce(value);
        assert.notEqual(repaired, value);
        assert.deepEqual(repaired, storableJson(value));
      }
    });
  });

  context('when a text only looks like an escape (a backslash typed before "ud800")', () => {
    it('gives an equal value, nothing repaired', () => {
      const value = { description: 'C:\\ud800 and \\u0000' };
      assert.deepEqual(storableJsonOnce(value), value);
    });
  });
});
