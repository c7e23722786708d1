/**
 * The daemon's composition root and lifecycle.
 * Start: config → logger → Kafka (launched locally when no brokers are configured) → topics →
 * connectors (capture) → MMS media, transcription and OCR workers (when enabled) → sink →
 * normalizer (joins its group in the background) → acknowledgements (when enabled) → reports API.
 * Stop: stop the reports API and intake, drain the media, transcription and OCR workers, the
 * normalizer and the acknowledgements and commit, close producers, close the database, flush logs.
 * One metrics object (runtime/metrics.ts) is made first and handed to every stage; the reports API
 * serves it at `/metrics`, with `/readyz`, on the operator port.
 */
import { join, resolve } from 'node:path';
import { startAcknowledgements, type AcknowledgerHandle } from '../acknowledge/index.js';
import type { Connector } from '../connectors/types.js';
import { connectorIds, createConnector } from '../connectors/registry.js';
import { startMediaWorkers, type MediaWorkerHandle } from '../connectors/twilio/media-worker.js';
import { startKafka } from '../infra/kafka/launcher.js';
import { startNormalizer, type NormalizerHandle } from '../normalizer/runner.js';
import { createReportsServer, type ReportsServer } from '../reports/index.js';
import { reportsDeps } from './reports-deps.js';
import { openSink, type Sink } from '../sink/index.js';
import { folderBlobStore } from '../runtime/blob-store.js';
import type { Config } from '../runtime/config.js';
import type { HealthProbe } from '../runtime/health-probe.js';
import { createBus } from '../runtime/kafka/bus.js';
import { coalescingPublisher } from '../runtime/kafka/coalescing-publisher.js';
import { observedPublisher } from '../runtime/kafka/observed-publisher.js';
import type { IntakeMetrics } from '../runtime/metrics.js';
import type { Bus } from '../runtime/kafka/types.js';
import { createReadiness, type Readiness } from '../runtime/readiness.js';
import { topicSpecs } from '../runtime/kafka/topics.js';
import type { Logger } from '../runtime/logger.js';
import { startTranscription, type TranscriptionHandle } from '../transcription/index.js';
import { startOcr, type OcrHandle } from '../ocr/index.js';
import { daemonMetrics, markDisabledStages, runsMediaWorkers, watchDatabase, watchKafka } from './daemon-health.js';
import { sinkOptionsOf } from './sink-options.js';

export interface RunningDaemon {
  brokers: string[];
  sink: Sink;
  connectors: Connector[];
  /** The reports HTTP API, when `reports.enabled`; its `endpoint()` says where it listens. */
  reports: ReportsServer | null;
  /** Each stage's state, as `/readyz` shows it. */
  readiness: Readiness;
  /** What `/metrics` on the reports API serves. */
  metrics: IntakeMetrics;
  /** Resolves when the daemon must end on its own (the consumer crashed for good). */
  fatal: Promise<Error>;
  stop(): Promise<void>;
}

/** Resolves the brokers: the configured cluster, or a local broker launched under dataDir. */
export async function resolveBrokers(config: Config, logger: Logger): Promise<string[]> {
  if (config.kafka.brokers !== null) return [...config.kafka.brokers];
  const status = await startKafka({ dir: resolve(config.dataDir, 'kafka'), port: config.kafka.localPort, log: (msg) => logger.info({ component: 'kafka-launcher' }, msg) });
  if (!status.brokers) throw new Error('the local Kafka broker did not report its address');
  return [status.brokers];
}

/** Thrown by {@link startDaemon} when its signal aborted the start; what had started is stopped. */
export class StartAborted extends Error {
  constructor() {
    super('the daemon was asked to stop while starting');
    this.name = 'StartAborted';
  }
}

/**
 * Starts every configured stage. Capture comes first and does not wait for consumption: after a
 * crash the normalizer's rejoin waits out the dead member's session timeout, and the web form must
 * accept meanwhile (`/readyz` shows each stage). A `signal` (SIGTERM during start-up) stops what
 * has started and rejects with {@link StartAborted}.
 */
