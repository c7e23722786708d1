import fs from 'node:fs';
import { setTimeout as sleep } from 'node:timers/promises';
import { IntakeError } from '../../runtime/errors.js';
import { isAlive } from './process-alive.js';

/**
 * Runs `fn` holding `lockFile`, so two starts on one dir (the daemon and `intake kafka start`,
 * say) cannot both spawn a broker. The file is created exclusively and holds the owner's pid; a
 * lock whose owner died is taken over.
 * @param timeoutMs how long to wait for another start to finish; it may be downloading jars
 * @throws IntakeError INTAKE_INFRA_FAILED when another live process still holds the lock after `timeoutMs`
 */
export async function withStartLock<T>(lockFile: string, timeoutMs: number, fn: () => Promise<T>): Promise<T> {
  const deadline = Date.now() + timeoutMs;
  for (;;) {
    try {
      const fd = fs.openSync(lockFile, 'wx');
      fs.writeSync(fd, String(process.pid));
      fs.closeSync(fd);
      break;
    } catch (e) {
      if ((e as NodeJS.ErrnoException | null)?.code !== 'EEXIST') throw e;
      let holder = NaN;
      try {
        holder = Number.parseInt(fs.readFileSync(lockFile, 'utf8'), 10);
      } catch {
        /* vanished or empty: retry */
      }
      if (Number.isInteger(holder) && holder !== process.pid && !isAlive(holder)) {
        fs.rmSync(lockFile, { force: true }); // stale lock
        continue;
      }
      if (Date.now() > deadline) throw new IntakeError('INTAKE_INFRA_FAILED', `kafka launcher: ${lockFile} is held by pid ${holder}; another start is in progress`);
      await sleep(200);
    }
  }
  try {
    return await fn();
  } finally {
    fs.rmSync(lockFile, { force: true });
  }
}
