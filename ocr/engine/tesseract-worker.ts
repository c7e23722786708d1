/**
 * Starting one tesseract.js worker, with no network: the core wasm is `require`d from
 * node_modules/tesseract.js-core, and the language data is read from a local `langPath`
 * (tesseract.js fetches only when `langPath` is a URL, and from a CDN when it is unset).
 * `cacheMethod: 'none'` stops it writing `<lang>.traineddata` into the working directory and
 * preferring that copy on the next start.
 */
import { Worker as Thread } from 'node:worker_threads';
import Tesseract from 'tesseract.js';
import { IntakeError } from '../../runtime/errors.js';

export interface WorkerOptions {
  /** Codes joined with `+`: tesseract.js 7 fails on language objects. */
  languages: string;
  /** A local folder with `<code>.traineddata.gz` for every language. */
  langPath: string;
  /** tesseract.js never settles `createWorker` when language data fails to load; we give up here. */
  startTimeoutMs?: number;
}

const DEFAULT_START_TIMEOUT_MS = 30_000;
/** Tesseract's `tprintf` chatter ("Detected 59 diacritics") goes to stdout unless redirected. */
const QUIET_CONFIG = 'debug_file /dev/null';
const noop = (): void => undefined;

/** tesseract.js keeps its worker_threads Worker on a `worker` property its types leave out. */
export function threadOf(worker: Tesseract.Worker): Thread | undefined {
  const thread: unknown = Reflect.get(worker, 'worker');
  return thread instanceof Thread ? thread : undefined;
}

/**
 * Starts one tesseract.js worker for `options.languages` (LSTM engine only).
 * @throws IntakeError INTAKE_INTERNAL when it cannot start, or not within `startTimeoutMs` (the
 *   thread of a worker stuck that way cannot be reached to end it: tesseract.js never returns it)
 */
export async function spawnTesseractWorker(options: WorkerOptions): Promise<Tesseract.Worker> {
  const creating = Tesseract.createWorker(options.languages, Tesseract.OEM.LSTM_ONLY, {
    langPath: options.langPath,
    gzip: true,
    cacheMethod: 'none',
    logger: noop,
    // Without a handler tesseract.js throws a failed job's message from its message listener,
    // an uncaught exception; the job's promise rejects either way.
    errorHandler: noop,
  }, QUIET_CONFIG);
  let timer: NodeJS.Timeout | undefined;
  const gaveUp = new Promise<never>((_, reject) => {
    timer = setTimeout(() => reject(new IntakeError('INTAKE_INTERNAL', 'An OCR worker did not start in time')), options.startTimeoutMs ?? DEFAULT_START_TIMEOUT_MS);
  });
  try {
    const worker = await Promise.race([creating, gaveUp]);
    // The API's default layout (a single block, psm 6) makes rotateAuto lay a page out twice and
    // loses diacritics on faxes; full page layout, as the CLI does: 8% faster, as accurate as it (bench:ocr).
    await worker.setParameters({ tessedit_pageseg_mode: Tesseract.PSM.AUTO });
    return worker;
  } catch (error) {
    // A worker that starts after all would hold its thread open: end it.
    creating.then((late) => late.terminate(), noop).catch(noop);
    throw error instanceof IntakeError ? error : new IntakeError('INTAKE_INTERNAL', 'An OCR worker could not start', { cause: error });
  } finally {
    clearTimeout(timer);
  }
}
