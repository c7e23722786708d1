/** The start-up warm-up: its made-up applications stay valid raw items, and it yields to other work. */
import assert from 'node:assert/strict';
import { defaultCatalogue } from '../../normalizer/catalogue/index.js';
import { warmUp } from '../../normalizer/warm-up.js';

describe('decide() warm-up', () => {
  context('when run to the end', () => {
    it('reads and decides every sample without an error', async () => {
      await warmUp(defaultCatalogue, new AbortController().signal);
    });
  });

  context('when other work is waiting on the event loop', () => {
    it('lets it run between decisions', async () => {
      let ticks = 0;
      const timer = setInterval(() => { ticks += 1; }, 0);
      try {
        await warmUp(defaultCatalogue, new AbortController().signal);
      } finally {
        clearInterval(timer);
      }
      assert.ok(ticks > 1, `a timer ran ${ticks} time(s) during the warm-up`);
    });
  });

  context('when the normalizer is stopped', () => {
    it('ends at once', async () => {
      const stopping = new AbortController();
      stopping.abort();
      const started = performance.now();
      await warmUp(defaultCatalogue, stopping.signal);
      assert.ok(performance.now() - started < 50);
    });
  });
});
