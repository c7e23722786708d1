/** Timing, CPU and memory sampling for one phase of the benchmark. */
import { setTimeout as sleep } from 'node:timers/promises';
import v8 from 'node:v8';
import vm from 'node:vm';

/** A full GC between phases, so each phase's RSS starts from a settled heap (best effort). */
export const collectGarbage: () => void = (() => {
  try {
    v8.setFlagsFromString('--expose-gc');
    const gc = vm.runInNewContext('gc') as unknown;
    if (typeof gc === 'function') return () => (gc as () => void)();
  } catch {
    // Not available: phases just start from whatever the heap holds.
  }
  return () => undefined;
})();

const MB = 1024 * 1024;

export interface PhaseFigures {
  items: number;
  /** From the start of the consumer (connect, join) until the last item was seen done. */
  seconds: number;
  itemsPerSecond: number;
  /** Until the consumer had joined its group (part of `seconds`). */
  joinSeconds: number;
  /** items / (seconds − joinSeconds): the rate once consuming. */
  itemsPerSecondAfterJoin: number;
  /** CPU time of this Node process over the phase, in % of one core (the broker and PostgreSQL are other processes). */
  nodeCpuPercent: number;
  rssStartMb: number;
  rssPeakMb: number;
}

/** Samples the process RSS every `everyMs` and keeps the peak. */
export function rssSampler(everyMs = 25): { peak: () => number; stop: () => number } {
  let peak = process.memoryUsage.rss();
  const timer = setInterval(() => { peak = Math.max(peak, process.memoryUsage.rss()); }, everyMs);
  timer.unref();
  return {
    peak: () => Math.max(peak, process.memoryUsage.rss()),
    stop: () => { clearInterval(timer); peak = Math.max(peak, process.memoryUsage.rss()); return peak; },
  };
}

/** A running measurement: start it right before the consumer starts. */
export function startPhase(): { joined: () => void; finish: (items: number) => PhaseFigures } {
  collectGarbage();
  const rssStart = process.memoryUsage.rss();
  const rss = rssSampler();
  const cpu0 = process.cpuUsage();
  const t0 = performance.now();
  let tJoined: number | null = null;
  return {
    joined: () => { tJoined ??= performance.now(); },
    finish: (items) => {
      const t1 = performance.now();
      const cpu = process.cpuUsage(cpu0);
      const peak = rss.stop();
      const seconds = (t1 - t0) / 1000;
      const joinSeconds = ((tJoined ?? t0) - t0) / 1000;
      return {
        items,
        seconds: round(seconds, 3),
        itemsPerSecond: round(items / seconds, 1),
        joinSeconds: round(joinSeconds, 3),
        itemsPerSecondAfterJoin: round(items / (seconds - joinSeconds), 1),
        nodeCpuPercent: round(((cpu.user + cpu.system) / 1000 / (t1 - t0)) * 100, 1),
        rssStartMb: round(rssStart / MB, 1),
        rssPeakMb: round(peak / MB, 1),
      };
    },
  };
}

export function round(x: number, places: number): number {
  const f = 10 ** places;
  return Math.round(x * f) / f;
}

/**
 * Polls `count` until it reaches `target`. Fails when `failed` reports an error, when the count
 * stops moving for `stallMs`, or on `signal`.
 */
export async function waitForCount(
  what: string,
  count: () => Promise<number> | number,
  target: number,
  o: { pollMs: number; stallMs: number; signal: AbortSignal; failed?: () => Error | null; progress?: (n: number) => void },
): Promise<void> {
  let last = -1;
  let lastMove = performance.now();
  let lastReport = performance.now();
  for (;;) {
    const failure = o.failed?.();
    if (failure) throw failure;
    if (o.signal.aborted) throw new Error(`${what}: interrupted`);
    const n = await count();
    if (n >= target) return;
    const now = performance.now();
    if (n !== last) { last = n; lastMove = now; }
    if (now - lastMove > o.stallMs) throw new Error(`${what}: stuck at ${n}/${target} for ${Math.round(o.stallMs / 1000)} s`);
    if (o.progress && now - lastReport > 5000) { lastReport = now; o.progress(n); }
    await sleep(o.pollMs);
  }
}
