import assert from 'node:assert/strict';
import { IntakeError } from '../../runtime/errors.js';
import { retry, type RetryOptions } from '../../runtime/retry.js';

function dbDown(attempt: number): IntakeError {
  return new IntakeError('INTAKE_DB_UNAVAILABLE', `database did not answer (attempt ${attempt})`);
}

/** A function that fails with `failures[i]` on call i+1 and then returns 'ok'. */
function failing(failures: Error[]): { fn: (attempt: number) => Promise<string>; calls: number[] } {
  const calls: number[] = [];
  return {
    calls,
    fn: async (attempt) => {
      calls.push(attempt);
      const failure = failures[calls.length - 1];
      if (failure !== undefined) throw failure;
      return 'ok';
    },
  };
}

const fast: RetryOptions = { attempts: 5, initialMs: 1, maxMs: 4, random: () => 0 };

describe('retry', () => {
  context('when the function succeeds at once', () => {
    it('returns its value after one call', async () => {
      const { fn, calls } = failing([]);
      assert.equal(await retry(fn, fast), 'ok');
      assert.deepEqual(calls, [1]);
    });
  });

  context('when the function fails with retriable errors and then succeeds', () => {
    it('retries and returns the value, reporting each retry', async () => {
      const { fn, calls } = failing([dbDown(1), dbDown(2)]);
      const retries: number[] = [];
      assert.equal(await retry(fn, { ...fast, onRetry: (_error, attempt) => retries.push(attempt) }), 'ok');
      assert.deepEqual(calls, [1, 2, 3]);
      assert.deepEqual(retries, [1, 2]);
    });

    it('retries a driver-level connection error', async () => {
      const { fn, calls } = failing([Object.assign(new Error('connect ECONNREFUSED'), { code: 'ECONNREFUSED' })]);
      assert.equal(await retry(fn, fast), 'ok');
      assert.equal(calls.length, 2);
    });
  });

  context('when the function fails with a programming error', () => {
    it('throws it at once without retrying', async () => {
      const bug = new TypeError('x is undefined');
      const { fn, calls } = failing([bug]);
      await assert.rejects(retry(fn, fast), (error) => error === bug);
      assert.deepEqual(calls, [1]);
    });
  });

  context('when the function fails with a non-retriable IntakeError', () => {
    it('throws it at once', async () => {
      const invalid = new IntakeError('INTAKE_MESSAGE_INVALID', 'raw message is not JSON');
      const { fn, calls } = failing([invalid]);
      await assert.rejects(retry(fn, fast), (error) => error === invalid);
      assert.equal(calls.length, 1);
    });
  });

  context('when a retriable error turns into a programming error', () => {
    it('stops at the programming error', async () => {
      const bug = new RangeError('bad index');
      const { fn, calls } = failing([dbDown(1), bug, dbDown(3)]);
      await assert.rejects(retry(fn, fast), (error) => error === bug);
      assert.equal(calls.length, 2);
    });
  });

  context('when every attempt fails with a retriable error', () => {
    it('gives up after `attempts` calls and throws the last error', async () => {
      const errors = [dbDown(1), dbDown(2), dbDown(3), dbDown(4)];
      const { fn, calls } = failing(errors);
      await assert.rejects(retry(fn, { ...fast, attempts: 3 }), (error) => error === errors[2]);
      assert.deepEqual(calls, [1, 2, 3]);
    });

    it('calls once and throws when attempts is 1', async () => {
      const { fn, calls } = failing([dbDown(1)]);
      await assert.rejects(retry(fn, { ...fast, attempts: 1 }), IntakeError);
      assert.equal(calls.length, 1);
    });
  });

  context('when random() returns 1', () => {
    it('waits the full ceiling: initialMs doubling each attempt, capped at maxMs', async () => {
      const { fn } = failing([dbDown(1), dbDown(2), dbDown(3), dbDown(4), dbDown(5)]);
      const delays: number[] = [];
      await retry(fn, { attempts: 6, initialMs: 1, maxMs: 6, random: () => 1, onRetry: (_e, _a, delayMs) => delays.push(delayMs) });
      assert.deepEqual(delays, [1, 2, 4, 6, 6]);
    });
  });

  context('when random() returns a fraction', () => {
    it('waits that fraction of the ceiling, rounded (full jitter)', async () => {
      const { fn } = failing([dbDown(1), dbDown(2), dbDown(3)]);
      const delays: number[] = [];
      await retry(fn, { attempts: 4, initialMs: 10, maxMs: 1000, random: () => 0.25, onRetry: (_e, _a, delayMs) => delays.push(delayMs) });
      assert.deepEqual(delays, [3, 5, 10]);
    });
  });

  context('when the signal aborts while waiting', () => {
    it('stops waiting and throws the last error', async () => {
      const controller = new AbortController();
      const failure = dbDown(1);
      const { fn, calls } = failing([failure, dbDown(2)]);
      const started = Date.now();
      const pending = retry(fn, { attempts: 5, initialMs: 60_000, maxMs: 60_000, random: () => 1, signal: controller.signal });
      setTimeout(() => controller.abort(), 20);
      await assert.rejects(pending, (error) => error === failure);
      assert.ok(Date.now() - started < 5_000, 'it waited for the backoff instead of stopping');
      assert.deepEqual(calls, [1]);
    });
  });

  context('when the signal is already aborted', () => {
    it('does not retry', async () => {
      const controller = new AbortController();
      controller.abort();
      const failure = dbDown(1);
      const { fn, calls } = failing([failure]);
      await assert.rejects(retry(fn, { ...fast, signal: controller.signal }), (error) => error === failure);
      assert.deepEqual(calls, [1]);
    });
  });
});
