/**
 * The Kafka side of transcription: a consumer group of its own on the transcription topic, so a
 * pile of voicemail never delays the normalizer, and transcription scales by running more workers
 * (more partitions, more processes). Each fetched batch is handled in offset order, one job at a
 * time, and its offsets are committed only once every raw item of it was acknowledged. A job can
 * wait on the transcriber for minutes, so the worker keeps heartbeating while it does.
 */
import type { ConnectorDeps } from '../connectors/types.js';
import type { BatchControl, Bus, Subscription } from '../runtime/kafka/types.js';
import type { Logger } from '../runtime/logger.js';
import type { RetryOptions } from '../runtime/retry.js';
import type { HearDeps } from './hear.js';
import { processJob, type JobContext } from './process-job.js';
import { loggedGroupEvents } from '../runtime/kafka/group-events.js';

export interface WorkerOptions {
  bus: Bus;
  /** The transcription topic. */
  topic: string;
  groupId: string;
  sessionTimeoutMs: number;
  publishing: ConnectorDeps;
  hearing: Omit<HearDeps, 'onAudioProblem' | 'retrying'> & { retrying: Omit<RetryOptions, 'signal'> };
  publishRetry: Omit<RetryOptions, 'signal'>;
  logger: Logger;
  /** The consumer crashed beyond kafkajs's own restarts: the process should end and be restarted. */
  onFatal?: (error: Error) => void;
  onJoin?: () => void;
  onRejoining?: () => void;
}

export interface TranscriptionHandle { stop(): Promise<void> }

/** Runs `work`, telling the coordinator every `everyMs` that the worker is alive. */
async function keepingAlive<T>(control: BatchControl, everyMs: number, work: () => Promise<T>): Promise<T> {
  // A failed heartbeat (a rebalance) shows again at commit, which then fails and the job is redelivered.
  const timer = setInterval(() => { control.heartbeat().catch(() => undefined); }, everyMs);
  try {
    return await work();
  } finally {
    clearInterval(timer);
  }
}

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
  const heartbeatMs = Math.max(500, Math.min(3000, Math.floor(o.sessionTimeoutMs / 3)));
  const subscription: Subscription = await o.bus.subscribe({
    groupId: o.groupId,
    sessionTimeoutMs: o.sessionTimeoutMs,
    topics: [o.topic],
    async handleBatch(messages, control) {
      for (const message of messages) {
        await control.heartbeat();
        await keepingAlive(control, heartbeatMs, () => processJob(context, message));
      }
    },
    ...loggedGroupEvents(log, o.groupId, o),
  });
  log.info({ groupId: o.groupId, topic: o.topic, transcriber: o.hearing.transcriber?.name ?? 'none' }, 'joining the group');
  return {
    async stop() {
      stopping.abort();
      await subscription.stop();
    },
  };
}
