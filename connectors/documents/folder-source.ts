/**
 * A drop folder as a pull source (connectors/pull-source.ts): scanners and fax servers write files
 * into it; a file is handed out once it has not changed for `settleMs` (it may still be being
 * written before), acknowledged by moving it to `done/YYYY-MM-DD/`, put aside by moving it to
 * `failed/`, and released by leaving it where it is, to be taken again. Hidden files and partial
 * writes (`.part`, `.tmp`, `~`) are never taken. A name that exists already in done/ gets a suffix:
 * a file is never overwritten, nor deleted.
 */
import { mkdir, readdir, rename, stat } from 'node:fs/promises';
import { join } from 'node:path';
import { setTimeout as sleep } from 'node:timers/promises';
import type { PullSource } from '../pull-source.js';

export interface DroppedFile {
  readonly folder: string;
  readonly name: string;
  readonly size: number;
  readonly channel: 'fax' | 'letter';
}

export interface FolderSettings {
  readonly path: string;
  readonly channel: 'fax' | 'letter';
  readonly pollMs: number;
  readonly settleMs: number;
  readonly batchSize: number;
  /** The day a done file is filed under, in Istanbul. */
  readonly now: () => Date;
}

const DONE = 'done';
const FAILED = 'failed';

function skipped(name: string): boolean {
  return name.startsWith('.') || /(\.part|\.tmp|\.crdownload|~)$/i.test(name);
}

function istanbulDay(at: Date): string {
  return new Date(at.getTime() + 3 * 3_600_000).toISOString().slice(0, 10);
}

/** Moves `name` into `to`, under a free name. */
async function moveInto(folder: string, name: string, to: string): Promise<void> {
  await mkdir(to, { recursive: true });
  const dot = name.lastIndexOf('.');
  const [stem, ext] = dot > 0 ? [name.slice(0, dot), name.slice(dot)] : [name, ''];
  const taken = new Set(await readdir(to));
  let target = name;
  for (let n = 2; taken.has(target); n++) target = `${stem}.${n}${ext}`;
  await rename(join(folder, name), join(to, target));
}

export function folderSource(settings: FolderSettings): PullSource<DroppedFile> {
  const inFlight = new Set<string>();
  return {
    async next(signal) {
      const entries = await readdir(settings.path, { withFileTypes: true });
      const ready: DroppedFile[] = [];
      const settledBefore = Date.now() - settings.settleMs;
      for (const entry of entries.sort((a, b) => a.name.localeCompare(b.name))) {
        if (ready.length >= settings.batchSize) break;
        if (!entry.isFile() || skipped(entry.name) || inFlight.has(entry.name)) continue;
        const info = await stat(join(settings.path, entry.name)).catch(() => null);
        if (info === null || info.mtimeMs > settledBefore) continue;
        inFlight.add(entry.name);
        ready.push({ folder: settings.path, name: entry.name, size: info.size, channel: settings.channel });
      }
      if (ready.length === 0) await sleep(settings.pollMs, undefined, { signal }).catch(() => undefined);
      return ready;
    },
    async ack(files) {
      const day = join(settings.path, DONE, istanbulDay(settings.now()));
      for (const file of files) {
        await moveInto(settings.path, file.name, day);
        inFlight.delete(file.name);
      }
    },
    async reject(files) {
      for (const file of files) {
        await moveInto(settings.path, file.name, join(settings.path, FAILED));
        inFlight.delete(file.name);
      }
    },
    release(files) {
      for (const file of files) inFlight.delete(file.name);
    },
    async reset() {
      await mkdir(settings.path, { recursive: true });
    },
    close() {
      return Promise.resolve();
    },
  };
}
