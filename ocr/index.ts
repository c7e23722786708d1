/**
 * OCR, the enrich stage of faxes and letters (PIPELINE.md): capture publishes each document as a
 * job to the OCR topic; these workers read it, screen the text for a gas emergency (the alert
 * first) and publish the raw item. A job worker (runtime/kafka/job-worker.ts) in a consumer group
 * of its own, so a pile of faxes never delays a voicemail or an e-mail; it scales by running more
 * processes with the OCR role and more partitions. The engine's tesseract workers are started at
 * the first document and terminated on stop.
 */
import type { BlobStore } from '../runtime/blob-store.js';
import { startJobWorker } from '../runtime/kafka/job-worker.js';
import type { Bus, Publisher } from '../runtime/kafka/types.js';
import type { Logger } from '../runtime/logger.js';
import type { CaptureMetrics } from '../runtime/metrics-ports.js';
import type { Readiness } from '../runtime/readiness.js';
import { createOcrEngine, type OcrEngine } from './engine/index.js';
import { lazyEngine } from './lazy-engine.js';
import { processOcrJob, type OcrJobContext } from './process-job.js';
import { engineSettings, type OcrSettings } from './settings.js';

export interface OcrDeps {
  bus: Bus;
  topics: { readonly ocr: string; readonly raw: string; readonly emergency: string; readonly deadLetter: string };
  /** Where capture stored the originals: the same store. */
  blobStore: BlobStore;
  logger: Logger;
  now: () => Date;
  readiness: Readiness;
  /** Publishes the raw items; a producer of the bus's own by default. */
  publisher?: Publisher;
  /** The engine to read with; by default one of the configured size, started at the first document and terminated on stop. */
  engine?: OcrEngine;
  /** Items published, alerts, dead letters and the time per document. */
  metrics?: CaptureMetrics;
  onFatal?: (error: Error) => void;
}

export interface OcrHandle { stop(): Promise<void> }

/** @throws IntakeError INTAKE_KAFKA_UNAVAILABLE when subscribing fails */
export async function startOcr(config: OcrSettings, deps: OcrDeps): Promise<OcrHandle> {
  const log = deps.logger.child({ component: 'ocr' });
  const engine = deps.engine ?? lazyEngine(() => createOcrEngine(engineSettings(config)));
  const stopping = new AbortController();
  const context: OcrJobContext = {
    publishing: {
      publisher: deps.publisher ?? deps.bus.publisher(), rawTopic: deps.topics.raw, emergencyTopic: deps.topics.emergency, deadLetterTopic: deps.topics.deadLetter,
      blobStore: deps.blobStore, logger: deps.logger, now: deps.now, readiness: deps.readiness, metrics: deps.metrics,
    },
    engine,
    publishRetry: { ...config.retry, signal: stopping.signal },
    log,
  };
  let subscription;
  try {
    subscription = await startJobWorker({
      bus: deps.bus, topic: deps.topics.ocr, groupId: config.consumerGroup, sessionTimeoutMs: config.sessionTimeoutMs, log,
      handle: (message) => processOcrJob(context, message),
      onFatal: (error) => { deps.readiness.set('ocr', 'failed'); deps.onFatal?.(error); },
      onJoin: () => deps.readiness.set('ocr', 'ready'),
      onRejoining: () => deps.readiness.set('ocr', 'starting'),
    });
  } catch (error) {
    await engine.terminate();
    throw error;
  }
  log.info({ groupId: config.consumerGroup, topic: deps.topics.ocr, workers: config.workers, languages: config.languages }, 'joining the group');
  return {
    async stop() {
      stopping.abort();
      await subscription.stop();
      await engine.terminate();
    },
  };
}
