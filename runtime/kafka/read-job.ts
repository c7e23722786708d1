/** A job as an enrich stage reads it from Kafka: JSON matching its schema, or a typed error. */
import type { ValidateFunction } from 'ajv';
import { IntakeError } from '../errors.js';
import { fieldErrors } from '../schemas.js';
import type { IncomingMessage } from './types.js';

/**
 * `what` names the job in the error (`the transcription job`).
 * @throws IntakeError INTAKE_MESSAGE_INVALID naming the paths at fault, never their values
 */
export function readJob<T>(message: IncomingMessage, validate: ValidateFunction<T>, what: string): T {
  let parsed: unknown;
  try {
    parsed = JSON.parse(message.value?.toString('utf8') ?? '');
  } catch {
    throw new IntakeError('INTAKE_MESSAGE_INVALID', `${what} is not JSON`);
  }
  if (!validate(parsed)) {
    const paths = [...new Set(fieldErrors(validate.errors).map((e) => e.path))].slice(0, 10);
    throw new IntakeError('INTAKE_MESSAGE_INVALID', `${what} does not match its schema at ${paths.join(', ')}`, { details: { paths } });
  }
  return parsed;
}
