/** What every bench script's command line shares: number flags, usage errors, the exit code. */
import { createServer } from 'node:net';

/** A bad flag: the script prints it with its usage and exits 2. */
export class UsageError extends Error {}

/** The number a flag was given, within [min, max]. @throws UsageError */
export function numberFlag(flag: string, value: string | undefined, min: number, max: number): number {
  const n = Number(value);
  if (value === undefined || !Number.isFinite(n) || n < min || n > max) throw new UsageError(`${flag} needs a number from ${min} to ${max}`);
  return n;
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

/**
 * Runs a script's main and exits with its code: 2 with the usage for a bad flag, 2 with the
 * error when the run could not finish.
 */
export function runMain(o: { name: string; tag: string; usage: string; main: () => Promise<number>; describe?: (error: Error) => string }): void {
  o.main().then(
    (code) => process.exit(code),
    (error: unknown) => {
      if (error instanceof UsageError) {
        process.stderr.write(`${o.name}: ${error.message}\n${o.usage}\n`);
        process.exit(2);
      }
      const text = error instanceof Error ? (o.describe?.(error) ?? error.stack ?? error.message) : String(error);
      process.stderr.write(`[${o.tag}] could not finish: ${text}\n`);
      process.exit(2);
    },
  );
}
