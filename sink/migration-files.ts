import { readdir, readFile } from 'node:fs/promises';
import { IntakeError } from '../runtime/errors.js';

/** One schema change, identified by its file name. */
export interface Migration {
  readonly name: string;
  readonly sql: string;
}

// tsc does not copy .sql into dist/, so from dist/sink/*.js we read the source tree's folder.
const MIGRATIONS_DIR = new URL('../../sink/migrations/', import.meta.url);
const FILE_NAME = /^\d{3}_[a-z0-9_-]+\.sql$/;

/**
 * The migrations shipped with the sink, in the order they apply (`001_init.sql`, ...).
 * @throws IntakeError INTAKE_DB_MIGRATION_FAILED when the folder cannot be read
 */
export async function loadMigrations(dir: URL = MIGRATIONS_DIR): Promise<Migration[]> {
  try {
    const names = (await readdir(dir)).filter((name) => FILE_NAME.test(name)).sort();
    return await Promise.all(names.map(async (name) => ({ name, sql: await readFile(new URL(name, dir), 'utf8') })));
  } catch (error) {
    throw new IntakeError('INTAKE_DB_MIGRATION_FAILED', 'The migration files cannot be read', { cause: error });
  }
}
