/**
 * Transcription, the enrich stage of voicemail (PIPELINE.md): the Twilio connector publishes each
 * recording as a job to the transcription topic; these workers make its text, screen it for a gas
 * emergency (the alert first) and publish the raw item. The daemon starts them when
 * `transcription.enabled` and stops them before the bus closes.
 */
import type { BlobStore } from '../runtime/blob-store.js';
import type { Bus, Publisher } from '../runtime/kafka/types.js';
import type { Logger } from '../runtime/logger.js';
import type { CaptureMetrics } from '../runtime/metrics-ports.js';
import type { Readiness } from '../runtime/readiness.js';
import type { TranscriptionSettings } from './settings.js';
import { startTranscriptionWorker, type TranscriptionHandle } from './runner.js';
import { createTranscriber, type TwilioCredentials } from './transcribers/index.js';

export type { TranscriptionHandle } from './runner.js';

export interface TranscriptionDeps {
  bus: Bus;
  topics: { readonly transcription: string; readonly raw: string; readonly emergency: string; readonly deadLetter: string };
  /** Where the connector stored the recordings: the same store. */
  blobStore: BlobStore;
  logger: Logger;
  now: () => Date;
  readiness: Readiness;
  /** Publishes the raw items; a producer of the bus's own by default. */
  publisher?: Publisher;
  /** The Twilio account, for Twilio's transcriber; null when the connector has none. */
  twilio?: TwilioCredentials | null;
  /** Items published, alerts, dead letters and the time per recording. */
  metrics?: CaptureMetrics;
  onFatal?: (error: Error) => void;
}

/**
 * Starts the workers as configured.
 * @throws IntakeError INTAKE_CONFIG_INVALID naming the key; INTAKE_KAFKA_UNAVAILABLE when subscribing fails
 */
export async function startTranscription(config: TranscriptionSettings, deps: TranscriptionDeps): Promise<TranscriptionHandle> {
  const transcriber = createTranscriber(config.transcriber, deps.twilio ?? null);
  const publisher = deps.publisher ?? deps.bus.publisher();
  return startTranscriptionWorker({
    bus: deps.bus,
    topic: deps.topics.transcription,
    groupId: config.consumerGroup,
    sessionTimeoutMs: config.sessionTimeoutMs,
    publishing: {
      publisher, rawTopic: deps.topics.raw, emergencyTopic: deps.topics.emergency, deadLetterTopic: deps.topics.deadLetter,
      blobStore: deps.blobStore, logger: deps.logger, now: deps.now, readiness: deps.readiness, metrics: deps.metrics,
    },
    hearing: {
      blobStore: deps.blobStore,
      transcriber,
      silence: config.silence,
      retrying: { attempts: config.transcriber.attempts, initialMs: config.retry.initialMs, maxMs: config.retry.maxMs },
    },
    publishRetry: config.retry,
    logger: deps.logger,
    onFatal: (error) => { deps.readiness.set('transcription', 'failed'); deps.onFatal?.(error); },
    onJoin: () => deps.readiness.set('transcription', 'ready'),
    onRejoining: () => deps.readiness.set('transcription', 'starting'),
  });
}
