/**
 * The Kafka side of transcription: a job worker (runtime/kafka/job-worker.ts) on the transcription
 * topic, so a pile of voicemail never delays the normalizer. Stopping aborts a transcriber's wait,
 * so the job is left uncommitted for the next owner of its partition.
 */
import type { GroupEvents } from '../runtime/kafka/group-events.js';
import type { ConnectorDeps } from '../connectors/types.js';
import type { Bus } from '../runtime/kafka/types.js';
import { startJobWorker } from '../runtime/kafka/job-worker.js';
import type { Logger } from '../runtime/logger.js';
import type { RetryOptions } from '../runtime/retry.js';
import type { HearDeps } from './hear.js';
import { processJob, type JobContext } from './process-job.js';

export interface WorkerOptions extends GroupEvents {
  bus: Bus;
  /** The transcription topic. */
  topic: string;
  groupId: string;
  sessionTimeoutMs: number;
  publishing: ConnectorDeps;
  hearing: Omit<HearDeps, 'onAudioProblem' | 'retrying'> & { retrying: Omit<RetryOptions, 'signal'> };
  publishRetry: Omit<RetryOptions, 'signal'>;
  logger: Logger;
}

export interface TranscriptionHandle { stop(): Promise<void> }

/** Subscribes and resolves at once; joining the group goes on in the background and ends in `onJoin`. */
export async function startTranscriptionWorker(o: WorkerOptions): Promise<TranscriptionHandle> {
  const log = o.logger.child({ component: 'transcription', channel: 'voicemail' });
  const stopping = new AbortController();
  const context: JobContext = {
    publishing: o.publishing,
    hearing: { ...o.hearing, retrying: { ...o.hearing.retrying, signal: stopping.signal } },
    publishRetry: { ...o.publishRetry, signal: stopping.signal },
    log,
  };
  const subscription = await startJobWorker({
    bus: o.bus, topic: o.topic, groupId: o.groupId, sessionTimeoutMs: o.sessionTimeoutMs, log,
    handle: (message) => processJob(context, message),
    ...(o.onFatal ? { onFatal: o.onFatal } : {}), ...(o.onJoin ? { onJoin: o.onJoin } : {}), ...(o.onRejoining ? { onRejoining: o.onRejoining } : {}),
  });
  log.info({ groupId: o.groupId, topic: o.topic, transcriber: o.hearing.transcriber?.name ?? 'none' }, 'joining the group');
  return {
    async stop() {
      stopping.abort();
      await subscription.stop();
    },
  };
}
