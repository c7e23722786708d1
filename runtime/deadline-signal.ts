/**
 * A signal that aborts after a time, or when an outer one does: what `AbortSignal.any([outer,
 * AbortSignal.timeout(ms)])` would give, kept alive until it fires. Node's timer holds the signal
 * of `AbortSignal.timeout` only weakly, and a composite does not hold its sources: a garbage
 * collection in between can drop it, and a stalled request then never times out
 * (nodejs/node#57736; one stalled speech-to-text call held a transcription job so). Here the timer
 * holds the controller, until it fires or `clear` stops it.
 */

export interface DeadlineSignal {
  readonly signal: AbortSignal;
  /** Stops the timer once the work it bounds is over. */
  clear(): void;
}

/** Aborts with a TimeoutError (as AbortSignal.timeout does) after `ms`, or with `outer`'s reason when it aborts first. */
export function deadlineSignal(ms: number, outer?: AbortSignal): DeadlineSignal {
  const controller = new AbortController();
  const timer = setTimeout(() => controller.abort(new DOMException('The operation was aborted due to timeout', 'TimeoutError')), ms);
  // Like AbortSignal.timeout, it never keeps the process alive on its own.
  timer.unref();
  return { signal: outer === undefined ? controller.signal : AbortSignal.any([outer, controller.signal]), clear: () => clearTimeout(timer) };
}
