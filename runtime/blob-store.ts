/**
 * Content-addressed blob store in a folder: attachments, scans and audio are kept here and Kafka
 * messages carry only `sha256:<hex>` references. Writing the same bytes twice stores them once.
 */
import { createHash, randomBytes } from 'node:crypto';
import { mkdirSync, renameSync, writeFileSync } from 'node:fs';
import { mkdir, readFile, rename, writeFile } from 'node:fs/promises';
import { join } from 'node:path';
import type { BlobRef } from '../schemas/types.generated.js';
import { IntakeError } from './errors.js';

export interface BlobStore {
  put(bytes: Buffer, contentType: string, name?: string): Promise<BlobRef>;
  /** @throws IntakeError INTAKE_BLOB_MISSING */
  get(ref: string): Promise<Buffer>;
}

function refOf(bytes: Buffer): string {
  return `sha256:${createHash('sha256').update(bytes).digest('hex')}`;
}

function hexOf(ref: string): string {
  const match = /^sha256:([0-9a-f]{64})$/.exec(ref);
  if (!match?.[1]) throw new IntakeError('INTAKE_BLOB_MISSING', 'not a blob reference');
  return match[1];
}

/**
 * Where a blob is written: one level of 256 folders, as git keeps loose objects. A fresh store
 * makes 256 folders in all, not one of 65,536 for nearly every blob; ext4 keeps large folders
 * indexed, so a million blobs (about 4,000 a folder) are still found at once.
 */
function folderOf(dir: string, hex: string): string {
  return join(dir, hex.slice(0, 2));
}

/** Where blobs were written before 2026-11-29 (two levels of fan-out): still read, never written. */
function earlierPathOf(dir: string, hex: string): string {
  return join(dir, hex.slice(0, 2), hex.slice(2, 4), hex);
}

/** Blobs a store remembers having written; past this many it forgets them all, which costs only rewrites. */
const MAX_REMEMBERED_BLOBS = 10_000;

/**
 * Blobs up to this size are written with synchronous calls. On this kind of disk a small file's
 * open, write, close and rename cost the thread pool's hand-offs and the promises around them
 * several times what the calls themselves cost (about 0.3 against 0.05–0.1 CPU ms a blob, measured
 * in one process), and an original mail is a few KB. The event loop waits for the page cache only,
 * as nothing is synced; a larger blob (a 30 MB attachment) is written asynchronously, so its copy
 * never holds the loop.
 */
const SYNC_WRITE_MAX_BYTES = 64 * 1024;

function isMissing(error: unknown): boolean {
  return (error as { code?: unknown } | null)?.code === 'ENOENT';
}

async function readEither(dir: string, hex: string): Promise<Buffer> {
  try {
    return await readFile(join(folderOf(dir, hex), hex));
  } catch (cause) {
    if (!isMissing(cause)) throw cause;
    return readFile(earlierPathOf(dir, hex));
  }
}

/**
 * A blob store in `dir`, created on first write.
 *
 * No `stat` before writing: for a new blob it fails with ENOENT, and building that error cost the
 * event loop about as much as the write (capture keeps the original of every mail). A blob already
 * there is written again and renamed over itself: the same bytes under the same name, so a reader
 * sees one or the other whole. A blob kept under the earlier two-level layout is written once more
 * under the one-level one when put again, which costs a copy, never a wrong read. A fan-out folder
 * is made once per process, and blobs this process wrote lately (a logo in every mail of a
 * signature) are not written again.
 */
export function folderBlobStore(dir: string): BlobStore {
  const folders = new Set<string>();
  const written = new Set<string>();
  // Temporary names unique to this store without a random UUID per blob; the prefix keeps two
  // processes sharing the folder apart.
  const tempPrefix = randomBytes(8).toString('hex');
  let temps = 0;

  // Write aside, then rename: a reader never sees half a blob, and rename is atomic.
  const writeSmall = (folder: string, target: string, temp: string, bytes: Buffer): void => {
    if (!folders.has(folder)) {
      mkdirSync(folder, { recursive: true });
      folders.add(folder);
    }
    writeFileSync(temp, bytes);
    renameSync(temp, target);
  };
  const writeLarge = async (folder: string, target: string, temp: string, bytes: Buffer): Promise<void> => {
    if (!folders.has(folder)) {
      await mkdir(folder, { recursive: true });
      folders.add(folder);
    }
    await writeFile(temp, bytes);
    await rename(temp, target);
  };

  return {
    async put(bytes, contentType, name) {
      const ref = refOf(bytes);
      if (!written.has(ref)) {
        const hex = ref.slice('sha256:'.length);
        const folder = folderOf(dir, hex);
        const target = join(folder, hex);
        const temp = `${target}.${tempPrefix}-${temps++}.tmp`;
        if (bytes.length <= SYNC_WRITE_MAX_BYTES) writeSmall(folder, target, temp, bytes);
        else await writeLarge(folder, target, temp, bytes);
        if (written.size >= MAX_REMEMBERED_BLOBS) written.clear();
        written.add(ref);
      }
      return name === undefined ? { ref, contentType, size: bytes.length } : { ref, contentType, size: bytes.length, name };
    },
    async get(ref) {
      try {
        return await readEither(dir, hexOf(ref));
      } catch (cause) {
        if (cause instanceof IntakeError) throw cause;
        throw new IntakeError('INTAKE_BLOB_MISSING', `blob ${ref} is not in the store`, { cause });
      }
    },
  };
}

/**
 * A blob store that keeps nothing: it names bytes as the real one would. For reading an input
 * without side effects (`intake check`), where only the references matter.
 */
export function keepNothingBlobStore(): BlobStore {
  return {
    put(bytes, contentType, name) {
      const ref = refOf(bytes);
      return Promise.resolve(name === undefined ? { ref, contentType, size: bytes.length } : { ref, contentType, size: bytes.length, name });
    },
    get: () => Promise.reject(new IntakeError('INTAKE_BLOB_MISSING', 'this blob store keeps nothing')),
  };
}
