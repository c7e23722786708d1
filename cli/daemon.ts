/**
 * The daemon's composition root and lifecycle.
 * Start: config → logger → Kafka (launched locally when no brokers are configured) → topics → sink →
 * normalizer → connectors → reports API. Stop: stop the reports API and intake, drain the normalizer and
 * commit, close producers, close the database, flush logs.
 */
import { join, resolve } from 'node:path';
import type { Connector } from '../connectors/types.js';
import { connectorRegistry } from '../connectors/registry.js';
import { startKafka } from '../infra/kafka/launcher.js';
import { startNormalizer, type NormalizerHandle } from '../normalizer/runner.js';
import { createReportsServer, type ReportsServer } from '../reports/index.js';
import { openSink, type Sink } from '../sink/index.js';
import { folderBlobStore } from '../runtime/blob-store.js';
import type { Config } from '../runtime/config.js';
import { createBus } from '../runtime/kafka/bus.js';
import { topicSpecs } from '../runtime/kafka/topics.js';
import type { Logger } from '../runtime/logger.js';
import { sinkOptionsOf } from './sink-options.js';

export interface RunningDaemon {
  brokers: string[];
  sink: Sink;
  connectors: Connector[];
  /** The reports HTTP API, when `reports.enabled`; its `endpoint()` says where it listens. */
  reports: ReportsServer | null;
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

export async function startDaemon(config: Config, logger: Logger, options: { now?: () => Date } = {}): Promise<RunningDaemon> {
  const now = options.now ?? (() => new Date());
  const brokers = await resolveBrokers(config, logger);
  const bus = createBus({ brokers, clientId: config.kafka.clientId, logger, logLevel: config.log.level });
  await bus.ensureTopics(topicSpecs(config.kafka.topics, config.kafka.partitions, config.kafka.replicationFactor));
  const sink = await openSink(sinkOptionsOf(config));
  logger.info({ component: 'sink', backend: sink.backend }, 'database ready');

  let reportFatal: (error: Error) => void = () => undefined;
  const fatal = new Promise<Error>((done) => { reportFatal = done; });
  const publisher = bus.publisher();
  let normalizer: NormalizerHandle | null = null;
  const connectors: Connector[] = [];
  let reports: ReportsServer | null = null;
  const stop = async (): Promise<void> => {
    // Dashboards first: they only read, and should not query a database that is closing.
    await reports?.stop();
    for (const c of connectors) await c.stop();
    await normalizer?.stop();
    await bus.close();
    await sink.close();
    logger.info('stopped');
    logger.flush();
  };
  try {
    if (config.normalizer.enabled) {
      normalizer = await startNormalizer({
        bus, publisher, sink, topics: config.kafka.topics, groupId: config.normalizer.consumerGroup, sessionTimeoutMs: config.normalizer.sessionTimeoutMs, duplicateWindowHours: config.normalizer.duplicateWindowHours, logger,
        retry: config.normalizer.retry, now, onFatal: reportFatal,
      });
    }
    const deps = { publisher, rawTopic: config.kafka.topics.raw, emergencyTopic: config.kafka.topics.emergency, blobStore: folderBlobStore(join(resolve(config.dataDir), 'blobs')), logger, now };
    if (config.connectors.webform.enabled) connectors.push(connectorRegistry.webform.create(config.connectors.webform, deps));
    for (const c of connectors) await c.start();
    // Last: it only reads what intake writes, and it is not part of intake.
    if (config.reports.enabled) {
      reports = createReportsServer(config.reports, { sink, logger, now });
      await reports.start();
    }
  } catch (error) {
    await stop().catch(() => undefined);
    throw error;
  }
  return { brokers, sink, connectors, reports, fatal, stop };
}
