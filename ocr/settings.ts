/** The OCR workers' part of the configuration, defaults applied, and the engine's share of it. */
import type { Config } from '../runtime/config.js';
import type { OcrEngineSettings } from './engine/index.js';

export type OcrSettings = Config['ocr'];

/** What the engine reads of the configuration (it refuses keys it does not know). */
export function engineSettings(config: Pick<OcrSettings, 'workers' | 'languages' | 'textLayerMinChars' | 'limits' | 'cleanup'>): OcrEngineSettings {
  const { maxBytes, maxPages, maxPixelsPerPage, pageTimeoutMs } = config.limits;
  return { workers: config.workers, languages: config.languages, textLayerMinChars: config.textLayerMinChars, cleanup: config.cleanup, limits: { maxBytes, maxPages, maxPixelsPerPage, pageTimeoutMs } };
}
