/**
 * The sink: writes normalizer decisions into the CRM database, PostgreSQL or embedded PGlite,
 * with the same schema and migrations on both.
 */
import { createSink } from './crm-sink.js';
import { migrate } from './migrate.js';
import { loadMigrations } from './migration-files.js';
import { openDb } from './open-db.js';
import type { Sink, SinkOptions } from './types.js';

export type { Archive, ArchivedItem, ArchiveEntry, ArchiveList, ArchiveQuery, HistoryEntry, ReExamined } from './types.js';
export { ARCHIVE_LIST_MAX } from './archive.js';
export type { RecordResult, Report, ReportDimension, ReportQuery, ReportRow, Sink, SinkOptions, StoredApplication } from './types.js';
export { reportDimensions, TOTAL_KEY } from './report-query.js';
export { DbError } from './db-errors.js';

/**
 * Connects and brings the schema up to date; safe to call from several processes at once.
 * @throws IntakeError INTAKE_DB_UNAVAILABLE (the server did not answer; retriable),
 *   INTAKE_DB_MIGRATION_FAILED, INTAKE_INFRA_FAILED (PGlite did not start), INTAKE_CONFIG_INVALID
 */
export async function openSink(options: SinkOptions): Promise<Sink> {
  const migrations = await loadMigrations();
  const { db, schema } = await openDb(options);
  try {
    await migrate(db, migrations, schema);
  } catch (error) {
    // The migration error is the one to report; a failing close of a broken connection is not.
    await db.close().catch(() => undefined);
    throw error;
  }
  return createSink(db);
}
