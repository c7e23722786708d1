/**
 * `intake replay DIR`: sends every fixture in a folder through the real connectors of a running
 * daemon, as their sources would. Files are matched to connectors by their ending.
 */
import { readdir, readFile } from 'node:fs/promises';
import { extname, join } from 'node:path';
import { connectorRegistry } from '../connectors/registry.js';
import type { ReplayResult } from '../connectors/types.js';
import { IntakeError } from '../runtime/errors.js';

export interface ReplayedFile extends ReplayResult { file: string }

/** The fixture files of a folder that some connector replays, sorted by name. */
export async function fixtureFiles(dir: string): Promise<string[]> {
  let names: string[];
  try {
    names = await readdir(dir);
  } catch (cause) {
    throw new IntakeError('INTAKE_INPUT_UNREADABLE', `cannot read folder ${dir}: ${(cause as NodeJS.ErrnoException).code ?? 'error'}`, { cause });
  }
  const endings = new Set(Object.values(connectorRegistry).flatMap((c) => c.fixtureExtensions));
  return names.filter((n) => endings.has(extname(n))).sort().map((n) => join(dir, n));
}

/** Replays each file in turn; a connection failure stops the run with INTAKE_INPUT_UNREADABLE's sibling, the cause kept. */
export async function replayDir(dir: string, target: { endpoint: string; staffApiKey: string | null }): Promise<ReplayedFile[]> {
  const results: ReplayedFile[] = [];
  for (const file of await fixtureFiles(dir)) {
    const connector = Object.values(connectorRegistry).find((c) => c.fixtureExtensions.includes(extname(file)));
    if (!connector) continue;
    const result = await connector.replay(await readFile(file), target);
    results.push({ file, ...result });
  }
  return results;
}
