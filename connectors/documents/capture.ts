/**
 * What the documents connector does with one document, from a drop folder or an upload: store the
 * original, publish its OCR job, and only then let the source go (the pull loop moves the file to
 * done/, the upload answers 202). A drop-folder file over `maxFileBytes` is not read: a dead letter
 * naming it goes to Kafka, then the file moves to failed/, so an operator sees why. Logs carry the
 * item id, the channel and sizes: never the file's name (people name scans after the customer).
 */
import { createHash } from 'node:crypto';
import { readFile } from 'node:fs/promises';
import { join } from 'node:path';
import type { Handled } from '../pull-source.js';
import type { ConnectorDeps } from '../types.js';
import { documentContentType, documentJob, publishDocumentJob } from './document-job.js';
import type { DroppedFile } from './folder-source.js';

export const CONNECTOR = 'documents';

/** `EBYS-2026-004512__scan.pdf` → `EBYS-2026-004512`: how a scanning station passes a petition's registry number. */
export function registryNumberOfName(name: string): string | undefined {
  return /^([0-9A-Za-z][0-9A-Za-z.-]{0,63})__./.exec(name)?.[1];
}

export interface DocumentCaptureDeps extends ConnectorDeps {
  ocrTopic: string;
}

export interface DocumentCapture {
  /** One drop-folder file. */
  dropped(file: DroppedFile): Promise<Handled>;
  /** One upload; resolves with its item id once Kafka acknowledged its job. */
  uploaded(bytes: Buffer, meta: { channel: 'fax' | 'letter'; declaredType: string | undefined; registryNumber?: string; uploadedBy: string }): Promise<string>;
}

export function documentCapture(deps: DocumentCaptureDeps, maxFileBytes: number): DocumentCapture {
  const log = deps.logger.child({ component: 'documents' });
  const tooLarge = async (file: DroppedFile): Promise<Handled> => {
    const key = `document-file:${createHash('sha256').update(`${file.folder}\0${file.name}\0${file.size}`).digest('hex').slice(0, 32)}`;
    await deps.publisher.publish(deps.deadLetterTopic, [{
      key, value: Buffer.alloc(0),
      headers: { 'x-error-code': 'INTAKE_REQUEST_TOO_LARGE', 'x-error-message': `the file is ${file.size} bytes, over maxFileBytes (${maxFileBytes}); moved to failed/`, 'x-source': 'documents/folder', 'x-file': file.name, 'x-size': String(file.size) },
    }]);
    deps.metrics?.deadLettered('INTAKE_REQUEST_TOO_LARGE', 'documents');
    log.warn({ code: 'INTAKE_REQUEST_TOO_LARGE', channel: file.channel, size: file.size }, 'file set aside to failed/');
    return 'rejected';
  };
  return {
    async dropped(file) {
      if (file.size > maxFileBytes) return tooLarge(file);
      const bytes = await readFile(join(file.folder, file.name));
      const registryNumber = registryNumberOfName(file.name);
      const job = await documentJob(bytes, {
        channel: file.channel, connector: CONNECTOR, receivedAt: deps.now(), name: file.name, contentType: documentContentType(bytes, undefined),
        ...(registryNumber === undefined ? {} : { registryNumber }),
      }, deps.blobStore);
      await publishDocumentJob(deps.publisher, deps.ocrTopic, job);
      log.info({ itemId: job.itemId, channel: job.channel, via: 'folder', bytes: bytes.length, registered: registryNumber !== undefined }, 'captured');
      return 'published';
    },
    async uploaded(bytes, meta) {
      const job = await documentJob(bytes, {
        channel: meta.channel, connector: CONNECTOR, receivedAt: deps.now(), contentType: documentContentType(bytes, meta.declaredType),
        ...(meta.registryNumber === undefined ? {} : { registryNumber: meta.registryNumber }),
      }, deps.blobStore);
      await publishDocumentJob(deps.publisher, deps.ocrTopic, job);
      log.info({ itemId: job.itemId, channel: job.channel, via: 'upload', uploadedBy: meta.uploadedBy, bytes: bytes.length, registered: meta.registryNumber !== undefined }, 'captured');
      return job.itemId;
    },
  };
}
