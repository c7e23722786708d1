import { spawn, type ChildProcess } from 'node:child_process';
import fs from 'node:fs';
import { setTimeout as sleep } from 'node:timers/promises';
import { IntakeError } from '../../runtime/errors.js';
import { jvmArgs } from './jvm-args.js';
import type { KafkaPaths } from './paths.js';
import { isAlive } from './process-alive.js';

const STOP_GRACE_MS = 30_000;
const KILL_WAIT_MS = 10_000;

/** A broker JVM this process spawned. */
export interface SpawnedBroker {
  pid: number;
  /** How it ended (`exit code 1`) once it has exited, else null. */
  exitReason: () => string | null;
}

/**
 * True if `pid` is alive and is the broker of this state dir. Pid files outlive reboots and
 * pids are reused, so a live pid alone proves nothing; the command line names `server.properties`.
 * Without procfs (macOS) a live pid is trusted.
 * @param props absolute path of the dir's `server.properties`
 */
export function isOurBroker(pid: number, props: string): boolean {
  if (!isAlive(pid)) return false;
  let cmdline: string;
  try {
    cmdline = fs.readFileSync(`/proc/${pid}/cmdline`, 'utf8').split('\0').join(' ');
  } catch {
    return true;
  }
  return cmdline.includes('kafka.Kafka') && cmdline.includes(props);
}

/**
 * Spawns `java kafka.Kafka server.properties` detached, in its own process group, so the broker
 * outlives the node process that started it (`intake kafka start` returns at once). Its output
 * goes to `server.log`; the previous run's log is kept as `server.log.1` for post-mortems.
 * @throws IntakeError INTAKE_INFRA_FAILED when the JVM cannot be spawned
 */
export async function spawnBroker(p: KafkaPaths, java: string): Promise<SpawnedBroker> {
  try {
    if (fs.statSync(p.serverLog).size > 0) fs.renameSync(p.serverLog, `${p.serverLog}.1`);
  } catch {
    /* no previous log */
  }
  const out = fs.openSync(p.serverLog, 'a');
  let child: ChildProcess;
  try {
    child = spawn(java, [...jvmArgs(p.lib, p.log4j), 'kafka.Kafka', p.props], { cwd: p.dir, detached: true, stdio: ['ignore', out, out] });
  } finally {
    fs.closeSync(out); // the child has its own copy of the descriptor
  }
  const spawnError = await new Promise<Error | null>((resolve) => {
    child.once('error', resolve);
    child.once('spawn', () => resolve(null));
  });
  if (spawnError) throw new IntakeError('INTAKE_INFRA_FAILED', `kafka launcher: could not start ${java}: ${spawnError.message}`, { cause: spawnError });
  let exitReason: string | null = null;
  child.once('exit', (code, signal) => (exitReason = `exit code ${code ?? signal}`));
  child.unref();
  return { pid: child.pid as number, exitReason: () => exitReason };
}

/**
 * Stops a broker: SIGTERM for Kafka's controlled shutdown (its logs are closed cleanly, so
 * the next start skips log recovery), SIGKILL if it is still alive after 30 s.
 * @throws IntakeError INTAKE_INFRA_FAILED when it survives SIGKILL
 */
export async function stopBroker(pid: number, log: (msg: string) => void): Promise<void> {
  log(`kafka: stopping pid ${pid}`);
  try {
    process.kill(pid, 'SIGTERM');
  } catch {
    /* gone already */
  }
  if (!(await waitForExit(pid, STOP_GRACE_MS))) {
    log(`kafka: pid ${pid} still alive after ${STOP_GRACE_MS / 1000} s, sending SIGKILL`);
    await killHard(pid);
  }
  if (isAlive(pid)) throw new IntakeError('INTAKE_INFRA_FAILED', `kafka launcher: could not stop broker pid ${pid}`);
}

/** SIGKILL, then waits up to 10 s for the process to be gone. */
export async function killHard(pid: number): Promise<void> {
  try {
    process.kill(pid, 'SIGKILL');
  } catch {
    /* already gone */
  }
  await waitForExit(pid, KILL_WAIT_MS);
}

async function waitForExit(pid: number, ms: number): Promise<boolean> {
  const deadline = Date.now() + ms;
  while (Date.now() < deadline) {
    if (!isAlive(pid)) return true;
    await sleep(100);
  }
  return !isAlive(pid);
}
