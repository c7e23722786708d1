/**
 * Runs one task per page, a few at a time, and stops at the first failure: one unreadable page
 * makes the document unreadable, so the pages still queued or running are aborted.
 */

/**
 * @param concurrency tasks running at once (the pool size plus one, so a page is prepared while
 *   another is recognised)
 * @param task gets a signal that aborts when the caller's does or another page failed
 * @returns the results in page order
 * @throws the first task's error, or the caller's abort reason
 */
export async function mapPages<T>(count: number, concurrency: number, signal: AbortSignal | undefined, task: (index: number, signal: AbortSignal) => Promise<T>): Promise<T[]> {
  const failed = new AbortController();
  const pageSignal = signal ? AbortSignal.any([signal, failed.signal]) : failed.signal;
  const results = new Array<T>(count);
  let next = 0;
  let firstError: { error: unknown } | undefined;
  const lane = async (): Promise<void> => {
    while (next < count && !pageSignal.aborted) {
      const index = next++;
      try {
        results[index] = await task(index, pageSignal);
      } catch (error) {
        firstError ??= { error };
        failed.abort();
      }
    }
  };
  await Promise.all(Array.from({ length: Math.min(concurrency, count) }, lane));
  // An abort by the caller wins over the errors it caused in the running pages.
  signal?.throwIfAborted();
  if (firstError) throw firstError.error;
  return results;
}
