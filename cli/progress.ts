/** Progress of long work on stderr (`replayed 120/500`), at most one line a second, none for short work. */

export interface Progress {
  /** `n` more are done. */
  advance(n: number): void;
  /** The work is over: a last line, if any line was shown. */
  done(): void;
}

/**
 * @param verb what is done to each (`replayed`)
 * @param write gets each line, without a newline
 * @param now the clock (injected for tests), milliseconds
 */
export function progress(verb: string, total: number, write: (line: string) => void, everyMs = 1000, now: () => number = Date.now): Progress {
  let done = 0;
  let shown = false;
  let last = now();
  const line = (): string => `${verb} ${done}/${total}`;
  return {
    advance(n) {
      done += n;
      const t = now();
      if (t - last < everyMs) return;
      last = t;
      shown = true;
      write(line());
    },
    done() {
      if (shown) write(line());
    },
  };
}
