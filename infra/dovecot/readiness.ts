import net from 'node:net';
import { setTimeout as sleep } from 'node:timers/promises';
import { HOST } from './ports.js';

/**
 * Connects to loopback `port` and reads the first line. Resolves with it, or null when nothing
 * answers within `timeoutMs` or the connection fails. Closes the connection either way.
 */
export function readGreeting(port: number, timeoutMs: number): Promise<string | null> {
  return new Promise((resolve) => {
    let buf = '';
    const s = net.connect({ host: HOST, port });
    const done = (line: string | null): void => {
      clearTimeout(t);
      s.destroy();
      resolve(line);
    };
    const t = setTimeout(() => done(null), timeoutMs);
    s.setEncoding('latin1');
    s.on('data', (d: string) => {
      buf += d;
      const eol = buf.indexOf('\r\n');
      if (eol >= 0) done(buf.slice(0, eol));
    });
    s.once('error', () => done(null));
    s.once('close', () => done(null));
  });
}

/** True if `port` greets like a ready IMAP server (`* OK`, RFC 9051 7.1.1). */
export async function imapReady(port: number, timeoutMs = 2000): Promise<boolean> {
  return (await readGreeting(port, timeoutMs))?.startsWith('* OK') ?? false;
}

/**
 * Polls until `port` greets with `* OK`.
 * @param exited how the master exited, or null while it runs: stops the wait early
 * @returns null once ready, else why not (exited, or silent past `timeoutMs`)
 */
export async function waitForGreeting(port: number, timeoutMs: number, exited: () => string | null): Promise<string | null> {
  const deadline = Date.now() + timeoutMs;
  for (;;) {
    const reason = exited();
    if (reason) return `exited during startup (${reason})`;
    if (await imapReady(port, 1000)) return null;
    if (Date.now() > deadline) return `did not greet with "* OK" on ${HOST}:${port} within ${timeoutMs / 1000} s`;
    await sleep(50);
  }
}
