/**
 * What the dashboard reads from Kafka, as the port the reports server declares: the daemon adapts
 * its bus to it. Optional: without it the dashboard shows lag and dead letters as n/a.
 */

export interface PipelineGauges {
  /**
   * Messages ever written to the dead-letter topic: the sum of its partitions' end offsets.
   * @throws on any Kafka failure (the caller records a gap)
   */
  deadLetterTotal(): Promise<number>;
  /**
   * Messages each of the daemon's consumer groups has yet to read, by group id.
   * @throws on any Kafka failure (the caller shows n/a)
   */
  consumerLag(): Promise<Record<string, number>>;
}

/** One minute's reading; null where Kafka did not answer. */
export interface GaugeSample {
  /** Epoch ms. */
  at: number;
  deadLetterTotal: number | null;
  lag: Record<string, number> | null;
}

/** Samples the gauges every minute into a ring; it starts empty at every start of the daemon. */
export interface GaugeSampler {
  /** Takes the first sample at once, then one every `everyMs`. */
  start(): void;
  /** Oldest first. */
  samples(): GaugeSample[];
  stop(): void;
}

/** A day of minutes. */
export const SAMPLES_KEPT = 1440;
/** How long one reading may take before it counts as a gap. */
export const GAUGE_TIMEOUT_MS = 5_000;

/** Resolves `work`, or rejects after `ms`. */
export async function within<T>(work: Promise<T>, ms: number): Promise<T> {
  let timer: NodeJS.Timeout | undefined;
  const timeout = new Promise<never>((_, fail) => { timer = setTimeout(() => fail(new Error(`no answer within ${ms} ms`)), ms); });
  try {
    return await Promise.race([work, timeout]);
  } finally {
    clearTimeout(timer);
  }
}

export function createGaugeSampler(gauges: PipelineGauges, options: { now: () => Date; onError: (error: unknown) => void; everyMs?: number; kept?: number }): GaugeSampler {
  const everyMs = options.everyMs ?? 60_000;
  const kept = options.kept ?? SAMPLES_KEPT;
  const ring: GaugeSample[] = [];
  let timer: NodeJS.Timeout | null = null;
  const failing = new Set<string>();
  const read = async <T>(gauge: string, work: () => Promise<T>): Promise<T | null> => {
    try {
      const value = await within(work(), GAUGE_TIMEOUT_MS);
      failing.delete(gauge);
      return value;
    } catch (error) {
      // Once per outage, not once a minute.
      if (!failing.has(gauge)) options.onError(error);
      failing.add(gauge);
      return null;
    }
  };
  const sample = async (): Promise<void> => {
    const at = options.now().getTime();
    const [deadLetterTotal, lag] = await Promise.all([read('dead letters', () => gauges.deadLetterTotal()), read('lag', () => gauges.consumerLag())]);
    ring.push({ at, deadLetterTotal, lag });
    if (ring.length > kept) ring.splice(0, ring.length - kept);
  };
  return {
    start() {
      if (timer !== null) return;
      void sample();
      timer = setInterval(() => void sample(), everyMs);
      timer.unref();
    },
    samples: () => [...ring],
    stop() {
      if (timer !== null) clearInterval(timer);
      timer = null;
    },
  };
}
