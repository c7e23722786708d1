/**
 * A fixed pool of tesseract.js workers (one worker thread each). Our own rather than
 * tesseract.js's scheduler, because a page that runs over its time must be stopped: tesseract.js
 * cannot cancel a recognition, so the worker is terminated and a fresh one takes its slot.
 */
import type Tesseract from 'tesseract.js';
import { IntakeError } from '../../runtime/errors.js';
import { spawnTesseractWorker, threadOf, type WorkerOptions } from './tesseract-worker.js';

export interface PoolOptions extends WorkerOptions {
  size: number;
  /** For tests: starts a worker (default `spawnTesseractWorker`). */
  spawn?: (options: WorkerOptions) => Promise<Tesseract.Worker>;
}

export interface JobOptions {
  deskew: boolean;
  /** From the start of the recognition, not of the wait in the queue. */
  timeoutMs: number;
  signal?: AbortSignal;
}

export type Recognition = { ok: true; text: string; confidence: number } | { ok: false; reason: 'timeout' };

export interface TesseractPool {
  readonly size: number;
  /**
   * Recognises one page image (PNG).
   * @returns the text and tesseract's mean confidence (0..1), or a timeout
   * @throws the signal's reason when aborted; IntakeError INTAKE_INTERNAL when a worker cannot
   *   start or fails, or the pool was terminated
   */
  recognize(png: Buffer, options: JobOptions): Promise<Recognition>;
  /** Rejects queued and running jobs, then ends every worker thread. Idempotent. */
  terminate(): Promise<void>;
}

interface Slot {
  worker: Promise<Tesseract.Worker>;
  busy: boolean;
  /** Ends the job running on the slot's worker, if any. */
  finish?: (ending: Ending) => void;
}
interface Job {
  png: Buffer;
  options: JobOptions;
  resolve: (recognition: Recognition) => void;
  reject: (error: unknown) => void;
}
type Ending = { kind: 'done'; result: Tesseract.RecognizeResult } | { kind: 'failed'; error: unknown } | { kind: 'timeout' } | { kind: 'aborted' } | { kind: 'terminated' };

const noop = (): void => undefined;

/**
 * Starts `size` workers and waits until all are ready.
 * @throws IntakeError INTAKE_INTERNAL when one cannot start (the others are ended)
 */
