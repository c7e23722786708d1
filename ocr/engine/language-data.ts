/**
 * One local folder holding `<code>.traineddata.gz` for every language. tesseract.js takes a single
 * `langPath` for all languages, while each language ships in its own npm package; passing language
 * objects instead of codes fails in tesseract.js 7. The folder holds symlinks (copies where links
 * are refused) and is removed on terminate.
 *
 * The `4.0.0_best_int` files are used: their LSTM network is the same as in `4.0.0` (same size,
 * same readings on every test page), and they leave out the legacy engine's components that
 * `OEM.LSTM_ONLY` never loads: 5 MB instead of 19 MB gzipped, a worker ready in ~0.5 s instead of
 * ~0.65 s, ~110 MB less memory per worker.
 */
import { access, copyFile, mkdtemp, rm, symlink } from 'node:fs/promises';
import { createRequire } from 'node:module';
import { tmpdir } from 'node:os';
import { dirname, join } from 'node:path';
import { IntakeError } from '../../runtime/errors.js';

const DATA_VARIANT = '4.0.0_best_int';
const require = createRequire(import.meta.url);

export interface LanguageData {
  /** A local path: tesseract.js only fetches when `langPath` looks like a URL. */
  readonly langPath: string;
  remove(): Promise<void>;
}

/** The packaged file for a code, e.g. node_modules/@tesseract.js-data/tur/4.0.0_best_int/tur.traineddata.gz. */
export function packagedLanguageFile(code: string): string {
  const packageJson = require.resolve(`@tesseract.js-data/${code}/package.json`);
  return join(dirname(packageJson), DATA_VARIANT, `${code}.traineddata.gz`);
}

/**
 * @param languages codes joined with `+` (already checked against a strict pattern)
 * @throws IntakeError INTAKE_CONFIG_INVALID when a language's package is not installed
 */
export async function prepareLanguageData(languages: string): Promise<LanguageData> {
  const codes = languages.split('+');
  const files = codes.map((code) => {
    try {
      return { code, file: packagedLanguageFile(code) };
    } catch (error) {
      throw new IntakeError('INTAKE_CONFIG_INVALID', `OCR language ${code} is not installed (package @tesseract.js-data/${code})`, { cause: error, details: { language: code } });
    }
  });
  const langPath = await mkdtemp(join(tmpdir(), 'intake-ocr-lang-'));
  try {
    for (const { code, file } of files) {
      // A link to a missing file would not fail here but in the worker, where tesseract.js then
      // waits for ever instead of failing.
      await access(file);
      const target = join(langPath, `${code}.traineddata.gz`);
      await symlink(file, target).catch(() => copyFile(file, target));
    }
  } catch (error) {
    await rm(langPath, { recursive: true, force: true });
    throw new IntakeError('INTAKE_CONFIG_INVALID', 'OCR language data cannot be read', { cause: error });
  }
  return { langPath, remove: () => rm(langPath, { recursive: true, force: true }) };
}
