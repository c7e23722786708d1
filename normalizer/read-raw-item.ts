/** Reads a raw item off a Kafka message, or says precisely (by path, never by value) why not. */
import type { RawItem } from '../schemas/types.generated.js';
import { IntakeError } from '../runtime/errors.js';
import { fieldErrors, validateRawItem } from '../runtime/schemas.js';

/** @throws IntakeError INTAKE_MESSAGE_INVALID */
export function readRawItem(value: Buffer | null): RawItem {
  let parsed: unknown;
  try {
    parsed = JSON.parse(value?.toString('utf8') ?? '');
  } catch (cause) {
    throw new IntakeError('INTAKE_MESSAGE_INVALID', 'raw message is not JSON', { cause });
  }
  if (!validateRawItem(parsed)) {
    const problems = fieldErrors(validateRawItem.errors).map((e) => `${e.path} ${e.message}`);
    throw new IntakeError('INTAKE_MESSAGE_INVALID', `raw message does not match raw-item.schema.json: ${problems.slice(0, 5).join('; ')}`, { details: { problems } });
  }
  return parsed;
}
