/**
 * The Kafka side of an enrich stage (transcription, OCR): a consumer group of its own on its job
 * topic, so a pile of one kind of work never delays another, and the stage scales by running more
 * workers (more partitions, more processes). Each fetched batch is handled in offset order, one job
 * at a time, and its offsets are committed only once every job of it was handled (its raw item
 * acknowledged). A job can take minutes (a transcriber, a long fax), so the worker keeps
 * heartbeating while it runs.
 */
import type { Logger } from '../logger.js';
import { loggedGroupEvents, type GroupEvents } from './group-events.js';
import type { BatchControl, Bus, IncomingMessage, Subscription } from './types.js';

export interface JobWorkerOptions extends GroupEvents {
  bus: Bus;
  topic: string;
  groupId: string;
  sessionTimeoutMs: number;
  /** The stage's logger (its component and channel already bound). */
  log: Logger;
  /** Handles one job; resolves once its outcome is safe. Throwing leaves the job for redelivery. */
  handle(message: IncomingMessage): Promise<void>;
}

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
export async function startJobWorker(o: JobWorkerOptions): Promise<Subscription> {
  const heartbeatMs = Math.max(500, Math.min(3000, Math.floor(o.sessionTimeoutMs / 3)));
  return o.bus.subscribe({
    groupId: o.groupId,
    sessionTimeoutMs: o.sessionTimeoutMs,
    topics: [o.topic],
    async handleBatch(messages, control) {
      for (const message of messages) {
        await control.heartbeat();
        await keepingAlive(control, heartbeatMs, () => o.handle(message));
      }
    },
    ...loggedGroupEvents(o.log, o.groupId, o),
  });
}
