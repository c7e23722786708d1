/**
 * Opens the CRM database a configuration names, exactly as `startDaemon` does, for the commands
 * that read or change it beside the daemon (`intake report`, `intake archive`, `intake dlq`).
 */
import { existsSync } from 'node:fs';
import { join } from 'node:path';
import type { Config } from '../runtime/config.js';
import { IntakeError } from '../runtime/errors.js';
import { openSink, openSinkReader, type Sink, type SinkOptions, type SinkReader } from '../sink/index.js';
import { readerOptionsOf, sinkOptionsOf } from './sink-options.js';

/**
 * @param whenHeld the message for an embedded data dir that another process (most likely the
 *   daemon) holds: what the person can do instead
 * @throws IntakeError INTAKE_INFRA_FAILED when another process holds the embedded data dir;
 *   INTAKE_DB_UNAVAILABLE (not retriable) when there is no embedded database yet
 */
export async function openConfiguredSink(config: Config, whenHeld: (dir: string, pid: unknown) => string): Promise<Sink> {
  return openConfigured(config, whenHeld, openSink);
}

/**
 * The reports' database (`reports.databaseUrl`, else the daemon's) opened for reading, as
 * `intake report` does: nothing is migrated, every transaction is read-only.
 * @throws IntakeError INTAKE_DB_NOT_MIGRATED when the schema is missing or behind; as
 *   {@link openConfiguredSink} otherwise
 */
export async function openConfiguredReader(config: Config, whenHeld: (dir: string, pid: unknown) => string): Promise<SinkReader> {
  return openConfigured(config, whenHeld, openSinkReader, readerOptionsOf(config));
}

/** The same for another store in the CRM database (`open` is `openSink` or one of its siblings). */
export async function openConfigured<T>(config: Config, whenHeld: (dir: string, pid: unknown) => string, open: (options: SinkOptions) => Promise<T>, options: SinkOptions = sinkOptionsOf(config)): Promise<T> {
  if (options.embeddedDir === null) return open(options);
  const dir = options.embeddedDir;
  // Opening a missing dir would run initdb (seconds, ~750 MB) only to find nothing, and would
  // hide a wrong dataDir: say so instead.
  if (!existsSync(join(dir, 'PG_VERSION'))) {
    throw new IntakeError('INTAKE_DB_UNAVAILABLE', `there is no embedded database in ${dir}: start the daemon with this configuration first, or set DATABASE_URL`, { retriable: false, details: { dir } });
  }
  try {
    return await open(options);
  } catch (error) {
    // The lock error names the holder's pid; other start failures do not.
    if (error instanceof IntakeError && error.code === 'INTAKE_INFRA_FAILED' && error.details.pid !== undefined) {
      throw new IntakeError('INTAKE_INFRA_FAILED', whenHeld(dir, error.details.pid), { cause: error, details: error.details });
    }
    throw error;
  }
}
