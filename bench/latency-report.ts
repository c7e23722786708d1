/**
 * The latency bench's figures: per application, POST-to-row and POST-to-202 latency, split into
 * the first seconds after the daemon's spawn and the rest, and the text report.
 */
import type { Posted } from './latency-load.js';
import { round } from './measure.js';
import { percentiles, table, type Percentiles } from './latency-stats.js';

/** One accepted application with its three clocks, ms. */
export interface Measured {
  /** Send time from the spawn, s. */
  sentS: number;
  /** recorded_at − the POST's send time (Date.now(); both the machine's wall clock). */
  toRecordedAt: number | null;
  /** The first poll that returned the row − the POST's send time (performance.now()). */
  toSeen: number | null;
  /** The 202's arrival − the POST's send time. */
  toAnswer: number;
}

export interface WindowFigures {
  window: string;
  toRecordedAt: Percentiles | null;
  toSeen: Percentiles | null;
  toAnswer: Percentiles | null;
  /** recorded_at − the 202's arrival: the normalizer's share (fetch, decide), apart from the capture's. */
  answerToRecordedAt: Percentiles | null;
}

export interface LatencyResult {
  id: string;
  options: { rate: number; durationS: number; windowS: number; pollMs: number; retryPauseMs: number; probeEveryMs: number; seed: number };
  env: { node: string; cpus: number; loadAverage1mBefore: number; loadAverage1mAfter: number; kafka: string; postgres: string };
  startup: { firstThroughS: number | null; first202S: number | null; firstRowSeenS: number | null };
  posted: number;
  accepted: number;
  refusedAtConnect: { attempts: number; applications: number };
  retriedAfterSend: number;
  failed: Record<string, number>;
  gaveUp: number;
  notInTable: number;
  missedByPoll: number;
  polls: number;
  /** From the spawn to the end of the drain, in % of one core (2 cores: 200% at most). */
  cpuPercent: { daemon: number | null; bench: number };
  benchLateMs: Percentiles | null;
  windows: WindowFigures[];
  firstSeconds: Array<{ second: number; toRecordedAt: Percentiles | null }>;
  seenMinusRecordedAt: Percentiles | null;
  sigterm: { code: number | null; signal: string | null; seconds: number; killed: boolean } | null;
  totalS: number;
}

/** Joins what the clients saw with what the table holds. */
export function measure(posted: readonly Posted[], spawnedAt: number, recordedMs: ReadonlyMap<string, number>, seenAt: ReadonlyMap<string, number>): Measured[] {
  const out: Measured[] = [];
  for (const p of posted) {
    if (p.itemId === null || p.sentAt === null || p.sentWallMs === null || p.answeredAt === null) continue;
    const recorded = recordedMs.get(p.itemId);
    const seen = seenAt.get(p.itemId);
    out.push({
      sentS: (p.sentAt - spawnedAt) / 1000,
      toRecordedAt: recorded === undefined ? null : recorded - p.sentWallMs,
      toSeen: seen === undefined ? null : seen - p.sentAt,
      toAnswer: p.answeredAt - p.sentAt,
    });
  }
  return out;
}

const present = (xs: Array<number | null>): number[] => xs.filter((x): x is number => x !== null);

export function windowFigures(window: string, ms: readonly Measured[]): WindowFigures {
  return {
    window,
    toRecordedAt: percentiles(present(ms.map((m) => m.toRecordedAt))),
    toSeen: percentiles(present(ms.map((m) => m.toSeen))),
    toAnswer: percentiles(ms.map((m) => m.toAnswer)),
    answerToRecordedAt: percentiles(present(ms.map((m) => (m.toRecordedAt === null ? null : m.toRecordedAt - m.toAnswer)))),
  };
}

const f = (x: number | undefined): string => (x === undefined ? '-' : x.toFixed(1));
const s = (x: number | null): string => (x === null ? '-' : `${x.toFixed(2)} s`);

