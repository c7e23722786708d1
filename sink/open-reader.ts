/**
 * The CRM database opened for reading (reports, the dashboard, `intake report`): no migrations,
 * read-only transactions, and a schema that must already be the one the code reads. A reader may
 * run as a PostgreSQL user that can only SELECT, so migrating is not its job, and a reader that
 * migrated would change a production schema from a reporting command.
 */
import { IntakeError } from '../runtime/errors.js';
import { DbError } from './db-errors.js';
import type { Db } from './db.js';
import { loadMigrations, type Migration } from './migration-files.js';
import { openDb } from './open-db.js';
import { queryOverview } from './overview-query.js';
import { queryReport } from './report-query.js';
import type { SinkOptions, SinkReader } from './types.js';

/**
 * Checks that every shipped migration has been applied; a database ahead of this code (a newer
 * daemon migrated it) is fine.
 * @throws IntakeError INTAKE_DB_NOT_MIGRATED naming what is missing and what to do
 */
export async function checkMigrated(db: Db, migrations: readonly Migration[], schema: string | null): Promise<void> {
  const where = schema === null ? 'the CRM database' : `schema ${schema} of the CRM database`;
  let applied: Set<string>;
  try {
    applied = new Set((await db.query<{ name: string }>('SELECT name FROM schema_migrations')).map((row) => row.name));
  } catch (error) {
    // 42P01: no such table (nothing was ever migrated, or the schema does not exist).
    if (error instanceof DbError && error.sqlState === '42P01') {
      throw new IntakeError('INTAKE_DB_NOT_MIGRATED', `${where} has no intake tables: start the daemon once with this database (it migrates); reports never migrate`, { cause: error, details: { pending: migrations.map((m) => m.name) } });
    }
    // 42501: the reader's user may not read the table.
    if (error instanceof DbError && error.sqlState === '42501') {
      throw new IntakeError('INTAKE_DB_NOT_MIGRATED', `the reports database user may not read ${where}: GRANT USAGE ON SCHEMA ${schema ?? 'public'} and SELECT ON ALL TABLES IN SCHEMA ${schema ?? 'public'} to it`, { cause: error, details: { pending: [] } });
    }
    throw error;
  }
  const pending = migrations.map((m) => m.name).filter((name) => !applied.has(name));
  if (pending.length > 0) {
    throw new IntakeError('INTAKE_DB_NOT_MIGRATED', `${where} is behind this version (pending: ${pending.join(', ')}): start the upgraded daemon, which migrates; reports never migrate`, { details: { pending } });
  }
}

/**
 * Connects for reading and checks the schema, without changing anything.
 * @throws IntakeError INTAKE_DB_NOT_MIGRATED; INTAKE_DB_UNAVAILABLE; INTAKE_INFRA_FAILED (PGlite
 *   did not start or its data dir is held); INTAKE_CONFIG_INVALID
 */
export async function openSinkReader(options: SinkOptions): Promise<SinkReader> {
  const migrations = await loadMigrations();
  const { db, schema } = await openDb(options, 'read-only');
  try {
    await checkMigrated(db, migrations, schema);
  } catch (error) {
    await db.close().catch(() => undefined);
    throw error;
  }
  return {
    backend: db.backend,
    report: (query) => queryReport(db, query),
    overview: (query) => queryOverview(db, query),
    async ping() {
      await db.query('SELECT 1');
    },
    close: () => db.close(),
  };
}
