/**
 * The backlog bench's figures: for each phase (the daemon, the passthrough), the drain rate
 * overall and per window and the process's RSS along the way, and the text report.
 */
import type { Drain, Sample } from './backlog-drain.js';
import { table } from './latency-stats.js';
import { round } from './measure.js';

export interface WindowRow { fromS: number; toS: number; items: number; itemsPerSecond: number; rssEndMb: number | null; rssMaxMb: number | null }

export interface PhaseFigures {
  items: number;
  /** From the spawn until the last item was done, s. */
  doneS: number | null;
  itemsPerSecond: number | null;
  /** The first sample with an item done: start-up and group join are over. */
  firstItemS: number | null;
  itemsPerSecondAfterFirst: number | null;
  rss: { at1sMb: number | null; atFirstItemMb: number | null; peakMb: number | null; endMb: number | null };
  /** The process's CPU time from the first item to the last, in % of one core (2 cores: 200% at most). */
  cpuPercentWhileDraining: number | null;
  windows: WindowRow[];
  unfinished: string | null;
  stop: { code: number | null; signal: string | null; seconds: number; killed: boolean } | null;
  /** Every sample, for --json. */
  samples: Sample[];
}

export interface BacklogResult {
  id: string;
  options: { items: number; partitions: number; windowS: number; seed: number };
  env: { node: string; cpus: number; loadAverage1mBefore: number; loadAverage1mAfter: number; kafka: string; postgres: string };
  preload: { items: number; mb: number; seconds: number; perPartition: number[] };
  daemon: PhaseFigures;
  rows: { total: number; kinds: Record<string, number>; deadLettered: number | null };
  passthrough: PhaseFigures | null;
  ratio: { fromSpawn: number | null; afterFirstItem: number | null };
  totalS: number;
}

/** `done` at time `t`, interpolated between the samples around it. */
function doneAt(samples: readonly Sample[], t: number): number {
  let before: Sample = { t: 0, done: 0, rssMb: null, cpuS: null };
  for (const s of samples) {
    if (s.t >= t) return s.t === before.t ? s.done : before.done + ((s.done - before.done) * (t - before.t)) / (s.t - before.t);
    before = s;
  }
  return before.done;
}

const maxOf = (xs: Array<number | null>): number | null => xs.reduce<number | null>((m, x) => (x === null ? m : m === null ? x : Math.max(m, x)), null);
const mb = (x: number | null | undefined): number | null => (x === null || x === undefined ? null : round(x, 1));

export function phaseFigures(drain: Drain, items: number, windowS: number): PhaseFigures {
  const s = drain.samples;
  const end = drain.doneS ?? s[s.length - 1]?.t ?? 0;
  const first = s.find((x) => x.done > 0) ?? null;
  const windows: WindowRow[] = [];
  for (let from = 0; from < end; from += windowS) {
    const to = Math.min(from + windowS, end);
    const inside = s.filter((x) => x.t > from && x.t <= to + 1e-9);
    const n = doneAt(s, to) - doneAt(s, from);
    windows.push({ fromS: from, toS: round(to, 1), items: Math.round(n), itemsPerSecond: round(n / (to - from), 0), rssEndMb: mb(inside[inside.length - 1]?.rssMb), rssMaxMb: mb(maxOf(inside.map((x) => x.rssMb))) });
  }
  const live = s.filter((x) => x.rssMb !== null);
  const last = s[s.length - 1];
  const cpu = first?.cpuS != null && last?.cpuS != null && last.t > first.t ? round(((last.cpuS - first.cpuS) / (last.t - first.t)) * 100, 0) : null;
  return {
    items,
    doneS: drain.doneS === null ? null : round(drain.doneS, 2),
    itemsPerSecond: drain.doneS === null ? null : round(items / drain.doneS, 0),
    firstItemS: first ? round(first.t, 2) : null,
    itemsPerSecondAfterFirst: drain.doneS === null || first === null || drain.doneS <= first.t ? null : round((items - first.done) / (drain.doneS - first.t), 0),
    rss: { at1sMb: mb(live.find((x) => x.t >= 1)?.rssMb), atFirstItemMb: mb(first?.rssMb), peakMb: mb(maxOf(live.map((x) => x.rssMb))), endMb: mb(live[live.length - 1]?.rssMb) },
    cpuPercentWhileDraining: cpu,
    windows,
    unfinished: drain.unfinished,
    stop: null,
    samples: s.map((x) => ({ t: round(x.t, 2), done: x.done, rssMb: mb(x.rssMb), cpuS: x.cpuS })),
  };
}

