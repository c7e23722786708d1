import { IntakeError } from '../runtime/errors.js';
import type { Db } from './db.js';
import { openEmbeddedDb } from './embedded-db.js';
import { openPostgresDb } from './postgres-db.js';
import type { SinkOptions } from './types.js';

// Interpolated into SQL and into the connection's startup options, so only a bare identifier.
const SCHEMA_NAME = /^[a-z_][a-z0-9_]{0,62}$/;

/**
 * Connects the backend the options name: the PostgreSQL server when a URL is set, else PGlite.
 * @param access `read-only` makes every transaction of the connections read-only (readers)
 * @throws IntakeError INTAKE_CONFIG_INVALID for a bad pgSchema; INTAKE_INFRA_FAILED when PGlite cannot start
 */
export async function openDb(options: SinkOptions, access: 'read-write' | 'read-only' = 'read-write'): Promise<{ db: Db; schema: string | null }> {
  const schema = options.pgSchema ?? null;
  if (schema !== null && !SCHEMA_NAME.test(schema)) {
    throw new IntakeError('INTAKE_CONFIG_INVALID', 'pgSchema must be a lower-case SQL identifier', { details: { field: 'pgSchema' } });
  }
  const readOnly = access === 'read-only';
  const db = options.databaseUrl === null
    ? await openEmbeddedDb(options.embeddedDir, schema, readOnly)
    : openPostgresDb(options.databaseUrl, schema, readOnly);
  return { db, schema };
}
