/**
 * Follows one process draining the backlog: every second, how many items are done and the
 * process's RSS. Until the first item is done, and once the rest looks like less than 3 s of work
 * (a drain still speeds up as its JIT warms), every 100 ms instead: the start and the finish are
 * then timed to 0.1 s rather than to the second (a fast drain is over in a few seconds), while the
 * counting stays out of the way in between. Ends when all are done, the process exits, or the
 * phase's time is up.
 */
import { setTimeout as sleep } from 'node:timers/promises';
import { cpuSeconds, rssMb, type ChildRun } from './latency-daemon.js';

export interface Sample {
  /** Seconds since the spawn. */
  t: number;
  done: number;
  /** MB; null once the process is gone. */
  rssMb: number | null;
  /** CPU time the process has used, s; null once it is gone. */
  cpuS: number | null;
}

export interface Drain {
  samples: Sample[];
  /** Seconds from the spawn until `done` reached the target; null when it did not. */
  doneS: number | null;
  /** Why it ended without finishing. */
  unfinished: string | null;
}

/**
 * @param count items done so far (rows in the table, messages on the output topic); an error while
 *   the process is still starting (the table not created yet) counts as 0
 */
export async function followDrain(run: ChildRun, target: number, count: () => Promise<number>, o: { timeoutS: number; progress: (s: Sample) => void }): Promise<Drain> {
  const samples: Sample[] = [];
  const until = run.spawnedAt + o.timeoutS * 1000;
  let lastReport = 0;
  for (;;) {
    const at = performance.now();
    const done = await count().catch(() => 0);
    const sample = { t: (at - run.spawnedAt) / 1000, done, rssMb: rssMb(run.pid), cpuS: cpuSeconds(run.pid) };
    samples.push(sample);
    if (done >= target) return { samples, doneS: sample.t, unfinished: null };
    if (run.exit() !== null) return { samples, doneS: null, unfinished: `the process exited on its own (${JSON.stringify(run.exit())})` };
    if (at > until) return { samples, doneS: null, unfinished: `${done}/${target} after the phase's ${o.timeoutS} s` };
    if (sample.t - lastReport >= 10) { lastReport = sample.t; o.progress(sample); }
    // The rate since the first item: rows come in lumps (a batch of ~1,300 may show after a second
    // with none), so a rate over the last second says little about the time left.
    const first = samples.find((x) => x.done > 0);
    const rate = first && sample.t > first.t ? (done - first.done) / (sample.t - first.t) : 0;
    const step = done === 0 || (rate > 0 && (target - done) / rate < 3) ? 100 : 1000;
    // The next whole second (or tenth) since the spawn, so the samples fall on the windows' edges
    // (a timer that fired a hair early still counts as on its mark).
    const next = (Math.floor((at - run.spawnedAt) / step + 0.05) + 1) * step;
    await sleep(Math.max(0, run.spawnedAt + next - performance.now()));
  }
}
