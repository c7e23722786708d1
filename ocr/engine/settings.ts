/**
 * The engine's settings, their defaults and their check. The check runs once at start and lists
 * every bad key, like the configuration loader does.
 */
import { IntakeError } from '../../runtime/errors.js';

export interface OcrLimits {
  /** Larger inputs are not opened at all. */
  maxBytes: number;
  maxPages: number;
  /** Width × height of one page as decoded or rendered for OCR, checked from headers before decoding. */
  maxPixelsPerPage: number;
  /**
   * Milliseconds for each step of a page: its preparation (decoding or rendering, clean-up) and,
   * apart, its recognition once a worker takes it (waiting in the queue does not count).
   */
  pageTimeoutMs: number;
}

export interface OcrEngineSettings {
  /** tesseract.js workers (one thread each) in the pool. */
  workers: number;
  /** Tesseract language codes joined with `+`, each shipped as an `@tesseract.js-data/<code>` package. */
  languages: string;
  /** A PDF page whose text layer has at least this many non-space characters is not OCR'd. */
  textLayerMinChars: number;
  limits: OcrLimits;
  /** Square fax pixels, despeckle when measured noisy, deskew (cleanup.ts has the measurements). */
  cleanup: boolean;
}

/** Frozen, nested limits too: spread it to change a value. */
export const DEFAULT_OCR_SETTINGS: OcrEngineSettings = Object.freeze({
  // One worker keeps a 2-core host responsive for the rest of the pipeline; a fax page is ~2.5 s.
  workers: 1,
  languages: 'tur+eng',
  // Under this, a "text layer" is a page number or a scanner's stamp on an image page.
  textLayerMinChars: 25,
  limits: Object.freeze({
    maxBytes: 25 * 1024 * 1024,
    maxPages: 50,
    // An A3 page at 300 dpi is 17.5 Mpx and a G4 fax page 3.6 Mpx; 40 Mpx leaves room and bounds a
    // page's grey buffer at 40 MB.
    maxPixelsPerPage: 40_000_000,
    pageTimeoutMs: 60_000,
  }),
  cleanup: true,
});

const LANGUAGES = /^[a-z]{3}(?:_[a-z]+)?(?:\+[a-z]{3}(?:_[a-z]+)?)*$/;
const MAX_WORKERS = 16;

function isInt(value: unknown, min: number, max = Number.MAX_SAFE_INTEGER): boolean {
  return Number.isSafeInteger(value) && (value as number) >= min && (value as number) <= max;
}

/**
 * Checks the settings and returns a frozen copy.
 * @throws IntakeError INTAKE_CONFIG_INVALID with every bad key in `details.errors`
 */
export function checkOcrSettings(settings: OcrEngineSettings): Readonly<OcrEngineSettings> {
  const errors: string[] = [];
  const limits: Partial<OcrLimits> = settings.limits ?? {};
  if (!isInt(settings.workers, 1, MAX_WORKERS)) errors.push(`workers must be an integer from 1 to ${MAX_WORKERS}`);
  if (typeof settings.languages !== 'string' || !LANGUAGES.test(settings.languages)) errors.push('languages must be tesseract codes joined with +, like tur+eng');
  if (!isInt(settings.textLayerMinChars, 0)) errors.push('textLayerMinChars must be an integer of 0 or more');
  if (typeof settings.cleanup !== 'boolean') errors.push('cleanup must be true or false');
  for (const key of ['maxBytes', 'maxPages', 'maxPixelsPerPage', 'pageTimeoutMs'] as const) {
    if (!isInt(limits[key], 1)) errors.push(`limits.${key} must be a positive integer`);
  }
  const known = new Set(['workers', 'languages', 'textLayerMinChars', 'limits', 'cleanup']);
  for (const key of Object.keys(settings)) if (!known.has(key)) errors.push(`${key} is not a setting`);
  if (errors.length > 0) throw new IntakeError('INTAKE_CONFIG_INVALID', `OCR engine settings are invalid: ${errors.join('; ')}`, { details: { errors } });
  return Object.freeze({ ...settings, limits: Object.freeze({ ...settings.limits }) });
}
