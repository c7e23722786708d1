/**
 * One document file read as the pipeline would read it, without Kafka or a blob store: the job
 * capture would publish, read by an OCR engine as a worker would, into the raw item. `intake check
 * FILE --channel fax|letter` and the fixture tests use it. The engine is started for the call and
 * terminated after, unless the caller passes one (tests reading many files).
 */
import { keepNothingBlobStore } from '../../runtime/blob-store.js';
import type { RawItem } from '../../schemas/types.generated.js';
import { documentItem } from '../../ocr/document-item.js';
import { createOcrEngine, type OcrEngine } from '../../ocr/engine/index.js';
import { engineSettings, type OcrSettings } from '../../ocr/settings.js';
import { CONNECTOR } from './capture.js';
import { documentContentType, documentJob } from './document-job.js';

export interface ReadDocumentOptions {
  channel: 'fax' | 'letter';
  receivedAt: Date;
  registryNumber?: string;
  ocr: Pick<OcrSettings, 'workers' | 'languages' | 'textLayerMinChars' | 'limits' | 'cleanup'>;
  engine?: OcrEngine;
}

export async function readDocumentFile(file: Buffer, options: ReadDocumentOptions): Promise<RawItem> {
  const job = await documentJob(file, {
    channel: options.channel, connector: CONNECTOR, receivedAt: options.receivedAt, contentType: documentContentType(file, undefined),
    ...(options.registryNumber === undefined ? {} : { registryNumber: options.registryNumber }),
  }, keepNothingBlobStore());
  const engine = options.engine ?? await createOcrEngine({ ...engineSettings(options.ocr), workers: 1 });
  try {
    return documentItem(job, await engine.read(file));
  } finally {
    if (options.engine === undefined) await engine.terminate();
  }
}
