/**
 * The native tesseract CLI for the OCR bench (bench/ocr-throughput.ts): Debian's `tesseract-ocr`
 * with `tesseract-ocr-tur` and `-eng`, installed by infra/tesseract-cli.sh when missing. One
 * process per page or file, as a CLI integration would run it:
 *
 *   OMP_THREAD_LIMIT=1 tesseract IN OUT -l tur+eng --oem 1 --psm 3 [--tessdata-dir DIR] \
 *     -c tessedit_create_txt=1 -c tessedit_create_tsv=1
 *
 * `--oem 1` is what the CLI picks by itself for data without the legacy model (both data sets
 * here), and what the engine asks of tesseract.js. `txt` is the text tesseract.js returns too; `tsv`
 * gives the word confidences, whose mean is tesseract.js's `confidence` (MeanTextConf), which the
 * decision reads. The time is the whole process: start, loading the language data, reading the
 * image, recognition and writing both files.
 */
import { execFile, spawnSync } from 'node:child_process';
import { mkdtemp, readFile, rm, writeFile } from 'node:fs/promises';
import { readFileSync, readdirSync, statSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { gunzipSync } from 'node:zlib';
import { packagedLanguageFile } from '../ocr/engine/language-data.js';
import type { PageReading } from './ocr-accuracy.js';

const installer = fileURLToPath(new URL('../../infra/tesseract-cli.sh', import.meta.url));

export interface NativeOptions {
  /** null: Debian's own data (/usr/share/tesseract-ocr/5/tessdata). */
  tessdataDir: string | null;
  psm: 3 | 6;
  /** OMP_THREAD_LIMIT=1 (true) or tesseract's OpenMP default of one thread per core (false). */
  ompLimit: boolean;
}

export interface NativeRun {
  ms: number;
  /** One per page of the input (a multi-page TIFF gives several). */
  pages: PageReading[];
}

export interface DataFile { language: string; path: string; bytes: number; network: string | null }

export interface NativeInfo {
  version: string;
  /** Debian's tessdata folder and its tur and eng files. */
  debianData: DataFile[];
  /** Where the Debian packages took their data from (tessdata_fast or tessdata_best), from their changelog. */
  debianDataSource: string | null;
  debianDataPackage: string | null;
}

/**
 * Checks that `tesseract` runs with tur and eng; runs infra/tesseract-cli.sh when not (which
 * installs it as root). Exits the process with 2 when the CLI is missing and cannot be installed
 * here, after the script printed the command to run.
 */
export function ensureNativeTesseract(): void {
  const listed = spawnSync('tesseract', ['--list-langs'], { encoding: 'utf8' });
  const langs = listed.status === 0 ? listed.stdout.split('\n').map((s) => s.trim()) : [];
  if (langs.includes('tur') && langs.includes('eng')) return;
  const install = spawnSync('bash', [installer], { stdio: ['ignore', 'inherit', 'inherit'] });
  if (install.status === 2) process.exit(2);
  if (install.status !== 0) throw new Error(`infra/tesseract-cli.sh failed (exit ${install.status ?? install.signal})`);
}

/** The network spec in a traineddata's version string, e.g. `[1,36,0,1Ct3,3,16Mp3,3Lfys48Lfx96Lrx96Lfx128O1c1]`. */
function networkOf(path: string): string | null {
  const listed = spawnSync('combine_tessdata', ['-d', path], { encoding: 'utf8' });
  const text = `${listed.stdout ?? ''}${listed.stderr ?? ''}`;
  return /^Version:(.*)$/mu.exec(text)?.[1]?.trim() ?? null;
}

export function nativeInfo(): NativeInfo {
  const version = (spawnSync('tesseract', ['--version'], { encoding: 'utf8' }).stdout || '').split('\n')[0]?.trim() ?? 'unknown';
  const dataDir = ['/usr/share/tesseract-ocr/5/tessdata', '/usr/share/tesseract-ocr/4.00/tessdata'].find((dir) => {
    try { return readdirSync(dir).includes('tur.traineddata'); } catch { return false; }
  });
  const debianData = dataDir === undefined ? [] : ['tur', 'eng'].map((language) => {
    const path = join(dataDir, `${language}.traineddata`);
    return { language, path, bytes: statSync(path).size, network: networkOf(path) };
  });
  let debianDataSource: string | null = null;
  try {
    const changelog = gunzipSync(readFileSync('/usr/share/doc/tesseract-ocr-tur/changelog.Debian.gz')).toString('utf8');
    debianDataSource = /URL:\s*(\S+)/u.exec(changelog)?.[1] ?? null;
  } catch {
    debianDataSource = null;
  }
  const query = spawnSync('dpkg-query', ['-W', '-f', '${Version}', 'tesseract-ocr-tur'], { encoding: 'utf8' });
  return { version, debianData, debianDataSource, debianDataPackage: query.status === 0 ? `tesseract-ocr-tur ${query.stdout}` : null };
}

/**
 * A tessdata folder holding the engine's own language data (the `4.0.0_best_int` files of the
 * `@tesseract.js-data` packages), gunzipped, for `--tessdata-dir`.
 */
export async function engineTessdata(languages: string): Promise<{ dir: string; files: DataFile[]; remove: () => Promise<void> }> {
  const dir = await mkdtemp(join(tmpdir(), 'ocr-bench-tessdata-'));
  const files: DataFile[] = [];
  for (const language of languages.split('+')) {
    const path = join(dir, `${language}.traineddata`);
    const data = gunzipSync(await readFile(packagedLanguageFile(language)));
    await writeFile(path, data);
    files.push({ language, path: packagedLanguageFile(language), bytes: data.length, network: networkOf(path) });
  }
  return { dir, files, remove: () => rm(dir, { recursive: true, force: true }) };
}

/** Mean word confidence per page of a tsv (level-5 rows; −1 marks non-words), 0..1. */
function pageConfidences(tsv: string): number[] {
  const sums = new Map<number, { sum: number; n: number }>();
  for (const line of tsv.split('\n').slice(1)) {
    const cells = line.split('\t');
    if (cells[0] !== '5') continue;
    const page = Number(cells[1]);
    const confidence = Number(cells[10]);
    if (!(confidence >= 0)) continue;
    const entry = sums.get(page) ?? { sum: 0, n: 0 };
    entry.sum += confidence;
    entry.n += 1;
    sums.set(page, entry);
  }
  const last = Math.max(0, ...sums.keys());
  return Array.from({ length: last }, (_, i) => {
    const entry = sums.get(i + 1);
    return entry ? entry.sum / entry.n / 100 : 0;
  });
}

/** Runs the CLI on one input (a page PNG, or a fixture file as it came) and reads its output. */
export async function runNative(input: string, options: NativeOptions, outDir: string): Promise<NativeRun> {
  const base = join(outDir, `out-${process.hrtime.bigint()}`);
  const args = [input, base, '-l', 'tur+eng', '--oem', '1', '--psm', String(options.psm)];
  if (options.tessdataDir !== null) args.push('--tessdata-dir', options.tessdataDir);
  // The renderers as variables: the `txt` and `tsv` config files live in Debian's tessdata folder, not in ours.
  args.push('-c', 'tessedit_create_txt=1', '-c', 'tessedit_create_tsv=1');
  const env: NodeJS.ProcessEnv = { ...process.env };
  if (options.ompLimit) env.OMP_THREAD_LIMIT = '1';
  else delete env.OMP_THREAD_LIMIT;
  const t0 = performance.now();
  await new Promise<void>((resolve, reject) => {
    execFile('tesseract', args, { env, maxBuffer: 1 << 20 }, (error, _stdout, stderr) => {
      if (error) reject(new Error(`tesseract ${args.join(' ')}: ${stderr || error.message}`));
      else resolve();
    });
  });
  const ms = performance.now() - t0;
  const [txt, tsv] = await Promise.all([readFile(`${base}.txt`, 'utf8'), readFile(`${base}.tsv`, 'utf8')]);
  await Promise.all([rm(`${base}.txt`, { force: true }), rm(`${base}.tsv`, { force: true })]);
  // The txt renderer ends every page with a form feed.
  const texts = txt.split('\f');
  if (texts.length > 1 && texts[texts.length - 1]!.trim() === '') texts.pop();
  const confidences = pageConfidences(tsv);
  return { ms, pages: texts.map((text, i) => ({ text: text.trim(), confidence: confidences[i] ?? 0 })) };
}
