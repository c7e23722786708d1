import fs from 'node:fs';

/**
 * True while `pid` is a live process. A zombie counts as dead: a broker that exited while its
 * parent had not yet reaped it still answers `kill(pid, 0)`.
 */
export function isAlive(pid: number): boolean {
  try {
    process.kill(pid, 0);
  } catch (e) {
    // EPERM: the process exists but belongs to someone else.
    return (e as NodeJS.ErrnoException | null)?.code === 'EPERM';
  }
  try {
    // "pid (comm) S ...": the state letter follows the last ')'.
    const stat = fs.readFileSync(`/proc/${pid}/stat`, 'utf8');
    const state = stat.slice(stat.lastIndexOf(')') + 2, stat.lastIndexOf(')') + 3);
    if (state === 'Z' || state === 'X') return false;
  } catch {
    /* no procfs (macOS): trust kill(0) */
  }
  return true;
}
