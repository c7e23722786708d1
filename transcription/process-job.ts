/**
 * One transcription job, start to end: read it, hear the recording (hear.ts), and publish the raw
 * item with connectors/publish-raw.ts, which screens the text for a gas emergency and publishes the
 * alert first. Resolves only once Kafka acknowledged the raw item, so the runner commits the job's
 * offset after that and never before. A job that cannot be read goes to the dead-letter topic with
 * its bytes. Logs carry the item id, the outcome and its reason, counts and durations: never the
 * caller, the transcript or the audio.
 */
import type { TranscriptionJob } from '../schemas/types.generated.js';
import { publishRawItem } from '../connectors/publish-raw.js';
import { setAsideJob } from '../connectors/set-aside-job.js';
import type { ConnectorDeps } from '../connectors/types.js';
import { IntakeError } from '../runtime/errors.js';
import type { IncomingMessage } from '../runtime/kafka/types.js';
import type { Logger } from '../runtime/logger.js';
import { retry, type RetryOptions } from '../runtime/retry.js';
import { readJob } from '../runtime/kafka/read-job.js';
import { validateRawItem, validateTranscriptionJob } from '../runtime/schemas.js';
import { hear, type HearDeps } from './hear.js';
import { voicemailItem } from './voicemail-item.js';

export interface JobContext {
  /** What publishRawItem needs: the publisher, the raw and emergency topics, the blob store. */
  publishing: ConnectorDeps;
  hearing: Omit<HearDeps, 'onAudioProblem'>;
  /** Backoff for Kafka; `signal` is the worker stopping. */
  publishRetry: RetryOptions;
  log: Logger;
}

/** @throws IntakeError INTAKE_KAFKA_UNAVAILABLE when Kafka would not take the item after the retries, or the worker stopped: the job is then redelivered */
export async function processJob(c: JobContext, message: IncomingMessage): Promise<void> {
  const started = process.hrtime.bigint();
  let job: TranscriptionJob;
  try {
    job = readJob(message, validateTranscriptionJob, 'the transcription job');
  } catch (error) {
    return setAsideJob(c.publishing, c.publishRetry, c.log, message, error, 'transcription');
  }
  const log = c.log.child({ itemId: job.itemId });
  const heard = await hear(job, { ...c.hearing, onAudioProblem: (reason) => log.warn({ reason }, 'recording not readable; sent on unmeasured') });
  const item = voicemailItem(job, heard);
  // A bug here must not publish an item the normalizer would dead-letter without its context.
  if (!validateRawItem(item)) return setAsideJob(c.publishing, c.publishRetry, c.log, message, new IntakeError('INTAKE_INTERNAL', 'the voicemail made an invalid raw item'), 'transcription');
  const published = await retry(() => publishRawItem(c.publishing, item), c.publishRetry);
  const ms = Number(process.hrtime.bigint() - started) / 1e6;
  c.publishing.metrics?.observeStage('transcription', ms / 1000);
  const level = heard.transcription === 'failed' ? 'warn' : 'info';
  log[level]({
    transcription: heard.transcription, reason: heard.reason, transcriber: heard.transcriber, attempts: heard.attempts, emergency: published.emergency,
    ...(heard.code === undefined ? {} : { code: heard.code }),
    ...(heard.sound === undefined ? {} : { durationMs: heard.sound.durationMs, soundMs: heard.sound.soundMs }),
    chars: item.text?.body.length ?? 0, ms,
  }, 'voicemail published');
}
