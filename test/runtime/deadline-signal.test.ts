import assert from 'node:assert/strict';
import { createServer } from 'node:http';
import type { AddressInfo } from 'node:net';
import { setFlagsFromString } from 'node:v8';
import { runInNewContext } from 'node:vm';
import { deadlineSignal } from '../../runtime/deadline-signal.js';

setFlagsFromString('--expose-gc');
const collectGarbage = runInNewContext('gc') as () => void;

function aborted(signal: AbortSignal): Promise<unknown> {
  return new Promise((resolve) => signal.addEventListener('abort', () => resolve(signal.reason), { once: true }));
}

describe('deadlineSignal', () => {
  context('when the time runs out', () => {
    it('aborts with a TimeoutError, even after a garbage collection', async () => {
      const outer = new AbortController();
      const { signal } = deadlineSignal(30, outer.signal);
      collectGarbage();
      const reason = await aborted(signal);
      assert.equal((reason as DOMException).name, 'TimeoutError');
    });
  });

  // AbortSignal.any([outer, AbortSignal.timeout(ms)]) handed to fetch hung all 20 such requests
  // here on Node 20.20 while collections ran: the timeout's signal was gone when its timer fired.
  context('when it bounds a fetch to a server that never answers, while garbage is collected', () => {
    it('ends every request with a TimeoutError', async () => {
      const server = createServer(() => undefined);
      await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
      const url = `http://127.0.0.1:${(server.address() as AddressInfo).port}/`;
      const collecting = setInterval(collectGarbage, 10);
      try {
        const outer = new AbortController();
        const ends = await Promise.all(Array.from({ length: 10 }, async () => {
          const deadline = deadlineSignal(150, outer.signal);
          try {
            await fetch(url, { method: 'POST', body: 'x', signal: deadline.signal });
            return 'answered';
          } catch (error) {
            return (error as Error).name;
          } finally {
            deadline.clear();
          }
        }));
        assert.deepEqual(new Set(ends), new Set(['TimeoutError']));
      } finally {
        clearInterval(collecting);
        server.closeAllConnections();
        server.close();
      }
    });
  });

  context('when the outer signal aborts first', () => {
    it('aborts with its reason', async () => {
      const outer = new AbortController();
      const { signal, clear } = deadlineSignal(10_000, outer.signal);
      const reason = aborted(signal);
      outer.abort(new Error('stopping'));
      assert.equal(((await reason) as Error).message, 'stopping');
      clear();
    });
  });

  context('when cleared before the time runs out', () => {
    it('never aborts', async () => {
      const { signal, clear } = deadlineSignal(20);
      clear();
      // Timers of one duration fire in the order they were set: once a later one has fired, the
      // cleared one would have, had it not been cleared.
      await aborted(deadlineSignal(20).signal);
      assert.equal(signal.aborted, false);
    });
  });
});
