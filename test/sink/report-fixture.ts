/**
 * Test-only writes the sink has no API for yet: resolving a record and linking a duplicate. They
 * go through the sink's own connection, because in-memory PGlite has no second one to open.
 */
import { createSink } from '../../sink/crm-sink.js';
import type { Db } from '../../sink/db.js';
import { migrate } from '../../sink/migrate.js';
import { loadMigrations } from '../../sink/migration-files.js';
import { openDb } from '../../sink/open-db.js';
import type { Sink, SinkOptions } from '../../sink/index.js';

/** Opens a sink as `openSink` does, and hands back its database too. */
export async function openSinkWithDb(options: SinkOptions): Promise<{ sink: Sink; db: Db }> {
  const { db, schema } = await openDb(options);
  await migrate(db, await loadMigrations(), schema);
  return { sink: createSink(db), db };
}

/** Marks the record resolved at `at`, as the responsible unit will once that exists. */
export async function resolveRecord(db: Db, itemId: string, at: string): Promise<void> {
  await db.query(`UPDATE applications SET resolved_at = $2::timestamptz WHERE item_id = $1`, [itemId, at]);
}

/** Links the record to an earlier one as its repeat; a repeat keeps no application number. */
export async function linkDuplicate(db: Db, itemId: string, firstItemId: string): Promise<void> {
  await db.query(`UPDATE applications SET linked_to_item_id = $2, application_number = NULL WHERE item_id = $1`, [itemId, firstItemId]);
}
