/**
 * The OCR engine, started at the first document: a daemon that never sees a fax does not hold
 * tesseract's workers and language data. An engine that cannot start is not the document's fault,
 * so it fails as retriable (the job waits for redelivery) and the next document tries again.
 */
import { IntakeError } from '../runtime/errors.js';
import type { OcrEngine } from './engine/index.js';

export function lazyEngine(make: () => Promise<OcrEngine>): OcrEngine {
  let started: Promise<OcrEngine> | null = null;
  const engine = (): Promise<OcrEngine> => {
    started ??= make().catch((cause: unknown) => {
      started = null;
      throw new IntakeError('INTAKE_OCR_UNAVAILABLE', 'the OCR engine could not start', { retriable: true, cause });
    });
    return started;
  };
  return {
    async read(bytes, options) {
      return (await engine()).read(bytes, options);
    },
    async terminate() {
      const running = started;
      started = null;
      if (running !== null) await (await running.catch(() => null))?.terminate();
    },
  };
}
