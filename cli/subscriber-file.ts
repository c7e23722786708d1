/**
 * A subscriber registry extract as a JSON file: an array of entries of subscriber.schema.json.
 * `intake subscribers import` loads it into the database; `intake check --registry` looks up in it
 * directly, with no database.
 */
import { readFile } from 'node:fs/promises';
import type { Subscriber } from '../schemas/types.generated.js';
import type { Lookups } from '../normalizer/decide-item.js';
import { IntakeError } from '../runtime/errors.js';
import { fieldErrors, validateSubscriber } from '../runtime/schemas.js';

/**
 * Reads and checks every entry; problems are reported by index and path, never by value.
 * @throws IntakeError INTAKE_INPUT_UNREADABLE
 */
export async function readSubscriberFile(path: string): Promise<Subscriber[]> {
  let parsed: unknown;
  try {
    parsed = JSON.parse(await readFile(path, 'utf8'));
  } catch (cause) {
    throw new IntakeError('INTAKE_INPUT_UNREADABLE', `cannot read subscriber file ${path} as JSON`, { cause });
  }
  if (!Array.isArray(parsed)) throw new IntakeError('INTAKE_INPUT_UNREADABLE', `subscriber file ${path} must hold a JSON array`);
  const problems: string[] = [];
  parsed.forEach((entry: unknown, index) => {
    if (!validateSubscriber(entry)) problems.push(...fieldErrors(validateSubscriber.errors).map((e) => `[${index}].${e.path}: ${e.message}`));
  });
  if (problems.length > 0) {
    throw new IntakeError('INTAKE_INPUT_UNREADABLE', `subscriber file ${path} has invalid entries:\n  ${problems.slice(0, 20).join('\n  ')}`, { details: { problems } });
  }
  return parsed as Subscriber[];
}

/** Lookups over an in-memory extract: the registry only; no records to link duplicates to. */
export function fileLookups(subscribers: readonly Subscriber[]): Lookups {
  const byAccount = new Map(subscribers.map((s) => [s.contractAccountNumber, s]));
  return {
    findSubscriber: async (account) => byAccount.get(account) ?? null,
    recentApplications: async () => [],
  };
}
