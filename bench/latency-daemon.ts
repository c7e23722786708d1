/**
 * `intake daemon` as a child process of a latency or backlog run, configured the way the SIGKILL
 * soak configures it: the run's own topics, consumer group, PostgreSQL schema (INTAKE_DB_SCHEMA)
 * and data dir, the run's brokers, no reports API. Its log goes straight into a file, so nothing of
 * it waits on the bench process.
 */
import { spawn, type ChildProcess } from 'node:child_process';
import { closeSync, openSync, readFileSync, writeFileSync } from 'node:fs';
import { join, resolve } from 'node:path';
import { setTimeout as sleep } from 'node:timers/promises';
import { prefixedTopics, type TopicNames } from '../runtime/kafka/topics.js';
import { repoRoot } from './infra.js';

export interface Exit { code: number | null; signal: NodeJS.Signals | null }

export interface ChildRun {
  child: ChildProcess;
  pid: number;
  /** performance.now() right after the spawn call. */
  spawnedAt: number;
  /** Set once the process has exited. */
  exit: () => Exit | null;
  exited: Promise<Exit>;
  /** SIGTERM, then SIGKILL after `graceMs`; resolves with how it ended and whether SIGKILL was needed. */
  stop: (graceMs: number) => Promise<{ exit: Exit; killed: boolean; seconds: number }>;
}

/** The run's topics, named after it. */
export function runTopics(id: string): TopicNames {
  return prefixedTopics(id);
}

export interface DaemonSetup {
  id: string;
  work: string;
  brokers: string[];
  databaseUrl: string;
  partitions: number;
  /** The web form's port, or null to run the normalizer alone. */
  webformPort: number | null;
  /** name=key for INTAKE_STAFF_API_KEYS (staff-entered forms). */
  staffApiKeys?: string;
}

/** Writes the config file into `work` and returns how to spawn the daemon with it. */
export function daemonSetup(s: DaemonSetup): { configFile: string; logFile: string; env: Record<string, string> } {
  const configFile = join(s.work, 'intake.json');
  writeFileSync(configFile, JSON.stringify({
    dataDir: join(s.work, 'data'),
    kafka: { clientId: s.id, topics: runTopics(s.id), partitions: s.partitions },
    normalizer: { consumerGroup: `${s.id}-normalizer` },
    connectors: { webform: s.webformPort === null ? { enabled: false } : { host: '127.0.0.1', port: s.webformPort } },
    reports: { enabled: false },
  }, null, 2));
  const env: Record<string, string> = { PATH: process.env.PATH ?? '', KAFKA_BROKERS: s.brokers.join(','), DATABASE_URL: s.databaseUrl, INTAKE_DB_SCHEMA: s.id };
  if (s.staffApiKeys) env.INTAKE_STAFF_API_KEYS = s.staffApiKeys;
  return { configFile, logFile: join(s.work, 'daemon.log'), env };
}

/** Every child not yet seen exiting: SIGKILLed if the bench ends without stopping it. */
const live = new Set<ChildProcess>();
process.on('exit', () => { for (const c of live) c.kill('SIGKILL'); });

/** Spawns `node <script> …args` with its output appended to `logFile`. */
export function spawnChild(script: string, args: string[], o: { env: Record<string, string>; logFile: string }): ChildRun {
  const fd = openSync(o.logFile, 'a');
  let child: ChildProcess;
  try {
    child = spawn(process.execPath, [script, ...args], { env: o.env, stdio: ['ignore', fd, fd] });
  } finally {
    closeSync(fd); // the child holds its own copy
  }
  const spawnedAt = performance.now();
  live.add(child);
  let exit: Exit | null = null;
  const exited = new Promise<Exit>((done) => child.once('exit', (code, signal) => { exit = { code, signal }; live.delete(child); done(exit); }));
  const stop = async (graceMs: number): Promise<{ exit: Exit; killed: boolean; seconds: number }> => {
    const t = performance.now();
    if (exit === null) child.kill('SIGTERM');
    const inTime = await Promise.race([exited.then(() => true), sleep(graceMs).then(() => false)]);
    if (!inTime) child.kill('SIGKILL');
    return { exit: await exited, killed: !inTime, seconds: (performance.now() - t) / 1000 };
  };
  return { child, pid: child.pid ?? -1, spawnedAt, exit: () => exit, exited, stop };
}

/** `intake daemon --config <configFile>` from this checkout. */
export function spawnDaemon(o: { configFile: string; logFile: string; env: Record<string, string> }): ChildRun {
  return spawnChild(resolve(repoRoot, 'bin/intake.js'), ['daemon', '--config', o.configFile], o);
}

/** The process's resident set (VmRSS in /proc/<pid>/status), in MB; null once it is gone. */
export function rssMb(pid: number): number | null {
  try {
    const kb = /^VmRSS:\s+(\d+)\s+kB$/m.exec(readFileSync(`/proc/${pid}/status`, 'utf8'))?.[1];
    return kb === undefined ? null : Number(kb) / 1024;
  } catch {
    return null;
  }
}

// USER_HZ: /proc counts CPU time in ticks of 1/100 s on every mainstream Linux architecture.
const TICKS_PER_SECOND = 100;

/** CPU time (user + system) the process has used so far, in s; null once it is gone. */
export function cpuSeconds(pid: number): number | null {
  try {
    // The command name (field 2) may hold spaces; the fields after its closing parenthesis do not.
    const stat = readFileSync(`/proc/${pid}/stat`, 'utf8');
    const fields = stat.slice(stat.lastIndexOf(')') + 2).split(' ');
    // utime and stime are fields 14 and 15 of the line, 12 and 13 after the name.
    return (Number(fields[11]) + Number(fields[12])) / TICKS_PER_SECOND;
  } catch {
    return null;
  }
}
