/**
 * `intake replay DIR`: sends every fixture in a folder through the real connectors of a running
 * daemon, as their sources would. Files are matched to connectors by their ending.
 */
import { readdir, readFile } from 'node:fs/promises';
import { join } from 'node:path';
import { connectorRegistry } from '../connectors/registry.js';
import type { ReplayMailbox, ReplayResult, ReplayTarget } from '../connectors/types.js';
import type { Config } from '../runtime/config.js';
import { IntakeError } from '../runtime/errors.js';
import type { Progress } from './progress.js';

export interface ReplayedFile extends ReplayResult { file: string }

/** The fixture files of a folder that some connector replays, sorted by name. */
export async function fixtureFiles(dir: string): Promise<string[]> {
  let names: string[];
  try {
    names = await readdir(dir);
  } catch (cause) {
    throw new IntakeError('INTAKE_INPUT_UNREADABLE', `cannot read folder ${dir}: ${(cause as NodeJS.ErrnoException).code ?? 'error'}`, { cause });
  }
  const endings = Object.values(connectorRegistry).flatMap((c) => c.fixtureExtensions);
  return names.filter((n) => endings.some((e) => n.endsWith(e))).sort().map((n) => join(dir, n));
}

/** Replays each file in turn; a connection failure stops the run with INTAKE_INPUT_UNREADABLE's sibling, the cause kept. */
/** `startProgress` is given the number of files and shows the work on them. */
export async function replayDir(dir: string, target: ReplayTarget, startProgress?: (total: number) => Progress): Promise<ReplayedFile[]> {
  const results: ReplayedFile[] = [];
  const files = await fixtureFiles(dir);
  const shown = startProgress?.(files.length);
  for (const file of files) {
    // Endings may have two dots (`.sms.json`): matched on the whole name, not the last extension.
    const connector = Object.values(connectorRegistry).find((c) => c.fixtureExtensions.some((e) => file.endsWith(e)));
    if (!connector) continue;
    const result = await connector.replay(await readFile(file), target);
    results.push({ file, ...result });
    shown?.advance(1);
  }
  shown?.done();
  return results;
}

/** E-mail fixtures go into the first configured mailbox, with its password. */
export function replayMailbox(config: Config): ReplayMailbox | null {
  const email = config.connectors.email;
  const first = email.mailboxes[0];
  const password = first === undefined ? undefined : email.passwords[first.id];
  if (first === undefined || password === undefined) return null;
  return { host: first.host, port: first.port, secure: first.secure, user: first.user, password, folder: first.folder };
}
