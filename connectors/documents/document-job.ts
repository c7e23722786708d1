/**
 * What capture makes of one scanned document, whichever way it came (drop folder, upload, fax
 * gateway): the original into the blob store, its SHA-256 as the item id, so the same scan dropped
 * twice, uploaded twice or faxed twice is one item, and the OCR job that names it. The job is keyed
 * by item id on the OCR topic, so a redelivery lands on the same partition.
 */
import { createHash } from 'node:crypto';
import type { OcrJob } from '../../schemas/types.generated.js';
import type { BlobStore } from '../../runtime/blob-store.js';
import type { Publisher } from '../../runtime/kafka/types.js';

/** Kafka header naming the job's schema, as `raw-item/1` names a raw item's. */
export const OCR_JOB_SCHEMA_HEADER = 'ocr-job/1';

export interface DocumentMeta {
  channel: OcrJob['channel'];
  connector: string;
  receivedAt: Date;
  /** The file's name as the source gave it (kept on the blob, for the person who opens it). */
  name?: string;
  contentType: string;
  registryNumber?: string;
  sender?: string;
}

/** `document:<32 hex>` and `sha256:<hex>`: from the bytes alone. */
export function documentKey(bytes: Buffer): { itemId: string; sourceRef: string } {
  return documentKeyOfBlob(`sha256:${createHash('sha256').update(bytes).digest('hex')}`);
}

/** The same key from the blob the bytes are stored as (the blob store names blobs by the same hash). */
export function documentKeyOfBlob(ref: string): { itemId: string; sourceRef: string } {
  return { itemId: `document:${ref.slice('sha256:'.length, 'sha256:'.length + 32)}`, sourceRef: ref };
}

/** The file's type as its first bytes say, else what the source declared. */
export function documentContentType(bytes: Buffer, declared: string | undefined): string {
  if (bytes.subarray(0, 5).toString('latin1') === '%PDF-') return 'application/pdf';
  const head = bytes.subarray(0, 4).toString('hex');
  if (head === '49492a00' || head === '4d4d002a') return 'image/tiff';
  if (head === '89504e47') return 'image/png';
  if (head.startsWith('ffd8ff')) return 'image/jpeg';
  return declared?.split(';')[0]?.trim().toLowerCase() || 'application/octet-stream';
}

/** Stores the original and returns its job. */
export async function documentJob(bytes: Buffer, meta: DocumentMeta, blobStore: BlobStore): Promise<OcrJob> {
  const key = documentKey(bytes);
  const document = await blobStore.put(bytes, meta.contentType, meta.name);
  const job: OcrJob = { schemaVersion: 1, itemId: key.itemId, channel: meta.channel, connector: meta.connector, sourceRef: key.sourceRef, receivedAt: meta.receivedAt.toISOString(), document };
  if (meta.registryNumber !== undefined) job.registryNumber = meta.registryNumber;
  if (meta.sender !== undefined) job.sender = meta.sender;
  return job;
}

/** @throws IntakeError INTAKE_KAFKA_UNAVAILABLE */
export async function publishDocumentJob(publisher: Publisher, topic: string, job: OcrJob): Promise<void> {
  await publisher.publish(topic, [{ key: job.itemId, value: JSON.stringify(job), headers: { 'content-type': 'application/json', schema: OCR_JOB_SCHEMA_HEADER, channel: job.channel } }]);
}
