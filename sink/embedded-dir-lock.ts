import { readFile, rm, writeFile } from 'node:fs/promises';
import { join, resolve } from 'node:path';
import { IntakeError } from '../runtime/errors.js';

// Inside the data dir so it travels with it; PGlite ignores unknown files there.
const LOCK_FILE = 'gas-intake-sink.lock';

// Lock files this process holds. A lock naming our own pid but not listed here was left by an
// earlier life with the same pid: typical in a container, where the daemon is always pid 1.
const heldHere = new Set<string>();

function isAlive(pid: number): boolean {
  try {
    process.kill(pid, 0);
    return true;
  } catch (error) {
    // EPERM: the process exists but belongs to someone else.
    return (error as NodeJS.ErrnoException).code === 'EPERM';
  }
}

function isHeld(path: string, holder: number): boolean {
  if (!Number.isInteger(holder) || holder <= 0) return false;
  return holder === process.pid ? heldHere.has(path) : isAlive(holder);
}

/**
 * Claims a PGlite data dir for this process. PGlite writes postmaster.pid but does not honour
 * it: a second PGlite on the same dir opens happily, and two writers corrupt it.
 * A lock left by a dead process is taken over. Two processes taking over the same stale lock at
 * the same instant can both win; that needs a crash and a simultaneous double start.
 * @returns releases the lock
 * @throws IntakeError INTAKE_INFRA_FAILED when a live process (this one included) holds the dir
 */
export async function lockDataDir(dir: string): Promise<() => Promise<void>> {
  const path = join(resolve(dir), LOCK_FILE);
  for (let attempt = 0; attempt < 2; attempt += 1) {
    try {
      await writeFile(path, String(process.pid), { flag: 'wx' });
      heldHere.add(path);
      return async () => {
        heldHere.delete(path);
        await rm(path, { force: true });
      };
    } catch (error) {
      if ((error as NodeJS.ErrnoException).code !== 'EEXIST') throw error;
    }
    const holder = Number.parseInt(await readFile(path, 'utf8').catch(() => ''), 10);
    if (isHeld(path, holder)) {
      throw new IntakeError('INTAKE_INFRA_FAILED', 'The embedded database directory is in use by another process', { details: { pid: holder, lockFile: path } });
    }
    await rm(path, { force: true });
  }
  throw new IntakeError('INTAKE_INFRA_FAILED', 'The embedded database directory lock could not be taken', { details: { lockFile: path } });
}
