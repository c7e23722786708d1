/** Percentiles and plain-text tables for the latency and backlog reports. */
import { round } from './measure.js';

export interface Percentiles { n: number; p50: number; p90: number; p99: number; max: number }

/** Nearest-rank percentile (the smallest value with at least p% of the values at or below it). */
function rank(sorted: readonly number[], p: number): number {
  return sorted[Math.max(0, Math.ceil((p / 100) * sorted.length) - 1)] ?? Number.NaN;
}

/** p50/p90/p99/max of `xs` (ms, rounded to 0.1); null for no values. */
export function percentiles(xs: readonly number[]): Percentiles | null {
  if (xs.length === 0) return null;
  const s = [...xs].sort((a, b) => a - b);
  return { n: s.length, p50: round(rank(s, 50), 1), p90: round(rank(s, 90), 1), p99: round(rank(s, 99), 1), max: round(s[s.length - 1] ?? 0, 1) };
}

/** Right-aligned columns, two spaces apart, indented by two. */
export function table(rows: string[][]): string {
  const widths = rows[0]?.map((_, c) => Math.max(...rows.map((r) => (r[c] ?? '').length))) ?? [];
  return rows.map((r) => `  ${r.map((cell, c) => cell.padStart(widths[c] ?? 0)).join('  ')}`).join('\n');
}
