/**
 * One page's time budget. Work that cannot be interrupted (pdf.js in this thread, sharp in libuv's
 * pool) is raced against it; tesseract jobs get the rest of it as their own timeout.
 */
import { Unreadable } from './unreadable.js';

export interface Deadline {
  /** Milliseconds left, at least 1. */
  remainingMs(): number;
  /** Rejects with Unreadable timeout when the budget runs out first; the work's late result is dropped. */
  race<T>(work: Promise<T>): Promise<T>;
  readonly expired: boolean;
}

export function startDeadline(ms: number, pages: number, now: () => number = Date.now): Deadline {
  const end = now() + ms;
  const remainingMs = (): number => Math.max(1, end - now());
  return {
    remainingMs,
    get expired() { return now() >= end; },
    race<T>(work: Promise<T>): Promise<T> {
      let timer: NodeJS.Timeout | undefined;
      const timeout = new Promise<never>((_, reject) => {
        timer = setTimeout(() => reject(new Unreadable('timeout', pages)), remainingMs());
      });
      // The loser's rejection must not surface as an unhandled one.
      work.catch(() => undefined);
      return Promise.race([work, timeout]).finally(() => clearTimeout(timer));
    },
  };
}
