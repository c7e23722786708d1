import fs from 'node:fs';
import fsp from 'node:fs/promises';
import type { DovecotPaths } from './paths.js';

/** `dovecot.owner.json`: which node process runs the instance of a dir. */
export interface OwnerRecord {
  /** The process that called startDovecot; when it is gone, its Dovecot is an orphan. */
  ownerPid: number;
  masterPid: number;
  port: number;
  /** ISO 8601. */
  startedAt: string;
}

export async function writeOwner(p: DovecotPaths, r: OwnerRecord): Promise<void> {
  await fsp.writeFile(p.owner, JSON.stringify(r, null, 2) + '\n');
}

export async function removeOwner(p: DovecotPaths): Promise<void> {
  await fsp.rm(p.owner, { force: true });
}

/** The record, or null when it is missing or corrupt. */
export function readOwner(p: DovecotPaths): OwnerRecord | null {
  try {
    const r = JSON.parse(fs.readFileSync(p.owner, 'utf8')) as Partial<OwnerRecord>;
    if (typeof r.ownerPid === 'number' && typeof r.masterPid === 'number' && typeof r.port === 'number') {
      return { ownerPid: r.ownerPid, masterPid: r.masterPid, port: r.port, startedAt: r.startedAt ?? '' };
    }
  } catch {
    /* missing or corrupt */
  }
  return null;
}
