/**
 * Content-addressed blob store in a folder: attachments, scans and audio are kept here and Kafka
 * messages carry only `sha256:<hex>` references. Writing the same bytes twice stores them once.
 */
import { createHash, randomBytes } from 'node:crypto';
import { mkdir, readFile, rename, writeFile } from 'node:fs/promises';
import { dirname, join } from 'node:path';
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

function pathOf(dir: string, ref: string): string {
  const match = /^sha256:([0-9a-f]{64})$/.exec(ref);
  if (!match?.[1]) throw new IntakeError('INTAKE_BLOB_MISSING', 'not a blob reference');
  const hex = match[1];
  // Two levels of fan-out keep directories small at millions of blobs.
  return join(dir, hex.slice(0, 2), hex.slice(2, 4), hex);
}

/** Blobs a store remembers having written; past this many it forgets them all, which costs only rewrites. */
const MAX_REMEMBERED_BLOBS = 10_000;

/**
 * A blob store in `dir`, created on first write.
 *
 * No `stat` before writing: for a new blob it fails with ENOENT, and building that error cost the
 * event loop about as much as the write (capture keeps the original of every mail). A blob already
 * there is written again and renamed over itself: the same bytes under the same name, so a reader
 * sees one or the other whole. A fan-out folder is made once per process, and blobs this process
 * wrote lately (a logo in every mail of a signature) are not written again.
 */
export function folderBlobStore(dir: string): BlobStore {
  const folders = new Set<string>();
  const written = new Set<string>();
  // Temporary names unique to this store without a random UUID per blob; the prefix keeps two
  // processes sharing the folder apart.
  const tempPrefix = randomBytes(8).toString('hex');
  let temps = 0;
  return {
    async put(bytes, contentType, name) {
      const ref = refOf(bytes);
      if (!written.has(ref)) {
        const target = pathOf(dir, ref);
        const folder = dirname(target);
        if (!folders.has(folder)) {
          await mkdir(folder, { recursive: true });
          folders.add(folder);
        }
        // Write aside, then rename: a reader never sees half a blob, and rename is atomic.
        const temp = `${target}.${tempPrefix}-${temps++}.tmp`;
        await writeFile(temp, bytes);
        await rename(temp, target);
        if (written.size >= MAX_REMEMBERED_BLOBS) written.clear();
        written.add(ref);
      }
      return name === undefined ? { ref, contentType, size: bytes.length } : { ref, contentType, size: bytes.length, name };
    },
    async get(ref) {
      try {
        return await readFile(pathOf(dir, ref));
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
