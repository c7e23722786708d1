/** Small helpers of the OCR bench: spreads, a bounded pool, progress on stderr. */

export interface Spread { min: number; median: number; max: number }

export function spread(xs: readonly number[]): Spread {
  const s = [...xs].sort((a, b) => a - b);
  return { min: s[0] ?? 0, median: s[Math.floor(s.length / 2)] ?? 0, max: s[s.length - 1] ?? 0 };
}

export function fixed(x: number, places: number): string {
  return x.toFixed(places);
}

/** `min / median / max` with the given decimals. */
export function showSpread(s: Spread, places = 0): string {
  return `${fixed(s.min, places)} / ${fixed(s.median, places)} / ${fixed(s.max, places)}`;
}

/** Runs `task` over `items`, at most `concurrency` at a time; results in item order. */
export async function inPool<T, R>(items: readonly T[], concurrency: number, task: (item: T) => Promise<R>): Promise<R[]> {
  const results = new Array<R>(items.length);
  let next = 0;
  const lane = async (): Promise<void> => {
    while (next < items.length) {
      const index = next++;
      results[index] = await task(items[index]!);
    }
  };
  await Promise.all(Array.from({ length: Math.min(concurrency, items.length) }, lane));
  return results;
}

/** Progress goes to stderr, so that `--json` leaves stdout to the result. */
export function note(message: string): void {
  process.stderr.write(`[bench:ocr] ${message}\n`);
}
