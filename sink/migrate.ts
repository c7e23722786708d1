import { IntakeError } from '../runtime/errors.js';
import { DbError } from './db-errors.js';
import type { Db, Queryable } from './db.js';
import type { Migration } from './migration-files.js';

/**
 * Serialises migration runs of every process on one database: a second process starting at the
 * same time waits, then finds the work done. Transaction-scoped, so a crash cannot leave it held.
 * Keyed per schema, so isolated test schemas migrate in parallel.
 */
async function lockMigrations(tx: Queryable, schema: string | null): Promise<void> {
  await tx.query(`SELECT pg_advisory_xact_lock(hashtext($1))`, [`gas-intake/sink/migrate:${schema ?? ''}`]);
}

async function isApplied(tx: Queryable, name: string): Promise<boolean> {
  const rows = await tx.query<{ name: string }>(`SELECT name FROM schema_migrations WHERE name = $1`, [name]);
  return rows.length > 0;
}

/**
 * Brings the database up to date: each pending migration runs in its own transaction with its
 * `schema_migrations` row, so a failure leaves the database as it was before that migration.
 * Safe to call on every start and from several processes at once.
 * @param schema when set, created if missing (the connection's search_path already names it)
 * @returns the names of the migrations this call applied
 * @throws IntakeError INTAKE_DB_MIGRATION_FAILED naming the migration; INTAKE_DB_UNAVAILABLE as is
 */
export async function migrate(db: Db, migrations: readonly Migration[], schema: string | null): Promise<string[]> {
  const applied: string[] = [];
  let current = 'schema_migrations';
  try {
    await db.transaction(async (tx) => {
      await lockMigrations(tx, schema);
      if (schema !== null) await tx.exec(`CREATE SCHEMA IF NOT EXISTS ${schema}`);
      await tx.exec(`CREATE TABLE IF NOT EXISTS schema_migrations (name text PRIMARY KEY, applied_at timestamptz NOT NULL DEFAULT now())`);
    });
    for (const migration of migrations) {
      current = migration.name;
      const ran = await db.transaction(async (tx) => {
        await lockMigrations(tx, schema);
        if (await isApplied(tx, migration.name)) return false;
        await tx.exec(migration.sql);
        await tx.query(`INSERT INTO schema_migrations (name) VALUES ($1)`, [migration.name]);
        return true;
      });
      if (ran) applied.push(migration.name);
    }
    return applied;
  } catch (error) {
    if (error instanceof IntakeError && !(error instanceof DbError)) throw error;
    throw new IntakeError('INTAKE_DB_MIGRATION_FAILED', `Migration ${current} failed`, { cause: error, details: { migration: current } });
  }
}
