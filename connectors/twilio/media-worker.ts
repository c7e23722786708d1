/**
 * The media workers: a job worker (runtime/kafka/job-worker.ts) on the media topic, in a consumer
 * group of its own, so that a slow media host never delays Twilio's answer, voicemail or the
 * normalizer. Each job fetches an MMS's media with the account's credentials and publishes its
 * raw item (process-media-job.ts). Stopping aborts the fetches and the waits between attempts, so
 * the job in hand is left uncommitted for the next owner of its partition. The daemon starts them
 * beside the transcription workers and stops them before the bus closes.
 */
import type { GroupEvents } from '../../runtime/kafka/group-events.js';
import type { BlobStore } from '../../runtime/blob-store.js';
import { startJobWorker } from '../../runtime/kafka/job-worker.js';
import type { Bus, Publisher } from '../../runtime/kafka/types.js';
import type { Logger } from '../../runtime/logger.js';
import type { CaptureMetrics } from '../../runtime/metrics-ports.js';
import type { Readiness } from '../../runtime/readiness.js';
import { processMediaJob, type MediaJobContext } from './process-media-job.js';
import type { TwilioSettings } from './settings.js';

export type MediaSettings = TwilioSettings['media'];

export interface MediaWorkerDeps extends GroupEvents {
  bus: Bus;
  topics: { readonly media: string; readonly raw: string; readonly emergency: string; readonly deadLetter: string };
  /** Where the media are stored: the store the normalizer and the sink read. */
  blobStore: BlobStore;
  logger: Logger;
  now: () => Date;
  readiness: Readiness;
  /** The account whose media are fetched (basic authentication). */
  account: { readonly accountSid: string; readonly authToken: string };
  /** Publishes the raw items; a producer of the bus's own by default. */
  publisher?: Publisher;
  /** Items published, dead letters and the time per job. */
  metrics?: CaptureMetrics;
}

export interface MediaWorkerHandle { stop(): Promise<void> }

/**
 * Subscribes and resolves at once; joining the group goes on in the background.
 * @throws IntakeError INTAKE_KAFKA_UNAVAILABLE when subscribing fails
 */
export async function startMediaWorkers(config: MediaSettings, deps: MediaWorkerDeps): Promise<MediaWorkerHandle> {
  const log = deps.logger.child({ component: 'twilio-media', channel: 'sms' });
  const stopping = new AbortController();
  const backoff = { initialMs: config.retry.initialMs, maxMs: config.retry.maxMs, signal: stopping.signal };
  const context: MediaJobContext = {
    publishing: {
      publisher: deps.publisher ?? deps.bus.publisher(), rawTopic: deps.topics.raw, emergencyTopic: deps.topics.emergency, deadLetterTopic: deps.topics.deadLetter,
      blobStore: deps.blobStore, logger: deps.logger, now: deps.now, readiness: deps.readiness, metrics: deps.metrics,
    },
    fetching: { timeoutMs: config.timeoutMs, maxBytes: config.maxBytes, origins: config.origins },
    fetchRetry: { ...backoff, attempts: config.attempts },
    publishRetry: { ...backoff, attempts: config.retry.attempts },
    credentials: { user: deps.account.accountSid, password: deps.account.authToken },
    log,
  };
  const subscription = await startJobWorker({
    bus: deps.bus, topic: deps.topics.media, groupId: config.consumerGroup, sessionTimeoutMs: config.sessionTimeoutMs, log,
    handle: (message) => processMediaJob(context, message),
    onFatal: (error) => { deps.readiness.set('media', 'failed'); deps.onFatal?.(error); },
    onJoin: () => { deps.readiness.set('media', 'ready'); deps.onJoin?.(); },
    onRejoining: () => { deps.readiness.set('media', 'starting'); deps.onRejoining?.(); },
  });
  log.info({ groupId: config.consumerGroup, topic: deps.topics.media }, 'joining the group');
  return {
    async stop() {
      stopping.abort();
      await subscription.stop();
    },
  };
}
