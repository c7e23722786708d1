/**
 * The daemon's Prometheus metrics (prom-client), in a registry of their own: never the global one,
 * so tests and several daemons in one process each count apart. Stages record through the narrow
 * ports of metrics-ports.ts; what lives elsewhere (consumer lag in Kafka, overdue records in the
 * database, each stage's readiness) is read when `/metrics` is scraped, cached and time-bounded
 * (cached-refresh.ts). docs/metrics.md lists every metric; dashboards and alert rules use these
 * exact names.
 *
 * No label carries personal data: each value is checked against the closed set or the id pattern
 * it must come from, and anything else is counted under `other`, so a caller's slip cannot put a
 * phone number or a name into a time series.
 */
import { collectDefaultMetrics, Counter, Gauge, Histogram, Registry } from 'prom-client';
import channelSchema from '../schemas/channel.schema.json' with { type: 'json' };
import kindSchema from '../schemas/decision-kind.schema.json' with { type: 'json' };
import type { Channel, DecisionKind } from '../schemas/types.generated.js';
import { cachedRefresh } from './cached-refresh.js';
import type { CaptureMetrics, DeadLetterStage, NormalizerMetrics, TimedStage } from './metrics-ports.js';

/** The enrich and raw queues whose depth is exported (`intake_queue_depth{queue}`). */
export type Queue = 'raw' | 'ocr' | 'transcription' | 'media';

/** One partition's lag as the bus's view reports it (`bus.view().groupLag`). */
export interface LagRow { topic: string; partition: number; lag: number }

/** What the lag collector reads: the bus's view (runtime/kafka/view.ts). */
export interface LagSource {
  groupLag(groupId: string, topics?: readonly string[]): Promise<readonly LagRow[]>;
}

export interface LagWatch {
  source: LagSource;
  /** Consumer groups whose lag is exported, each on its topics (the queues' groups are added). */
  groups: ReadonlyArray<{ group: string; topics: readonly string[] }>;
  /** Whose lag on which topic each queue's depth is: the configured consumer group of that stage. */
  queues: Readonly<Record<Queue, { group: string; topic: string }>>;
}

/** What the overdue gauge reads: the sink (sink/open-past-deadline.ts). */
export interface OpenPastDeadlineSource {
  /** Records still open whose deadline is before `now`, per responsible unit. */
  openPastDeadline(now: Date): Promise<ReadonlyArray<{ unit: string; open: number }>>;
}

/** What the readiness gauge reads: runtime/readiness.ts. */
export interface ReadinessSource { snapshot(): Readonly<Record<string, string>> }

export interface MetricsOptions {
  /** Each stage's state, exported as `intake_ready{stage}`. */
  readiness?: ReadinessSource;
  /** Node's process metrics (CPU, memory, event loop lag, …); true by default. */
  processMetrics?: boolean;
  /** Told when a scrape-time read fails (an error to log by its code). */
  onCollectError?: (what: 'lag' | 'open-past-deadline', error: unknown) => void;
}

/** Seconds: 1 ms (a decide) to 120 s (a long fax or recording). */
export const STAGE_BUCKETS = [0.001, 0.0025, 0.005, 0.01, 0.025, 0.05, 0.1, 0.25, 0.5, 1, 2.5, 5, 10, 30, 60, 120];

/** How long scrape-time reads are reused, and how long a scrape waits for one. */
export const LAG_CACHE_MS = 5_000;
export const OPEN_PAST_DEADLINE_CACHE_MS = 30_000;
export const COLLECT_TIMEOUT_MS = 2_000;

export interface IntakeMetrics extends CaptureMetrics, NormalizerMetrics {
  readonly registry: Registry;
  /** Reads consumer lag and queue depth from Kafka at scrape time (cached 5 s). */
  watchLag(watch: LagWatch, options?: { cacheMs?: number; timeoutMs?: number }): void;
  /** Reads the records open past their deadline from the database at scrape time (cached 30 s). */
  watchOpenPastDeadline(source: OpenPastDeadlineSource, now: () => Date, options?: { cacheMs?: number; timeoutMs?: number }): void;
  /** The exposition text, for `GET /metrics`. */
  scrape(): Promise<string>;
  readonly contentType: string;
}