const v = (x: number | null | undefined, unit = ''): string => (x === null || x === undefined ? '-' : `${x}${unit}`);

function phaseRows(name: string, p: PhaseFigures | null): string[] {
  if (p === null) return [name, '-', '-', '-', '-', '-', '-'];
  return [
    name,
    p.doneS === null ? `unfinished: ${p.unfinished ?? '?'}` : `${p.doneS.toFixed(2)} s`,
    v(p.itemsPerSecond),
    p.firstItemS === null ? '-' : `${p.firstItemS.toFixed(1)} s`,
    v(p.itemsPerSecondAfterFirst),
    `${v(p.rss.at1sMb)} / ${v(p.rss.atFirstItemMb)} / ${v(p.rss.peakMb)} / ${v(p.rss.endMb)}`,
    v(p.cpuPercentWhileDraining, '%'),
  ];
}

export function backlogReport(r: BacklogResult, targets: { itemsPerSecond: number; ratio: number }): string {
  const d = r.daemon;
  const p = r.passthrough;
  const meets = (x: number | null, min: number): string => (x === null ? '-' : x >= min ? 'met' : 'NOT met');
  const windowRows = Array.from({ length: Math.max(d.windows.length, p?.windows.length ?? 0) }, (_, i) => {
    const a = d.windows[i];
    const b = p?.windows[i];
    const span = a ?? b;
    return [
      span ? `${span.fromS}–${span.toS}` : '?',
      v(a?.itemsPerSecond), a ? `${v(a.rssEndMb)} (${v(a.rssMaxMb)})` : '-',
      v(b?.itemsPerSecond), b ? `${v(b.rssEndMb)} (${v(b.rssMaxMb)})` : '-',
    ];
  });
  const lines = [
    `backlog ${r.id}: ${r.preload.items} raw items preloaded (${r.preload.mb} MB, ${r.options.partitions} partitions: ${r.preload.perPartition.join(' / ')}) in ${r.preload.seconds} s with no daemon running; seed ${r.options.seed}`,
    `  node ${r.env.node}, ${r.env.cpus} CPUs, load average ${r.env.loadAverage1mBefore} before / ${r.env.loadAverage1mAfter} after; Kafka ${r.env.kafka}; PostgreSQL ${r.env.postgres}; ${r.totalS} s in all`,
    '',
    table([
      ['phase', 'drained after spawn', 'items/s from spawn', 'first item', 'items/s after it', 'RSS MB at 1 s / first item / peak / end', 'CPU while draining'],
      phaseRows('daemon (normalizer only)', d),
      phaseRows('kafkajs eachBatch passthrough', p),
    ]),
    '',
    `rows:                  ${r.rows.total} (${Object.entries(r.rows.kinds).map(([k, n]) => `${k} ${n}`).join(', ')}); dead-lettered ${v(r.rows.deadLettered)}`,
    `daemon SIGTERM:        ${d.stop ? `exit ${d.stop.code ?? d.stop.signal ?? '?'} after ${round(d.stop.seconds, 2)} s${d.stop.killed ? ' (had to SIGKILL)' : ''}` : '-'}`,
    `ratio daemon/passthrough: ${v(r.ratio.fromSpawn)} from the spawn, ${v(r.ratio.afterFirstItem)} after the first item`,
    `targets: ≥ ${targets.itemsPerSecond} items/s: ${meets(d.itemsPerSecond, targets.itemsPerSecond)} from the spawn, ${meets(d.itemsPerSecondAfterFirst, targets.itemsPerSecond)} after the first item; ≥ ${targets.ratio}× the passthrough: ${meets(r.ratio.fromSpawn, targets.ratio)} from the spawn, ${meets(r.ratio.afterFirstItem, targets.ratio)} after the first item`,
    '',
    `per ${r.options.windowS} s window from the spawn (items/s; RSS MB at the window's end, its max in brackets):`,
    table([['s', 'daemon items/s', 'daemon RSS', 'passthrough items/s', 'passthrough RSS'], ...windowRows]),
  ];
  return `${lines.join('\n')}\n`;
}
