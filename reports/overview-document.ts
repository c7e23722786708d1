/**
 * The live dashboard's one document (`GET /v1/overview`): the flow of items over the window, today's
 * applications by region, unit and topic (the very counts `intake report` gives for the Istanbul
 * day), the open gas emergencies, and, when the daemon passes its Kafka gauges, consumer lag and
 * dead letters. Aggregates and references only: a wall screen shows it.
 */
import type { Channel, DecisionKind } from '../schemas/types.generated.js';
import type { OpenEmergency, ReportRow, Sink } from '../sink/index.js';
import type { OverviewParams } from './overview-params.js';
import { within, type GaugeSampler, type PipelineGauges } from './pipeline-gauges.js';
import { parseReportDate } from './report-params.js';

/** Open emergencies listed on the screen (all are counted). */
export const OPEN_EMERGENCIES_SHOWN = 50;
/** How long the current lag may take to read before the screen shows n/a. */
const LAG_TIMEOUT_MS = 3_000;

export interface OverviewDocument {
  /** ISO 8601, UTC; overdue is judged at it. */
  generatedAt: string;
  window: { hours: number; bucketSeconds: number; from: string; to: string };
  flow: {
    /** Each bucket's start, epoch seconds (uPlot's x values). */
    times: number[];
    /** Channels with items in the window, most first; counts per bucket. */
    byChannel: Array<{ channel: Channel; items: number[] }>;
    byKind: Array<{ kind: DecisionKind; items: number[] }>;
    emergencies: number[];
  };
  /** The Istanbul day of `generatedAt`, counted as the reports count (linked repeats apart). */
  today: { from: string; to: string; total: ReportRow; byRegion: ReportRow[]; byUnit: ReportRow[]; byTopic: ReportRow[] };
  openEmergencies: { total: number; items: Array<OpenEmergency & { overdue: boolean }> };
  /** Null when the daemon gave no Kafka gauges: the screen shows n/a. */
  kafka: null | {
    /** Current lag per consumer group; null when Kafka did not answer in time. */
    lag: Array<{ group: string; lag: number }> | null;
    /** Minute samples since the daemon started (kept in memory: a restart empties them). */
    samples: {
      since: string | null;
      /** Epoch seconds. */
      times: number[];
      /** Dead letters written since the previous sample; null for a gap or the first sample. */
      deadLettersAdded: Array<number | null>;
      /** Dead letters on the topic at the latest sample that read it (its end offsets); null before one did. */
      deadLetterTotal: number | null;
      lagByGroup: Array<{ group: string; lag: Array<number | null> }>;
    };
  };
}

// Spelled out so that a new kind fails to compile here until the screen shows it.
const KINDS: Record<DecisionKind, true> = { crm: true, 'needs-info': true, 'archive-only': true, ignored: true };

const istanbulDate = new Intl.DateTimeFormat('en-CA', { timeZone: 'Europe/Istanbul', year: 'numeric', month: '2-digit', day: '2-digit' });

/** The Istanbul calendar day holding `now`, as [midnight, next midnight). */
export function istanbulDay(now: Date): { from: Date; to: Date } {
  // en-CA writes YYYY-MM-DD; parseReportDate reads a bare date as Istanbul midnight.
  const from = parseReportDate(istanbulDate.format(now));
  if (from === null) throw new RangeError('now is outside the years a report can name');
  // Istanbul keeps UTC+3 all year (report-params.ts): every day is 24 hours long.
  return { from, to: new Date(from.getTime() + 86_400_000) };
}

