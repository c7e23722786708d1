/**
 * The sink: writes normalizer decisions into the CRM database, PostgreSQL or embedded PGlite,
 * with the same schema and migrations on both.
 */
import { createSink } from './crm-sink.js';
import type { Db } from './db.js';
import { deadLetterActions, type DeadLetterActions } from './dead-letter-actions.js';
import { migrate } from './migrate.js';
import { loadMigrations } from './migration-files.js';
import { openDb } from './open-db.js';
import type { Sink, SinkOptions } from './types.js';

export type { Archive, ArchivedItem, ArchiveEntry, ArchiveList, ArchiveQuery, HistoryEntry, ReExamined } from './types.js';
export { ARCHIVE_LIST_MAX } from './archive.js';
export type { RecordResult, Report, ReportDimension, ReportQuery, ReportRow, Sink, SinkOptions, SinkReader, StoredApplication } from './types.js';
export type { FlowCount, OpenEmergency, Overview, OverviewQuery } from './types.js';
export { OPEN_EMERGENCIES_MAX } from './overview-query.js';
export { openSinkReader } from './open-reader.js';
export { reportDimensions, TOTAL_KEY } from './report-query.js';
export { DbError } from './db-errors.js';
export type { DeadLetterAction, DeadLetterActionKind, DeadLetterActions, DeadLetterRef } from './dead-letter-actions.js';
export { positionKey } from './dead-letter-actions.js';

/**
 * Connects and brings the schema up to date; safe to call from several processes at once.
 * @throws IntakeError INTAKE_DB_UNAVAILABLE (the server did not answer; retriable),
 *   INTAKE_DB_MIGRATION_FAILED, INTAKE_INFRA_FAILED (PGlite did not start), INTAKE_CONFIG_INVALID
 */
export async function openSink(options: SinkOptions): Promise<Sink> {
  return createSink(await openMigrated(options));
}

/**
 * The record of what operators did with dead letters (`intake dlq`), in the CRM database.
 * @throws IntakeError as {@link openSink}
 */
export async function openDeadLetterActions(options: SinkOptions): Promise<DeadLetterActions> {
  return deadLetterActions(await openMigrated(options));
}

async function openMigrated(options: SinkOptions): Promise<Db> {
  const migrations = await loadMigrations();
  const { db, schema } = await openDb(options);
  try {
    await migrate(db, migrations, schema);
  } catch (error) {
    // The migration error is the one to report; a failing close of a broken connection is not.
    await db.close().catch(() => undefined);
    throw error;
  }
  return db;
}
