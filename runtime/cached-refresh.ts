/**
 * A value read at most once per `ttlMs`, for what a Prometheus scrape reads from elsewhere (Kafka's
 * consumer lag, the database's overdue records): a scrape within the ttl is answered from memory, and
 * a read that takes longer than `timeoutMs` is not waited for, so a Kafka or database outage never
 * holds `/metrics`. The scrape then gets null (its series are left out); the late result, if any, is
 * kept for the next scrape. One read at a time; a failure is remembered for the ttl too, so a down
 * service is not asked again on every scrape. A read still running after `abandonMs` is given up
 * (its late result ignored) and the next scrape starts another: a call that never returns does not
 * silence the series for good.
 */
export interface CachedRefresh<T> {
  /** The fresh value, or null when the read failed or did not end in time. Never throws. */
  get(): Promise<T | null>;
}

export interface CachedRefreshOptions {
  /** How long a result (or a failure) is reused, ms. */
  ttlMs: number;
  /** How long a scrape waits for a read, ms. */
  timeoutMs: number;
  /** After this long a read in flight is given up, ms; 60 s by default. */
  abandonMs?: number;
  /** Told of a failed read (its error, to log by code). */
  onError?: (error: unknown) => void;
  /** Milliseconds of a monotonic clock; `performance.now` by default. */
  clock?: () => number;
}

export function cachedRefresh<T>(read: () => Promise<T>, options: CachedRefreshOptions): CachedRefresh<T> {
  const clock = options.clock ?? (() => performance.now());
  const abandonMs = options.abandonMs ?? 60_000;
  let last: { at: number; value: T | null } | null = null;
  let reading: { since: number; done: Promise<void> } | null = null;

  const start = (): Promise<void> => {
    if (reading !== null && clock() - reading.since < abandonMs) return reading.done;
    const mine: { since: number; done: Promise<void> } = { since: clock(), done: Promise.resolve() };
    const current = (): boolean => reading === mine;
    mine.done = read().then(
      (value) => { if (current()) last = { at: clock(), value }; },
      (error: unknown) => { if (current()) { last = { at: clock(), value: null }; options.onError?.(error); } },
    ).finally(() => { if (current()) reading = null; });
    reading = mine;
    return mine.done;
  };

  return {
    async get() {
      if (last !== null && clock() - last.at < options.ttlMs) return last.value;
      const before = last;
      let timer: NodeJS.Timeout | undefined;
      const timedOut = new Promise<void>((done) => { timer = setTimeout(done, options.timeoutMs); timer.unref(); });
      await Promise.race([start(), timedOut]);
      clearTimeout(timer);
      // Still the old result: the read did not end in time.
      return last === before ? null : (last as { value: T | null } | null)?.value ?? null;
    },
  };
}