function flowOf(rows: Awaited<ReturnType<Sink['overview']>>['flow'], start: number, bucketSeconds: number, buckets: number): OverviewDocument['flow'] {
  const times = Array.from({ length: buckets }, (_, i) => start + i * bucketSeconds);
  const zeros = (): number[] => new Array<number>(buckets).fill(0);
  const byChannel = new Map<Channel, number[]>();
  const byKind = new Map<DecisionKind, number[]>(Object.keys(KINDS).map((kind) => [kind as DecisionKind, zeros()]));
  const emergencies = zeros();
  for (const row of rows) {
    const i = Math.round((Date.parse(row.bucket) / 1000 - start) / bucketSeconds);
    if (i < 0 || i >= buckets) continue;
    const channel = byChannel.get(row.channel) ?? zeros();
    byChannel.set(row.channel, channel);
    channel[i] = (channel[i] ?? 0) + row.items;
    const kind = byKind.get(row.kind);
    if (kind !== undefined) kind[i] = (kind[i] ?? 0) + row.items;
    emergencies[i] = (emergencies[i] ?? 0) + row.emergencies;
  }
  const sum = (values: number[]): number => values.reduce((a, b) => a + b, 0);
  return {
    times,
    byChannel: [...byChannel].map(([channel, items]) => ({ channel, items })).sort((a, b) => sum(b.items) - sum(a.items) || (a.channel < b.channel ? -1 : 1)),
    byKind: [...byKind].map(([kind, items]) => ({ kind, items })),
    emergencies,
  };
}

async function kafkaOf(kafka: { gauges: PipelineGauges; sampler: GaugeSampler }): Promise<NonNullable<OverviewDocument['kafka']>> {
  const current = await within(kafka.gauges.consumerLag(), LAG_TIMEOUT_MS).catch(() => null);
  const samples = kafka.sampler.samples();
  const groups = [...new Set(samples.flatMap((s) => Object.keys(s.lag ?? {})))].sort();
  return {
    lag: current === null ? null : Object.entries(current).map(([group, lag]) => ({ group, lag })).sort((a, b) => (a.group < b.group ? -1 : 1)),
    samples: {
      since: samples[0] === undefined ? null : new Date(samples[0].at).toISOString(),
      times: samples.map((s) => Math.floor(s.at / 1000)),
      deadLettersAdded: samples.map((s, i) => {
        const before = samples[i - 1]?.deadLetterTotal ?? null;
        // A topic recreated under the same name starts again at 0: no negative counts.
        return s.deadLetterTotal === null || before === null ? null : Math.max(0, s.deadLetterTotal - before);
      }),
      deadLetterTotal: samples.reduce<number | null>((latest, s) => s.deadLetterTotal ?? latest, null),
      lagByGroup: groups.map((group) => ({ group, lag: samples.map((s) => s.lag?.[group] ?? null) })),
    },
  };
}

/**
 * Reads everything the screen shows at `now`.
 * @throws IntakeError INTAKE_DB_UNAVAILABLE when the database does not answer (Kafka failing only
 *   blanks the Kafka part)
 */
export async function buildOverview(
  sink: Pick<Sink, 'report' | 'overview'>,
  params: OverviewParams,
  now: Date,
  kafka: { gauges: PipelineGauges; sampler: GaugeSampler } | null,
): Promise<OverviewDocument> {
  const { bucketSeconds } = params;
  const buckets = (params.hours * 3600) / bucketSeconds;
  // The last bucket is the one now is in; the window ends where it ends.
  const start = Math.floor(now.getTime() / 1000 / bucketSeconds) * bucketSeconds - (buckets - 1) * bucketSeconds;
  const from = new Date(start * 1000);
  const to = new Date((start + buckets * bucketSeconds) * 1000);
  const day = istanbulDay(now);
  const reportOf = (by: 'region' | 'unit' | 'topic'): ReturnType<Sink['report']> => sink.report({ by, from: day.from, to: day.to, now });
  const [overview, region, unit, topic, kafkaPart] = await Promise.all([
    sink.overview({ from, to, bucketSeconds, openLimit: OPEN_EMERGENCIES_SHOWN }),
    reportOf('region'),
    reportOf('unit'),
    reportOf('topic'),
    kafka === null ? Promise.resolve(null) : kafkaOf(kafka),
  ]);
  return {
    generatedAt: now.toISOString(),
    window: { hours: params.hours, bucketSeconds, from: from.toISOString(), to: to.toISOString() },
    flow: flowOf(overview.flow, start, bucketSeconds, buckets),
    today: { from: day.from.toISOString(), to: day.to.toISOString(), total: region.total, byRegion: region.rows, byUnit: unit.rows, byTopic: topic.rows },
    openEmergencies: {
      total: overview.openEmergencies.total,
      items: overview.openEmergencies.items.map((item) => ({ ...item, overdue: item.deadline !== null && Date.parse(item.deadline) < now.getTime() })),
    },
    kafka: kafkaPart,
  };
}
