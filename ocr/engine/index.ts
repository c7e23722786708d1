/**
 * The OCR engine: a pure library that turns a scanned or born-digital document (PDF, TIFF
 * including multi-page faxes, PNG, JPEG) into text with a confidence. No Kafka, no HTTP, no logs:
 * the caller decides what to do with a reading and logs ids and counts, never the text.
 *
 * Start one engine per process (`createOcrEngine`), read many documents through it, and
 * `terminate()` it on shutdown: its tesseract.js worker threads would otherwise keep the process alive.
 */
import { IntakeError } from '../../runtime/errors.js';
import { prepareLanguageData } from './language-data.js';
import { readDocument } from './read-document.js';
import { checkOcrSettings, type OcrEngineSettings } from './settings.js';
import { startTesseractPool } from './tesseract-pool.js';
import type { OcrEngine } from './types.js';

export { detectFormat } from './detect-format.js';
export { DEFAULT_OCR_SETTINGS, type OcrEngineSettings, type OcrLimits } from './settings.js';
export type { DocumentFormat, DocumentReading, OcrEngine, PageText, ReadOptions, UnreadableReason } from './types.js';

/**
 * Checks the settings, links the language data into one local folder and starts the workers
 * (about half a second each, in parallel). Nothing is downloaded.
 * @throws IntakeError INTAKE_CONFIG_INVALID for bad settings or a language that is not installed;
 *   INTAKE_INTERNAL when a worker cannot start
 */
export async function createOcrEngine(settings: OcrEngineSettings): Promise<OcrEngine> {
  const checked = checkOcrSettings(settings);
  const languageData = await prepareLanguageData(checked.languages);
  let pool;
  try {
    pool = await startTesseractPool({ size: checked.workers, languages: checked.languages, langPath: languageData.langPath });
  } catch (error) {
    await languageData.remove();
    throw error;
  }
  let terminated = false;
  return {
    async read(bytes, options = {}) {
      if (terminated) throw new IntakeError('INTAKE_INTERNAL', 'The OCR engine was terminated');
      return readDocument(bytes, { pool, settings: checked, ...(options.signal ? { signal: options.signal } : {}) });
    },
    async terminate() {
      if (terminated) return;
      terminated = true;
      // Workers first: one restarted after a timeout reads the language folder.
      await pool.terminate();
      await languageData.remove();
    },
  };
}