export async function startTesseractPool(options: PoolOptions): Promise<TesseractPool> {
  const slots: Slot[] = [];
  const queue: Job[] = [];
  const running = new Set<(ending: Ending) => void>();
  /** Workers we terminated on purpose: their threads' exit is expected. */
  const retired = new WeakSet<Tesseract.Worker>();
  const spawn = options.spawn ?? spawnTesseractWorker;
  let terminated = false;

  /**
   * A worker thread can die under us (emscripten's abort ends the thread; an uncaught error in it
   * would otherwise be re-thrown in this thread and end the process). Its page fails at once
   * instead of waiting for the timeout, and the slot gets a fresh worker.
   */
  function watch(slot: Slot, worker: Tesseract.Worker): void {
    const died = (error?: unknown): void => {
      if (retired.has(worker)) return;
      if (slot.finish) {
        slot.finish({ kind: 'failed', error: error ?? new Error('the OCR worker thread exited') });
      } else {
        retired.add(worker);
        if (!terminated) slot.worker = freshWorker(slot);
      }
    };
    const thread = threadOf(worker);
    thread?.on('error', died);
    thread?.once('exit', () => died());
  }

  function freshWorker(slot: Slot): Promise<Tesseract.Worker> {
    const worker = spawn(options).then((started) => {
      watch(slot, started);
      return started;
    });
    // Awaited by the next job on the slot; until then its failure must not be "unhandled".
    worker.catch(noop);
    return worker;
  }

  for (let i = 0; i < options.size; i++) {
    const slot: Slot = { busy: false, worker: Promise.resolve(undefined as never) };
    slot.worker = freshWorker(slot);
    slots.push(slot);
  }
  const started = await Promise.allSettled(slots.map((slot) => slot.worker));
  const failure = started.find((result): result is PromiseRejectedResult => result.status === 'rejected');
  if (failure) {
    terminated = true;
    await Promise.allSettled(slots.map((slot) => slot.worker.then(retire)));
    throw failure.reason;
  }

  function retire(worker: Tesseract.Worker): Promise<unknown> {
    retired.add(worker);
    return worker.terminate().catch(noop);
  }

  function replaceWorker(slot: Slot, worker: Tesseract.Worker): void {
    void retire(worker);
    if (!terminated) slot.worker = freshWorker(slot);
  }

  function settle(job: Job, worker: Tesseract.Worker, slot: Slot, ending: Ending): void {
    switch (ending.kind) {
      case 'done':
        job.resolve({ ok: true, text: ending.result.data.text, confidence: ending.result.data.confidence / 100 });
        return;
      case 'timeout':
        replaceWorker(slot, worker);
        job.resolve({ ok: false, reason: 'timeout' });
        return;
      case 'aborted':
        replaceWorker(slot, worker);
        job.reject(job.options.signal?.reason);
        return;
      case 'failed':
        // The worker's state after a failed recognition is unknown: start afresh.
        replaceWorker(slot, worker);
        job.reject(new IntakeError('INTAKE_INTERNAL', 'An OCR worker failed on a page', { cause: ending.error }));
        return;
      case 'terminated':
        job.reject(new IntakeError('INTAKE_INTERNAL', 'The OCR engine was terminated during a reading'));
    }
  }

  async function run(slot: Slot, job: Job): Promise<void> {
    slot.busy = true;
    let worker: Tesseract.Worker;
    try {
      worker = await slot.worker;
    } catch (error) {
      if (!terminated) slot.worker = freshWorker(slot);
      job.reject(error);
      return;
    }
    const { signal } = job.options;
    if (terminated || signal?.aborted) {
      job.reject(terminated ? new IntakeError('INTAKE_INTERNAL', 'The OCR engine was terminated during a reading') : signal?.reason);
      return;
    }
    const ending = await new Promise<Ending>((resolve) => {
      const finish = (value: Ending): void => {
        if (!running.delete(finish)) return;
        slot.finish = undefined;
        clearTimeout(timer);
        signal?.removeEventListener('abort', onAbort);
        resolve(value);
      };
      const onAbort = (): void => finish({ kind: 'aborted' });
      const timer = setTimeout(() => finish({ kind: 'timeout' }), job.options.timeoutMs);
      running.add(finish);
      slot.finish = finish;
      signal?.addEventListener('abort', onAbort, { once: true });
      worker.recognize(job.png, { rotateAuto: job.options.deskew }).then(
        (result) => finish({ kind: 'done', result }),
        (error: unknown) => finish({ kind: 'failed', error }),
      );
    });
    settle(job, worker, slot, ending);
  }

  function dispatch(): void {
    for (const slot of slots) {
      if (slot.busy) continue;
      const job = queue.shift();
      if (!job) return;
      void run(slot, job).finally(() => {
        slot.busy = false;
        dispatch();
      });
    }
  }

  return {
    size: options.size,
    recognize(png, jobOptions) {
      if (terminated) return Promise.reject(new IntakeError('INTAKE_INTERNAL', 'The OCR engine was terminated'));
      if (jobOptions.signal?.aborted) return Promise.reject(jobOptions.signal.reason);
      return new Promise<Recognition>((resolve, reject) => {
        const job: Job = { png, options: jobOptions, resolve, reject };
        const { signal } = jobOptions;
        // A job still waiting in the queue leaves it when its reading is aborted.
        const onAbort = (): void => {
          const at = queue.indexOf(job);
          if (at >= 0) {
            queue.splice(at, 1);
            reject(signal?.reason);
          }
        };
        signal?.addEventListener('abort', onAbort, { once: true });
        job.resolve = (value) => { signal?.removeEventListener('abort', onAbort); resolve(value); };
        job.reject = (error) => { signal?.removeEventListener('abort', onAbort); reject(error); };
        queue.push(job);
        dispatch();
      });
    },
    async terminate() {
      if (terminated) return;
      terminated = true;
      for (const job of queue.splice(0)) job.reject(new IntakeError('INTAKE_INTERNAL', 'The OCR engine was terminated during a reading'));
      for (const finish of [...running]) finish({ kind: 'terminated' });
      await Promise.allSettled(slots.map((slot) => slot.worker.then(retire)));
    },
  };
}
