import { spawn, type ChildProcess } from 'node:child_process';
import fs from 'node:fs';
import { setTimeout as sleep } from 'node:timers/promises';
import { IntakeError } from '../../runtime/errors.js';
import { isAlive } from '../kafka/process-alive.js';
import type { DovecotPaths } from './paths.js';

const STOP_GRACE_MS = 10_000;
const KILL_WAIT_MS = 5_000;

/** A Dovecot master this process spawned in the foreground (`-F`). */
export interface SpawnedMaster {
  pid: number;
  /** How it ended (`exit code 89`, `signal SIGKILL`) once it has exited, else null. */
  exitReason: () => string | null;
  /** Resolves when it has exited. */
  exited: Promise<void>;
}

// Masters still running, terminated when this process exits without stopping them (a test
// that forgot stop(), mocha's --exit): they would otherwise keep their port and sockets.
const running = new Set<number>();
let exitHookInstalled = false;
function terminateOnExit(): void {
  for (const pid of running) {
    try {
      process.kill(pid, 'SIGTERM');
    } catch {
      /* gone already */
    }
  }
}

/**
 * Spawns `dovecot -F -c <conf>`, in this process's group (a Ctrl-C reaches it too) and unref'd
 * (it does not keep the event loop alive). Its stdout and stderr, where config errors go before
 * `log_path` is open, are appended to the instance's log.
 * @throws IntakeError INTAKE_INFRA_FAILED when it cannot be spawned
 */
export async function spawnMaster(binary: string, p: DovecotPaths): Promise<SpawnedMaster> {
  const out = fs.openSync(p.log, 'a');
  let child: ChildProcess;
  try {
    child = spawn(binary, ['-F', '-c', p.conf], { cwd: p.dir, stdio: ['ignore', out, out] });
  } finally {
    fs.closeSync(out); // the child has its own copy of the descriptor
  }
  const spawnError = await new Promise<Error | null>((resolve) => {
    child.once('error', resolve);
    child.once('spawn', () => resolve(null));
  });
  if (spawnError) throw new IntakeError('INTAKE_INFRA_FAILED', `dovecot launcher: could not start ${binary}: ${spawnError.message}`, { cause: spawnError });
  const pid = child.pid as number;
  let exitReason: string | null = null;
  const exited = new Promise<void>((resolve) => {
    child.once('exit', (code, signal) => {
      exitReason = code === null ? `signal ${signal}` : `exit code ${code}`;
      running.delete(pid);
      resolve();
    });
  });
  running.add(pid);
  if (!exitHookInstalled) {
    process.on('exit', terminateOnExit);
    exitHookInstalled = true;
  }
  child.unref();
  return { pid, exitReason: () => exitReason, exited };
}

/**
 * Stops a master: SIGTERM (it stops its login, auth and imap processes and removes its
 * sockets), SIGKILL if it is still alive after 10 s.
 * @throws IntakeError INTAKE_INFRA_FAILED when it survives SIGKILL
 */
export async function stopMaster(pid: number): Promise<void> {
  signal(pid, 'SIGTERM');
  if (!(await waitForExit(pid, STOP_GRACE_MS))) {
    signal(pid, 'SIGKILL');
    await waitForExit(pid, KILL_WAIT_MS);
  }
  if (isAlive(pid)) throw new IntakeError('INTAKE_INFRA_FAILED', `dovecot launcher: could not stop dovecot pid ${pid}`);
  running.delete(pid);
}

/**
 * The pid in `run/master.pid` if it is alive and is a Dovecot master of this instance's
 * config, else null. Pids are reused, so the command line must name our dovecot.conf.
 */
export function liveMasterOf(p: DovecotPaths): number | null {
  let pid: number;
  try {
    pid = Number.parseInt(fs.readFileSync(p.masterPid, 'utf8').trim(), 10);
  } catch {
    return null;
  }
  if (!Number.isInteger(pid) || pid <= 0 || !isAlive(pid)) return null;
  try {
    const cmdline = fs.readFileSync(`/proc/${pid}/cmdline`, 'utf8').split('\0');
    return cmdline.some((a) => a.endsWith('dovecot')) && cmdline.includes(p.conf) ? pid : null;
  } catch {
    return null;
  }
}

function signal(pid: number, sig: NodeJS.Signals): void {
  try {
    process.kill(pid, sig);
  } catch {
    /* gone already */
  }
}

async function waitForExit(pid: number, ms: number): Promise<boolean> {
  const deadline = Date.now() + ms;
  while (Date.now() < deadline) {
    if (!isAlive(pid)) return true;
    await sleep(50);
  }
  return !isAlive(pid);
}
