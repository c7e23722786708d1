/** A transcription job as it arrives from Kafka: JSON matching schemas/transcription-job.schema.json. */
import type { TranscriptionJob } from '../schemas/types.generated.js';
import { IntakeError } from '../runtime/errors.js';
import type { IncomingMessage } from '../runtime/kafka/types.js';
import { fieldErrors, validateTranscriptionJob } from '../runtime/schemas.js';

/** @throws IntakeError INTAKE_MESSAGE_INVALID naming the paths at fault, never their values */
export function readJob(message: IncomingMessage): TranscriptionJob {
  let parsed: unknown;
  try {
    parsed = JSON.parse(message.value?.toString('utf8') ?? '');
  } catch {
    throw new IntakeError('INTAKE_MESSAGE_INVALID', 'the transcription job is not JSON');
  }
  if (!validateTranscriptionJob(parsed)) {
    const paths = [...new Set(fieldErrors(validateTranscriptionJob.errors).map((e) => e.path))].slice(0, 10);
    throw new IntakeError('INTAKE_MESSAGE_INVALID', `the transcription job does not match its schema at ${paths.join(', ')}`, { details: { paths } });
  }
  return parsed;
}
