/**
 * Content-addressed blob store in a folder: attachments, scans and audio are kept here and Kafka
 * messages carry only `sha256:<hex>` references. Writing the same bytes twice stores them once.
 */
import { createHash, randomUUID } from 'node:crypto';
import { mkdir, readFile, rename, stat, writeFile } from 'node:fs/promises';
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

function pathOf(dir: string, ref: string): string {
  const match = /^sha256:([0-9a-f]{64})$/.exec(ref);
  if (!match?.[1]) throw new IntakeError('INTAKE_BLOB_MISSING', 'not a blob reference');
  const hex = match[1];
  // Two levels of fan-out keep directories small at millions of blobs.
  return join(dir, hex.slice(0, 2), hex.slice(2, 4), hex);
}

/** A blob store in `dir`, created on first write. */
export function folderBlobStore(dir: string): BlobStore {
  return {
    async put(bytes, contentType, name) {
      const ref = refOf(bytes);
      const target = pathOf(dir, ref);
      const exists = await stat(target).then(() => true, () => false);
      if (!exists) {
        await mkdir(join(target, '..'), { recursive: true });
        // Write aside, then rename: a reader never sees half a blob, and rename is atomic.
        const temp = `${target}.${randomUUID()}.tmp`;
        await writeFile(temp, bytes);
        await rename(temp, target);
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