export async function startDaemon(config: Config, logger: Logger, options: { now?: () => Date; signal?: AbortSignal } = {}): Promise<RunningDaemon> {
  const now = options.now ?? (() => new Date());
  const readiness = createReadiness();
  markDisabledStages(config, readiness);
  const metrics = daemonMetrics(readiness, logger);
  const probes: HealthProbe[] = [];
  let reportFatal: (error: Error) => void = () => undefined;
  const fatal = new Promise<Error>((done) => { reportFatal = done; });
  const connectors: Connector[] = [];
  let bus: Bus | null = null;
  let sink: Sink | null = null;
  let normalizer: NormalizerHandle | null = null;
  let acknowledger: AcknowledgerHandle | null = null;
  let media: MediaWorkerHandle | null = null;
  let transcription: TranscriptionHandle | null = null;
  let ocr: OcrHandle | null = null;
  let reports: ReportsServer | null = null;
  let closeReportsDb: () => Promise<void> = async () => undefined;
  let startingConsumption: Promise<unknown> = Promise.resolve();
  const stop = async (): Promise<void> => {
    readiness.set('capture', 'stopping');
    for (const probe of probes) probe.stop();
    // Dashboards first: they only read, and should not query a database that is closing.
    await reports?.stop();
    await closeReportsDb();
    for (const c of connectors) {
      if (c.endpoint?.() != null) readiness.set(`capture:${c.id}`, 'stopping');
      await c.stop();
    }
    await media?.stop();
    await transcription?.stop();
    await ocr?.stop();
    await normalizer?.stop();
    await acknowledger?.stop();
    await bus?.close();
    await sink?.close();
    logger.info('stopped');
    logger.flush();
  };
  // Each step gives way to the signal at once; what it opens after that is closed when it arrives.
  const step = <T>(work: Promise<T>, dispose: (value: T) => Promise<void> = async () => undefined): Promise<T> => {
    const signal = options.signal;
    if (signal === undefined) return work;
    return new Promise<T>((resolve, reject) => {
      const onAbort = (): void => {
        void work.then(dispose).catch(() => undefined);
        reject(new StartAborted());
      };
      if (signal.aborted) return onAbort();
      signal.addEventListener('abort', onAbort, { once: true });
      work.then(
        (value) => { signal.removeEventListener('abort', onAbort); resolve(value); },
        (error: unknown) => { signal.removeEventListener('abort', onAbort); reject(error); },
      );
    });
  };
  try {
    const brokers = await step(resolveBrokers(config, logger));
    bus = createBus({ brokers, clientId: config.kafka.clientId, logger, logLevel: config.log.level });
    await step(bus.ensureTopics(topicSpecs(config.kafka.topics, config.kafka.partitions, config.kafka.replicationFactor)));
    probes.push(watchKafka(bus.view(), config, readiness, metrics));
    const publisher = bus.publisher();
    // Capture has a producer of its own, so that a request's publish never queues behind the
    // normalizer's, and its concurrent requests share sends (issue 11). A webhook's 503 shows in
    // `/readyz` at once.
    const capturePublisher = observedPublisher(coalescingPublisher(bus.publisher(), { lingerMs: config.kafka.captureLingerMs }), (ok) => readiness.set('kafka', ok ? 'ready' : 'failed'));

    const openedBus = bus;
    const startConsuming = async (): Promise<Sink> => {
      const db = await step(openSink(sinkOptionsOf(config)), (late) => late.close());
      sink = db;
      logger.info({ component: 'sink', backend: db.backend }, 'database ready');
      probes.push(watchDatabase(db, now, readiness, metrics));
      if (config.normalizer.enabled) {
        normalizer = await step(startNormalizer({
          bus: openedBus, publisher, store: db, topics: config.kafka.topics, groupId: config.normalizer.consumerGroup, sessionTimeoutMs: config.normalizer.sessionTimeoutMs, concurrentBatches: config.normalizer.concurrentBatches, duplicateWindowHours: config.normalizer.duplicateWindowHours, minFieldConfidence: config.normalizer.minFieldConfidence, logger,
          retry: config.normalizer.retry, now, metrics,
          onFatal: (error) => { readiness.set('normalizer', 'failed'); reportFatal(error); },
          onJoin: () => readiness.set('normalizer', 'ready'),
          onRejoining: () => readiness.set('normalizer', 'starting'),
        }), (late) => late.stop());
      }
      return db;
    };
    // With PostgreSQL, the database and the normalizer's group join start beside capture rather than
    // after it, so what capture accepts in its first second is decided as it arrives; capture waits
    // for neither. Embedded PGlite runs in this thread and would hold capture's start up.
    let consuming: Promise<Sink> | null = config.database.url === null ? null : startConsuming();
    // Awaited once capture has started; until then a failure must not count as unhandled.
    startingConsumption = consuming?.catch(() => undefined) ?? startingConsumption;

    const deps = { publisher: capturePublisher, rawTopic: config.kafka.topics.raw, emergencyTopic: config.kafka.topics.emergency, deadLetterTopic: config.kafka.topics.deadLetter, mediaTopic: config.kafka.topics.media, transcriptionTopic: config.kafka.topics.transcription, ocrTopic: config.kafka.topics.ocr, blobStore: folderBlobStore(join(resolve(config.dataDir), 'blobs')), logger, now, readiness, metrics };
    for (const id of connectorIds) if (config.connectors[id].enabled) connectors.push(createConnector(id, config.connectors, deps));
    for (const c of connectors) {
      await step(c.start());
      if (c.endpoint?.() != null) readiness.set(`capture:${c.id}`, 'ready');
    }
    readiness.set('capture', connectors.length > 0 ? 'ready' : 'disabled');
    const { accountSid, authToken } = config.connectors.twilio;
    const twilio = accountSid === null || authToken === null ? null : { accountSid, authToken };
    // MMS media are fetched with the account's credentials: without them there is nothing to fetch with.
    if (runsMediaWorkers(config) && twilio !== null) {
      media = await step(startMediaWorkers(config.connectors.twilio.media, { bus, topics: config.kafka.topics, blobStore: deps.blobStore, logger, now, readiness, metrics, account: twilio, onFatal: reportFatal }), (late) => late.stop());
    } else if (config.connectors.twilio.enabled) logger.info({ component: 'twilio-media' }, 'media workers not run here: MMS wait in the media topic');
    if (config.transcription.enabled) {
      transcription = await step(startTranscription(config.transcription, { bus, topics: config.kafka.topics, blobStore: deps.blobStore, logger, now, readiness, metrics, twilio, onFatal: reportFatal }), (late) => late.stop());
    }
    if (config.ocr.enabled) {
      ocr = await step(startOcr(config.ocr, { bus, topics: config.kafka.topics, blobStore: deps.blobStore, logger, now, readiness, metrics, onFatal: reportFatal }), (late) => late.stop());
    }

    consuming ??= startConsuming();
    startingConsumption = consuming.catch(() => undefined);
    const opened = await consuming;
    acknowledger = await step(startAcknowledgements(config.acknowledgements, {
      bus, store: opened, topics: [config.kafka.topics.crm, config.kafka.topics.needsInfo], logger, now,
      onFatal: (error) => { readiness.set('acknowledgements', 'failed'); reportFatal(error); },
      onJoin: () => readiness.set('acknowledgements', 'ready'),
      onRejoining: () => readiness.set('acknowledgements', 'starting'),
    }), async (late) => { await late?.stop(); });
    // Last: it only reads what intake writes, and it is not part of intake.
    if (config.reports.enabled) {
      // Its own read-only database user when reports.databaseUrl is set; lag and dead letters from the bus's view.
      const wiring = await step(reportsDeps(config, { sink: opened, view: bus.view(), logger, now }), (late) => late.close());
      closeReportsDb = wiring.close;
      reports = createReportsServer(config.reports, { logger, now, operator: { readiness, metrics }, ...wiring.deps });
      await step(reports.start());
    }
    return { brokers, sink: opened, connectors, reports, readiness, metrics, fatal, stop };
  } catch (error) {
    // What the database side opened meanwhile is known only once it settles, and must be closed too.
    await startingConsumption;
    await stop().catch(() => undefined);
    throw error;
  }
}
