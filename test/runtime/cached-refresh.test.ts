/** A scrape-time read: cached, bounded in time, never throwing. */
import assert from 'node:assert/strict';
import { cachedRefresh } from '../../runtime/cached-refresh.js';

describe('cachedRefresh', () => {
  let clock = 0;
  const options = { ttlMs: 5000, timeoutMs: 20, clock: () => clock };

  beforeEach(() => { clock = 0; });

  context('within the ttl', () => {
    it('answers from memory, and reads again once it has passed', async () => {
      let reads = 0;
      const value = cachedRefresh(async () => ++reads, options);
      assert.equal(await value.get(), 1);
      clock = 4999;
      assert.equal(await value.get(), 1);
      clock = 5000;
      assert.equal(await value.get(), 2);
    });
  });

  context('when the read fails', () => {
    it('answers null, tells the error, and does not ask again within the ttl', async () => {
      let reads = 0;
      const errors: unknown[] = [];
      const value = cachedRefresh(async () => { reads += 1; throw new Error('down'); }, { ...options, onError: (e) => errors.push(e) });
      assert.equal(await value.get(), null);
      assert.equal(await value.get(), null);
      assert.equal(reads, 1);
      assert.equal(errors.length, 1);
    });
  });

  context('when the read takes longer than the time bound', () => {
    it('answers null at once and keeps the late result for the next call', async () => {
      let finish: (n: number) => void = () => undefined;
      const value = cachedRefresh(() => new Promise<number>((done) => { finish = done; }), options);
      assert.equal(await value.get(), null);
      finish(42);
      await Promise.resolve();
      assert.equal(await value.get(), 42);
    });

    it('gives a read that never returns up after abandonMs and starts another', async () => {
      let reads = 0;
      const value = cachedRefresh(() => { reads += 1; return reads === 1 ? new Promise<number>(() => undefined) : Promise.resolve(7); }, { ...options, abandonMs: 60_000 });
      assert.equal(await value.get(), null);
      clock = 59_999;
      assert.equal(await value.get(), null);
      assert.equal(reads, 1);
      clock = 60_000;
      assert.equal(await value.get(), 7);
    });
  });
});
