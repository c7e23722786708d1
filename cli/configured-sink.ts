/**
 * Opens the CRM database a configuration names, exactly as `startDaemon` does, for the commands
 * that read or change it beside the daemon (`intake report`, `intake archive`).
 */
import { existsSync } from 'node:fs';
import { join } from 'node:path';
import type { Config } from '../runtime/config.js';
import { IntakeError } from '../runtime/errors.js';
import { openSink, type Sink } from '../sink/index.js';
import { sinkOptionsOf } from './sink-options.js';

/**
 * @param whenHeld the message for an embedded data dir that another process (most likely the
 *   daemon) holds: what the person can do instead
 * @throws IntakeError INTAKE_INFRA_FAILED when another process holds the embedded data dir;
 *   INTAKE_DB_UNAVAILABLE (not retriable) when there is no embedded database yet
 */
export async function openConfiguredSink(config: Config, whenHeld: (dir: string, pid: unknown) => string): Promise<Sink> {
  const options = sinkOptionsOf(config);
  if (options.embeddedDir === null) return openSink(options);
  const dir = options.embeddedDir;
  // Opening a missing dir would run initdb (seconds, ~750 MB) only to find nothing, and would
  // hide a wrong dataDir: say so instead.
  if (!existsSync(join(dir, 'PG_VERSION'))) {
    throw new IntakeError('INTAKE_DB_UNAVAILABLE', `there is no embedded database in ${dir}: start the daemon with this configuration first, or set DATABASE_URL`, { retriable: false, details: { dir } });
  }
  try {
    return await openSink(options);
  } catch (error) {
    // The lock error names the holder's pid; other start failures do not.
    if (error instanceof IntakeError && error.code === 'INTAKE_INFRA_FAILED' && error.details.pid !== undefined) {
      throw new IntakeError('INTAKE_INFRA_FAILED', whenHeld(dir, error.details.pid), { cause: error, details: error.details });
    }
    throw error;
  }
}
