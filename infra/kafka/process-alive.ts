import fs from 'node:fs';

/**
 * True while `pid` is a live process. A zombie whose threads have all exited counts as dead: it
 * still answers `kill(pid, 0)` until its parent reaps it, which a container's pid 1 may never do.
 */
export function isAlive(pid: number): boolean {
  try {
    process.kill(pid, 0);
  } catch (e) {
    // EPERM: the process exists but belongs to someone else.
    return (e as NodeJS.ErrnoException | null)?.code === 'EPERM';
  }
  try {
    // "pid (comm) S ...": after the last ')' come the state letter and, 18th, num_threads.
    const stat = fs.readFileSync(`/proc/${pid}/stat`, 'utf8');
    const fields = stat.slice(stat.lastIndexOf(')') + 2).split(' ');
    const state = fields[0];
    // The JVM's main thread turns Z while its other threads are still shutting down; the
    // process only ends (and frees its ports) when the last one has.
    if ((state === 'Z' && Number(fields[17]) <= 1) || state === 'X') return false;
  } catch {
    /* no procfs (macOS): trust kill(0) */
  }
  return true;
}
