/**
 * The pull-source shape of PIPELINE.md, shared by the connectors that fetch from a store (an IMAP
 * mailbox, a drop folder): take the next items, publish each (retried while Kafka is away), and
 * only then tell the source. Published items are acknowledged, unreadable ones put aside after
 * their dead letter was acknowledged, and items whose publish finally failed are released: they
 * stay at the source and are pulled again. A source that fails is reset and retried with backoff.
 * A few batches may be in flight (`BATCHES_IN_FLIGHT`): while one waits for Kafka, the next is
 * fetched and read, so the source's and Kafka's round trips overlap with the reading. The source
 * never hands out an item again while it is in flight.
 * On stop the batches in hand are finished (their publishes end or give up) before the loop
 * returns, so stopping never leaves an item published but unacknowledged for long, nor
 * acknowledged but not published at all.
 */
import { setTimeout as sleep } from 'node:timers/promises';
import { retry } from '../runtime/retry.js';

export interface PullSource<T> {
  /**
   * The items waiting now and not already handed out, at most one batch; waits (until new items
   * are announced, a poll interval passes, or the signal aborts) and returns none when nothing is
   * waiting.
   */
  next(signal: AbortSignal): Promise<readonly T[]>;
  /** Kafka holds these: the source may consider them done. */
  ack(items: readonly T[]): Promise<void>;
  /** These cannot be read; their dead letters are in Kafka: the source puts them aside. */
  reject(items: readonly T[]): Promise<void>;
  /** These were not published: the source may hand them out again. */
  release(items: readonly T[]): void;
  /** Drops the connection after a failure, so the next `next` starts afresh. */
  reset(): Promise<void>;
  close(): Promise<void>;
}

/** What became of one item: in Kafka as an item, or in Kafka as a dead letter. */
export type Handled = 'published' | 'rejected';

export interface PullLoopOptions<T> {
  source: PullSource<T>;
  /** Publishes one item; resolves once Kafka acknowledged. Throws when publishing failed. */
  handle(item: T, signal: AbortSignal): Promise<Handled>;
  /** Attempts per item before it is released to be pulled again later. */
  publishAttempts: number;
  /** Backoff between failed attempts at the source, from 1 s up to this. */
  maxBackoffMs: number;
  /** Told of each failure (the phase, the error); must not log personal data. */
  onError(phase: 'pull' | 'publish' | 'acknowledge', error: unknown): void;
  /** Told after each batch, with how many items ended each way. */
  onBatch?(counts: { published: number; rejected: number; released: number }): void;
  /** Told whether the source answers: `ready` after each pull, `failed` when a pull or an acknowledgement failed (for `/readyz`). */
  onSourceState?(state: 'ready' | 'failed'): void;
}

export interface PullLoop {
  /** Finishes the batch in hand, then closes the source. */
  stop(): Promise<void>;
  /** Resolves when the loop has ended (after stop). */
  readonly done: Promise<void>;
}

/** Batches being read and published at once. */
const BATCHES_IN_FLIGHT = 3;

async function pause(ms: number, signal: AbortSignal): Promise<void> {
  await sleep(ms, undefined, { signal }).catch(() => undefined);
}

/** Runs the loop until stopped. */
export function startPullLoop<T>(options: PullLoopOptions<T>): PullLoop {
  const { source } = options;
  const stopping = new AbortController();
  let failures = 0;
  const backoff = (): Promise<void> => {
    failures++;
    return pause(Math.min(options.maxBackoffMs, 1000 * 2 ** Math.min(failures - 1, 16)), stopping.signal);
  };

  async function publishAll(items: readonly T[]): Promise<{ published: T[]; rejected: T[]; released: T[] }> {
    const out = { published: [] as T[], rejected: [] as T[], released: [] as T[] };
    // Concurrently: the capture publisher sends what arrives together in one request.
    const results = await Promise.allSettled(items.map((item) => retry(() => options.handle(item, stopping.signal), {
      attempts: options.publishAttempts, initialMs: 200, maxMs: 5000, signal: stopping.signal,
    })));
    results.forEach((r, i) => {
      const item = items[i] as T;
      if (r.status === 'fulfilled') out[r.value].push(item);
      else {
        options.onError('publish', r.reason);
        out.released.push(item);
      }
    });
    return out;
  }

  /** Publishes a batch and tells the source; never throws. */
  async function finish(items: readonly T[]): Promise<void> {
    const { published, rejected, released } = await publishAll(items);
    source.release(released);
    try {
      if (published.length > 0) await source.ack(published);
      if (rejected.length > 0) await source.reject(rejected);
      failures = 0;
    } catch (error) {
      // Published but not acknowledged: they are pulled again and their ids make them the same items.
      source.release([...published, ...rejected]);
      options.onError('acknowledge', error);
      options.onSourceState?.('failed');
      await source.reset().catch(() => undefined);
      await backoff();
    }
    options.onBatch?.({ published: published.length, rejected: rejected.length, released: released.length });
    // Kafka is away: leave the source alone for a while instead of pulling the same items again at once.
    if (released.length > 0 && !stopping.signal.aborted) await backoff();
  }

  async function run(): Promise<void> {
    const inFlight = new Set<Promise<void>>();
    const start = (items: readonly T[]): void => {
      const done: Promise<void> = finish(items).finally(() => inFlight.delete(done));
      inFlight.add(done);
    };
    while (!stopping.signal.aborted) {
      let items: readonly T[];
      try {
        items = await source.next(stopping.signal);
      } catch (error) {
        if (stopping.signal.aborted) break;
        options.onError('pull', error);
        options.onSourceState?.('failed');
        await Promise.all(inFlight);
        await source.reset().catch(() => undefined);
        await backoff();
        continue;
      }
      options.onSourceState?.('ready');
      if (items.length > 0) start(items);
      // Bounded: memory holds at most this many batches.
      while (inFlight.size >= BATCHES_IN_FLIGHT) await Promise.race(inFlight);
    }
    await Promise.all(inFlight);
    await source.close().catch(() => undefined);
  }

  const done = run();
  return {
    done,
    async stop() {
      stopping.abort();
      await done;
    },
  };
}