export function latencyReport(r: LatencyResult, targetMs: number): string {
  const o = r.options;
  const meets = (p: Percentiles | null): string => (p === null ? '-' : p.p99 < targetMs ? 'met' : 'NOT met');
  const lines = [
    `e2e latency ${r.id}: ${o.rate} applications/s open-loop for ${o.durationS} s from the daemon's spawn, seed ${o.seed}, row poll every ${o.pollMs} ms`,
    `  node ${r.env.node}, ${r.env.cpus} CPUs, load average ${r.env.loadAverage1mBefore} before / ${r.env.loadAverage1mAfter} after; Kafka ${r.env.kafka}; PostgreSQL ${r.env.postgres}; ${r.totalS} s in all`,
    '',
    `from the spawn:        first attempt through ${s(r.startup.firstThroughS)}, first 202 ${s(r.startup.first202S)}, first row seen ${s(r.startup.firstRowSeenS)}`,
    `posted:                ${r.posted} applications, each with its own Idempotency-Key; accepted (202) ${r.accepted}`,
    `refused at connect:    ${r.refusedAtConnect.attempts} attempts of ${r.refusedAtConnect.applications} applications sent before the web form listened (re-sent with the same key once a probe every ${o.probeEveryMs} ms found the port open; counted from the attempt that got through)`,
    `retried after a send:  ${r.retriedAfterSend} (503, reset or timeout, after ${o.retryPauseMs} ms; the clock kept running)`,
    `not accepted:          ${JSON.stringify(r.failed)} refused, ${r.gaveUp} gave up; ${r.notInTable} accepted item(s) not in the table; ${r.missedByPoll} row(s) missed by the poll`,
    `CPU from the spawn:    daemon ${r.cpuPercent.daemon ?? '-'}% of one core, this bench (load and ${r.polls} polls) ${r.cpuPercent.bench}%`,
    `bench timer lag:       ${r.benchLateMs ? `p99 ${f(r.benchLateMs.p99)} ms, max ${f(r.benchLateMs.max)} ms` : '-'} (how late the open loop sent against its schedule)`,
    '',
    'latency, ms (p50 / p90 / p99 / max):',
    table([
      ['window', 'n', 'POST → recorded_at', 'POST → row seen by poll', 'POST → 202 p50', 'p99', '202 → recorded_at p50', 'p99'],
      ...r.windows.map((w) => [
        w.window, String(w.toAnswer?.n ?? 0),
        w.toRecordedAt ? `${f(w.toRecordedAt.p50)} / ${f(w.toRecordedAt.p90)} / ${f(w.toRecordedAt.p99)} / ${f(w.toRecordedAt.max)}` : '-',
        w.toSeen ? `${f(w.toSeen.p50)} / ${f(w.toSeen.p90)} / ${f(w.toSeen.p99)} / ${f(w.toSeen.max)}` : '-',
        f(w.toAnswer?.p50), f(w.toAnswer?.p99), f(w.answerToRecordedAt?.p50), f(w.answerToRecordedAt?.p99),
      ]),
    ]),
    `row seen − recorded_at: ${r.seenMinusRecordedAt ? `p50 ${f(r.seenMinusRecordedAt.p50)} / p99 ${f(r.seenMinusRecordedAt.p99)} / max ${f(r.seenMinusRecordedAt.max)} ms` : '-'} (the transaction after recorded_at was taken, the poll interval and the query)`,
    '',
    `target p99 POST → row < ${targetMs} ms: ${r.windows.map((w) => `${w.window}: ${meets(w.toRecordedAt)} by recorded_at, ${meets(w.toSeen)} by the poll`).join('; ')}`,
    '',
    'the first seconds, POST → recorded_at by second of sending (from the spawn):',
    table([
      ['second', 'n', 'p50', 'p99', 'max'],
      ...r.firstSeconds.map((x) => [`${x.second}–${x.second + 1}`, String(x.toRecordedAt?.n ?? 0), f(x.toRecordedAt?.p50), f(x.toRecordedAt?.p99), f(x.toRecordedAt?.max)]),
    ]),
    '',
    `SIGTERM:               ${r.sigterm ? `exit ${r.sigterm.code ?? r.sigterm.signal ?? '?'} after ${round(r.sigterm.seconds, 2)} s${r.sigterm.killed ? ' (had to SIGKILL)' : ''}` : '-'}`,
  ];
  return `${lines.join('\n')}\n`;
}
