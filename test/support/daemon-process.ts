/** Runs `intake daemon` as a real child process, the way an operator does, and talks to it over HTTP. */
import { spawn, type ChildProcess } from 'node:child_process';
import { createWriteStream } from 'node:fs';
import { createServer } from 'node:net';
import { resolve } from 'node:path';
import { repoRoot } from './infra.js';
import { waitFor } from './wait-for.js';

export interface DaemonProcess {
  child: ChildProcess;
  endpoint: string;
  exited: Promise<{ code: number | null; signal: NodeJS.Signals | null }>;
}

/** A free loopback port (taken and released at once). */
export async function freePort(): Promise<number> {
  return new Promise((done, fail) => {
    const server = createServer();
    server.once('error', fail);
    server.listen(0, '127.0.0.1', () => {
      const address = server.address();
      server.close(() => done(typeof address === 'object' && address ? address.port : 0));
    });
  });
}

/** Starts the daemon and resolves once its web form answers /healthz. */
export async function startDaemonProcess(options: { configFile: string; env: Record<string, string>; port: number; logFile: string }): Promise<DaemonProcess> {
  const child = spawn(process.execPath, [resolve(repoRoot, 'bin/intake.js'), 'daemon', '--config', options.configFile], {
    env: { PATH: process.env.PATH ?? '', INTAKE_REPORTS_PORT: '0', ...options.env, INTAKE_WEBFORM_PORT: String(options.port) },
    stdio: ['ignore', 'pipe', 'pipe'],
  });
  const log = createWriteStream(options.logFile, { flags: 'a' });
  child.stdout?.pipe(log, { end: false });
  child.stderr?.pipe(log, { end: false });
  const exited = new Promise<{ code: number | null; signal: NodeJS.Signals | null }>((done) => child.once('exit', (code, signal) => done({ code, signal })));
  const endpoint = `http://127.0.0.1:${options.port}`;
  let gone = false;
  void exited.then(() => { gone = true; });
  await waitFor('the daemon to answer /healthz', async () => {
    if (gone) throw new Error(`the daemon exited during start-up; see ${options.logFile}`);
    const response = await fetch(`${endpoint}/healthz`);
    return response.ok ? true : null;
  }, 120_000);
  return { child, endpoint, exited };
}

/** Stops a daemon that is still running with `signal` and waits for it to exit; nothing if it has exited. */
export async function stopDaemonProcess(daemon: DaemonProcess | null, signal: NodeJS.Signals = 'SIGTERM'): Promise<void> {
  if (daemon === null || daemon.child.exitCode !== null) return;
  daemon.child.kill(signal);
  await daemon.exited;
}