const OTHER = 'other';
const channels = new Set<string>(channelSchema.enum);
const kinds = new Set<string>(kindSchema.enum);
const oneOf = (allowed: ReadonlySet<string>) => (value: string): string => (allowed.has(value) ? value : OTHER);
const matching = (pattern: RegExp) => (value: string): string => (pattern.test(value) ? value : OTHER);
/** Label values, each from its closed set or its id pattern. */
const label = {
  channel: oneOf(channels),
  kind: oneOf(kinds),
  code: matching(/^[A-Z][A-Z0-9_]{0,63}$/),
  stage: matching(/^[a-z][a-z0-9:_-]{0,79}$/),
  path: matching(/^\/[A-Za-z0-9/_:.-]{0,119}$/),
  id: matching(/^[a-z0-9][a-z0-9._-]{0,79}$/),
  topic: matching(/^[A-Za-z0-9._-]{1,249}$/),
};

/** `make`'s result per value, made once; the values are the closed sets of the ports' types. */
function childrenOf<C>(make: (value: string) => C): (value: string) => C {
  const made = new Map<string, C>();
  return (value) => {
    let child = made.get(value);
    if (child === undefined) {
      child = make(value);
      made.set(value, child);
    }
    return child;
  };
}

/** Creates the metrics in a registry of their own. */
export function createMetrics(options: MetricsOptions = {}): IntakeMetrics {
  const registry = new Registry();
  if (options.processMetrics !== false) collectDefaultMetrics({ register: registry });
  const registers = [registry];

  const captured = new Counter({ name: 'intake_items_captured_total', help: 'Raw items acknowledged by Kafka, per channel', labelNames: ['channel'], registers });
  const outcomes = new Counter({ name: 'intake_outcomes_total', help: 'Decisions recorded for the first time, per kind', labelNames: ['kind'], registers });
  const deadLetters = new Counter({ name: 'intake_dead_letters_total', help: 'Messages set aside to the dead-letter topic, per error code and stage', labelNames: ['code', 'stage'], registers });
  const emergencies = new Counter({ name: 'intake_emergencies_total', help: 'Gas emergency alerts acknowledged by Kafka, per channel', labelNames: ['channel'], registers });
  const durations = new Histogram({ name: 'intake_stage_duration_seconds', help: 'Time one item spent in a stage', labelNames: ['stage'], buckets: STAGE_BUCKETS, registers });
  const signatures = new Counter({ name: 'intake_webhook_signature_rejections_total', help: 'Webhook requests refused for their signature, per route', labelNames: ['path'], registers });
  const reconnects = new Counter({ name: 'intake_imap_reconnects_total', help: 'Mailbox connections dropped after a failure and opened again, per mailbox id', labelNames: ['mailbox'], registers });

  // The normalizer counts and times every item: each label's series is looked up once, not
  // checked and hashed per item.
  const outcomeOf = childrenOf((kind: string) => outcomes.labels(label.kind(kind)));
  const durationOf = childrenOf((stage: string) => durations.labels(label.stage(stage)));

  // Every kind and channel from zero, so that rate() and absent-series alerts work from the start.
  for (const kind of kinds) outcomes.labels(kind).inc(0);
  for (const channel of channels) {
    captured.labels(channel).inc(0);
    emergencies.labels(channel).inc(0);
  }

  let lagRead: (() => Promise<{ rows: Array<LagRow & { group: string }>; depth: Map<Queue, number> } | null>) | null = null;
  let overdueRead: (() => Promise<ReadonlyArray<{ unit: string; open: number }> | null>) | null = null;

  new Gauge({
    name: 'intake_consumer_lag', help: 'Messages not yet committed by a consumer group, per topic and partition (read from Kafka at scrape, cached 5 s)', labelNames: ['group', 'topic', 'partition'], registers,
    async collect() {
      this.reset();
      const read = await lagRead?.();
      for (const row of read?.rows ?? []) this.labels(label.topic(row.group), label.topic(row.topic), String(row.partition)).set(row.lag);
    },
  });
  new Gauge({
    name: 'intake_queue_depth', help: 'Messages waiting in a queue: the lag of its configured consumer group on its topic (read at scrape, cached 5 s)', labelNames: ['queue'], registers,
    async collect() {
      this.reset();
      const read = await lagRead?.();
      for (const [queue, depth] of read?.depth ?? []) this.labels(queue).set(depth);
    },
  });
  new Gauge({
    name: 'intake_open_past_deadline', help: 'Records still open past their deadline, per responsible unit (read from the database at scrape, cached 30 s)', labelNames: ['unit'], registers,
    async collect() {
      this.reset();
      for (const row of (await overdueRead?.()) ?? []) this.labels(label.id(row.unit)).set(row.open);
    },
  });
  new Gauge({
    name: 'intake_ready', help: 'Whether a stage is ready (1) or not (0); disabled stages are left out', labelNames: ['stage'], registers,
    collect() {
      this.reset();
      for (const [stage, state] of Object.entries(options.readiness?.snapshot() ?? {})) if (state !== 'disabled') this.labels(label.stage(stage)).set(state === 'ready' ? 1 : 0);
    },
  });

  return {
    registry,
    contentType: registry.contentType,
    itemCaptured: (channel: Channel) => captured.labels(label.channel(channel)).inc(),
    emergencyAlerted: (channel: Channel) => emergencies.labels(label.channel(channel)).inc(),
    outcome: (kind: DecisionKind) => outcomeOf(kind).inc(),
    deadLettered: (code: string, stage: DeadLetterStage) => deadLetters.labels(label.code(code), label.stage(stage)).inc(),
    observeStage: (stage: TimedStage, seconds: number) => durationOf(stage).observe(seconds),
    signatureRejected: (path: string) => signatures.labels(label.path(path)).inc(),
    imapReconnected: (mailbox: string) => reconnects.labels(label.id(mailbox)).inc(),
    watchLag(watch, o = {}) {
      const groups = new Map<string, Set<string>>();
      const watchGroup = (group: string, topics: readonly string[]): void => {
        const known = groups.get(group) ?? new Set<string>();
        for (const t of topics) known.add(t);
        groups.set(group, known);
      };
      for (const g of watch.groups) watchGroup(g.group, g.topics);
      for (const q of Object.values(watch.queues)) watchGroup(q.group, [q.topic]);
      const refresh = cachedRefresh(async () => {
        // A group that cannot be read is left out; only when none can is the read a failure.
        const perGroup = await Promise.allSettled([...groups].map(async ([group, topics]) => (await watch.source.groupLag(group, [...topics])).map((row) => ({ ...row, group }))));
        const failed = perGroup.find((r): r is PromiseRejectedResult => r.status === 'rejected');
        if (failed !== undefined && perGroup.every((r) => r.status === 'rejected')) throw failed.reason;
        const rows = perGroup.flatMap((r) => (r.status === 'fulfilled' ? r.value : []));
        const depth = new Map<Queue, number>();
        for (const [queue, q] of Object.entries(watch.queues) as Array<[Queue, { group: string; topic: string }]>) {
          depth.set(queue, rows.filter((r) => r.group === q.group && r.topic === q.topic).reduce((sum, r) => sum + Math.max(0, Number(r.lag)), 0));
        }
        return { rows, depth };
      }, { ttlMs: o.cacheMs ?? LAG_CACHE_MS, timeoutMs: o.timeoutMs ?? COLLECT_TIMEOUT_MS, onError: (error) => options.onCollectError?.('lag', error) });
      lagRead = () => refresh.get();
    },
    watchOpenPastDeadline(source, now, o = {}) {
      const refresh = cachedRefresh(() => source.openPastDeadline(now()), { ttlMs: o.cacheMs ?? OPEN_PAST_DEADLINE_CACHE_MS, timeoutMs: o.timeoutMs ?? COLLECT_TIMEOUT_MS, onError: (error) => options.onCollectError?.('open-past-deadline', error) });
      overdueRead = () => refresh.get();
    },
    scrape: () => registry.metrics(),
  };
}
