/**
 * An enrich stage's job that cannot be handled (not JSON, not its schema, a bug making an invalid
 * item) goes to the dead-letter topic with its bytes, so its partition keeps moving and an operator
 * can look. Logged by position and code only: a job carries personal data.
 */
import { deadLetter } from '../normalizer/dead-letter.js';
import { IntakeError } from '../runtime/errors.js';
import type { IncomingMessage } from '../runtime/kafka/types.js';
import type { Logger } from '../runtime/logger.js';
import type { DeadLetterStage } from '../runtime/metrics-ports.js';
import { retry, type RetryOptions } from '../runtime/retry.js';
import type { ConnectorDeps } from './types.js';

/** @throws IntakeError INTAKE_KAFKA_UNAVAILABLE when Kafka would not take it after the retries: the job is then redelivered */
export async function setAsideJob(publishing: ConnectorDeps, retrying: RetryOptions, log: Logger, message: IncomingMessage, error: unknown, stage: DeadLetterStage): Promise<void> {
  const code = error instanceof IntakeError ? error.code : 'INTAKE_INTERNAL';
  log.error({ code, partition: message.partition, offset: message.offset }, 'job set aside to the dead-letter topic');
  await retry(() => publishing.publisher.publish(publishing.deadLetterTopic, [deadLetter(message, error)]), retrying);
  publishing.metrics?.deadLettered(code, stage);
}
