/**
 * A dependency checked every `intervalMs` for `/readyz` (Kafka, the database): a cheap call
 * bounded by `timeoutMs`, its result told to `onResult`. The first check runs at once. The timer
 * never keeps the process alive, and stopping waits for nothing.
 */
export interface HealthProbe {
  /** Checks now, outside the schedule; resolves with the result. */
  check(): Promise<boolean>;
  stop(): void;
}

export interface HealthProbeOptions {
  /** Resolves when the dependency answers; throws (or never resolves) when it does not. */
  check(signal: AbortSignal): Promise<void>;
  intervalMs: number;
  timeoutMs: number;
  onResult(ok: boolean, error?: unknown): void;
}

export function startHealthProbe(o: HealthProbeOptions): HealthProbe {
  let stopped = false;
  let running: Promise<boolean> | null = null;
  const check = (): Promise<boolean> => {
    running ??= (async () => {
      const abort = new AbortController();
      let timer: NodeJS.Timeout | undefined;
      const timedOut = new Promise<never>((_, fail) => {
        timer = setTimeout(() => { abort.abort(); fail(new Error(`no answer within ${o.timeoutMs} ms`)); }, o.timeoutMs);
        timer.unref();
      });
      try {
        await Promise.race([o.check(abort.signal), timedOut]);
        if (!stopped) o.onResult(true);
        return true;
      } catch (error) {
        if (!stopped) o.onResult(false, error);
        return false;
      } finally {
        clearTimeout(timer);
      }
    })().finally(() => { running = null; });
    return running;
  };
  const timer = setInterval(() => { void check(); }, o.intervalMs);
  timer.unref();
  void check();
  return {
    check,
    stop() {
      stopped = true;
      clearInterval(timer);
    },
  };
}
