import { spawn } from 'node:child_process';
import fs from 'node:fs';

/** How a command run by {@link runLogged} ended. */
export interface RunResult {
  code: number | null;
  signal: NodeJS.Signals | null;
  /** It was killed with SIGKILL for running past its timeout. */
  timedOut: boolean;
}

/**
 * Runs a one-off command (Maven, StorageTool) to completion with its output appended to a log,
 * headed by the command line, so a failure can be diagnosed from the file alone.
 * @param timeoutMs after this the command is killed with SIGKILL
 * @throws the spawn error, e.g. ENOENT when the command is not installed
 */
export async function runLogged(cmd: string, args: string[], logFile: string, timeoutMs: number, cwd: string): Promise<RunResult> {
  const fd = fs.openSync(logFile, 'a');
  try {
    fs.writeSync(fd, `$ ${cmd} ${args.join(' ')}\n`);
    const child = spawn(cmd, args, { stdio: ['ignore', fd, fd], cwd });
    return await new Promise<RunResult>((resolve, reject) => {
      let timedOut = false;
      const timer = setTimeout(() => {
        timedOut = true;
        child.kill('SIGKILL');
      }, timeoutMs);
      child.once('error', (e) => {
        clearTimeout(timer);
        reject(e);
      });
      child.once('exit', (code, signal) => {
        clearTimeout(timer);
        resolve({ code, signal, timedOut });
      });
    });
  } finally {
    fs.closeSync(fd);
  }
}
