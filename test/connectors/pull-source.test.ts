/** The pull-source loop over a source held in memory: what is acknowledged, set aside or pulled again. */
import assert from 'node:assert/strict';
import { setTimeout as sleep } from 'node:timers/promises';
import { startPullLoop, type Handled, type PullSource } from '../../connectors/pull-source.js';
import { IntakeError } from '../../runtime/errors.js';

/** A source of numbered items, handing out at most `batch` at a time and never one in flight. */
class MemorySource implements PullSource<number> {
  readonly acked: number[] = [];
  readonly rejected: number[] = [];
  resets = 0;
  closed = false;
  private readonly inFlight = new Set<number>();

  constructor(private readonly waiting: number[], private readonly batch = 3) {}

  async next(signal: AbortSignal): Promise<readonly number[]> {
    const items = this.waiting.filter((n) => !this.inFlight.has(n)).slice(0, this.batch);
    for (const n of items) this.inFlight.add(n);
    if (items.length === 0) await sleep(5, undefined, { signal }).catch(() => undefined);
    return items;
  }

  async ack(items: readonly number[]): Promise<void> {
    this.done(items);
    this.acked.push(...items);
  }

  async reject(items: readonly number[]): Promise<void> {
    this.done(items);
    this.rejected.push(...items);
  }

  release(items: readonly number[]): void {
    for (const n of items) this.inFlight.delete(n);
  }

  async reset(): Promise<void> {
    this.resets++;
  }

  async close(): Promise<void> {
    this.closed = true;
  }

  get left(): number {
    return this.waiting.length;
  }

  private done(items: readonly number[]): void {
    for (const n of items) {
      this.inFlight.delete(n);
      this.waiting.splice(this.waiting.indexOf(n), 1);
    }
  }
}

async function until(what: string, probe: () => boolean): Promise<void> {
  for (let i = 0; i < 400; i++) {
    if (probe()) return;
    await sleep(5);
  }
  throw new Error(`timed out waiting for ${what}`);
}

const quiet = { publishAttempts: 2, maxBackoffMs: 10, onError: () => undefined };

describe('startPullLoop', () => {
  context('when every item publishes', () => {
    it('acknowledges each once, in batches, and closes the source on stop', async () => {
      const source = new MemorySource([1, 2, 3, 4, 5, 6, 7]);
      const handled: number[] = [];
      const loop = startPullLoop({ ...quiet, source, handle: async (n): Promise<Handled> => { handled.push(n); return 'published'; } });
      await until('all acknowledged', () => source.left === 0);
      await loop.stop();
      assert.deepEqual([...source.acked].sort((a, b) => a - b), [1, 2, 3, 4, 5, 6, 7]);
      assert.deepEqual([...handled].sort((a, b) => a - b), [1, 2, 3, 4, 5, 6, 7]);
      assert.ok(source.closed);
    });
  });

  context('when an item cannot be read', () => {
    it('sets it aside after its dead letter, and acknowledges the rest', async () => {
      const source = new MemorySource([1, 2, 3]);
      const loop = startPullLoop({ ...quiet, source, handle: async (n): Promise<Handled> => (n === 2 ? 'rejected' : 'published') });
      await until('all done', () => source.left === 0);
      await loop.stop();
      assert.deepEqual(source.rejected, [2]);
      assert.deepEqual([...source.acked].sort(), [1, 3]);
    });
  });

  context('when Kafka is away for a while', () => {
    it('leaves the items at the source, then publishes them once it is back', async () => {
      const source = new MemorySource([1, 2]);
      let kafkaUp = false;
      const errors: string[] = [];
      const loop = startPullLoop({
        ...quiet, source, onError: (phase) => errors.push(phase),
        handle: async (): Promise<Handled> => {
          if (!kafkaUp) throw new IntakeError('INTAKE_KAFKA_UNAVAILABLE', 'down');
          return 'published';
        },
      });
      await until('a failed publish', () => errors.includes('publish'));
      assert.deepEqual(source.acked, []);
      kafkaUp = true;
      await until('all acknowledged', () => source.left === 0);
      await loop.stop();
      assert.deepEqual([...source.acked].sort(), [1, 2]);
    });
  });

  context('when the source fails', () => {
    /** The source, whose first pull fails as a lost connection does. */
    const failingOnce = (source: MemorySource): MemorySource => {
      const next = source.next.bind(source);
      let failures = 1;
      source.next = async (signal) => {
        if (failures-- > 0) throw new Error('connection lost');
        return next(signal);
      };
      return source;
    };

    it('resets it and goes on', async () => {
      const source = failingOnce(new MemorySource([1]));
      const loop = startPullLoop({ ...quiet, source, handle: async (): Promise<Handled> => 'published' });
      await until('acknowledged', () => source.left === 0);
      await loop.stop();
      assert.equal(source.resets, 1);
    });

    it('tells the source failed, then ready once a pull succeeds again (for /readyz)', async () => {
      const source = failingOnce(new MemorySource([1]));
      const states: string[] = [];
      const loop = startPullLoop({ ...quiet, source, handle: async (): Promise<Handled> => 'published', onSourceState: (state) => { if (states.at(-1) !== state) states.push(state); } });
      await until('acknowledged', () => source.left === 0);
      await loop.stop();
      assert.deepEqual(states, ['failed', 'ready']);
    });
  });

  context('when stopped while publishing', () => {
    it('finishes the batch in hand and acknowledges it before returning', async () => {
      const source = new MemorySource([1, 2, 3]);
      let started = false;
      let acknowledgeKafka: () => void = () => undefined;
      const kafka = new Promise<void>((done) => { acknowledgeKafka = done; });
      const loop = startPullLoop({
        ...quiet, source,
        handle: async (): Promise<Handled> => {
          started = true;
          await kafka;
          return 'published';
        },
      });
      await until('a publish started', () => started);
      const stopped = loop.stop();
      acknowledgeKafka();
      await stopped;
      assert.deepEqual([...source.acked].sort(), [1, 2, 3]);
    });
  });
});
