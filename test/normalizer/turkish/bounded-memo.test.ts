import assert from 'node:assert/strict';
import { boundedMemo } from '../../../normalizer/turkish/bounded-memo.js';

describe('boundedMemo', () => {
  function counted(capacity: number): { memo: (key: string) => string; calls: string[] } {
    const calls: string[] = [];
    const memo = boundedMemo((key) => {
      calls.push(key);
      return key.toUpperCase();
    }, capacity);
    return { memo, calls };
  }

  context('when asked for the same key twice', () => {
    it('computes it once', () => {
      const { memo, calls } = counted(4);
      assert.equal(memo('gaz'), 'GAZ');
      assert.equal(memo('gaz'), 'GAZ');
      assert.deepEqual(calls, ['gaz']);
    });
  });

  context('when more keys come than it may hold', () => {
    it('forgets the oldest and computes it again', () => {
      const { memo, calls } = counted(2);
      for (const key of ['a', 'b', 'c', 'b', 'a']) memo(key);
      assert.deepEqual(calls, ['a', 'b', 'c', 'a']);
    });

    it('keeps answering correctly however many keys pass', () => {
      const { memo } = counted(8);
      for (let i = 0; i < 10_000; i++) assert.equal(memo(`w${i % 50}`), `W${i % 50}`);
    });
  });

  context('when the value computed is undefined', () => {
    it('remembers it too', () => {
      let calls = 0;
      const memo = boundedMemo(() => {
        calls++;
        return undefined;
      }, 2);
      memo('x');
      memo('x');
      assert.equal(calls, 1);
    });
  });

  context('when the capacity is not a positive integer', () => {
    it('refuses it', () => {
      assert.throws(() => boundedMemo((k) => k, 0), RangeError);
      assert.throws(() => boundedMemo((k) => k, 1.5), RangeError);
    });
  });
});
