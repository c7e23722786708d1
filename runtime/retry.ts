/**
 * The one retry helper: exponential backoff with full jitter and a give-up. Only retriable errors
 * are retried; a programming or validation error goes straight back to the caller.
 */
import { setTimeout as sleep } from 'node:timers/promises';
import { isRetriable } from './errors.js';

export interface RetryOptions {
  attempts: number;
  initialMs: number;
  maxMs: number;
  /** Stops waiting between attempts (shutdown); the last error is thrown. */
  signal?: AbortSignal;
  onRetry?: (error: unknown, attempt: number, delayMs: number) => void;
  /** For tests: replaces Math.random. */
  random?: () => number;
}

/**
 * Runs `fn` until it succeeds, fails with a non-retriable error, or uses up the attempts.
 * @throws the last error
 */
export async function retry<T>(fn: (attempt: number) => Promise<T>, options: RetryOptions): Promise<T> {
  const random = options.random ?? Math.random;
  for (let attempt = 1; ; attempt++) {
    try {
      return await fn(attempt);
    } catch (error) {
      if (!isRetriable(error) || attempt >= options.attempts || options.signal?.aborted) throw error;
      const ceiling = Math.min(options.maxMs, options.initialMs * 2 ** (attempt - 1));
      const delayMs = Math.round(random() * ceiling);
      options.onRetry?.(error, attempt, delayMs);
      try {
        await sleep(delayMs, undefined, options.signal ? { signal: options.signal } : undefined);
      } catch {
        throw error;
      }
    }
  }
}
