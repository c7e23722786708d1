import { execFile } from 'node:child_process';
import fs from 'node:fs';
import path from 'node:path';
import { promisify } from 'node:util';
import { IntakeError } from '../../runtime/errors.js';

const run = promisify(execFile);

// Debian installs the master in /usr/sbin, which is not on every user's PATH.
const FALLBACKS = ['/usr/sbin/dovecot', '/usr/local/sbin/dovecot'];

/** The Dovecot master binary and the version it reports. */
export interface DovecotBinary {
  path: string;
  /** As `dovecot --version` prints it, e.g. `2.3.19.1 (9b53102964)`. */
  version: string;
}

/**
 * Finds `dovecot` on PATH or in /usr/sbin and runs it once with `--version`, so a missing
 * package fails here with advice instead of as an ENOENT from spawn.
 * @throws IntakeError INTAKE_INFRA_FAILED when Dovecot is not installed or does not run
 */
export async function findDovecot(): Promise<DovecotBinary> {
  const candidates = [...(process.env.PATH ?? '').split(path.delimiter).filter(Boolean).map((d) => path.join(d, 'dovecot')), ...FALLBACKS];
  const found = candidates.find((c) => {
    try {
      fs.accessSync(c, fs.constants.X_OK);
      return true;
    } catch {
      return false;
    }
  });
  if (!found) {
    throw new IntakeError('INTAKE_INFRA_FAILED', `dovecot launcher: dovecot not found on PATH nor in ${FALLBACKS.join(', ')}; run infra/prerequisites.sh as root (installs dovecot-imapd)`);
  }
  try {
    const { stdout } = await run(found, ['--version'], { timeout: 10_000 });
    return { path: found, version: stdout.trim() };
  } catch (e) {
    throw new IntakeError('INTAKE_INFRA_FAILED', `dovecot launcher: ${found} --version failed: ${(e as Error).message}; run infra/prerequisites.sh as root`, { cause: e });
  }
}
