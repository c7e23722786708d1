/**
 * Uploads one document fixture to a running documents connector, as the mail room would: the file
 * as the body, with a mail-room API key. TIFFs come from fax servers, so they go as faxes; other
 * files as letters.
 */
import { IntakeError } from '../../runtime/errors.js';
import type { ReplayDocuments, ReplayResult, ReplayTarget } from '../types.js';
import { documentContentType, documentKey } from './document-job.js';
import type { DocumentsSettings } from './index.js';
import { UPLOAD_PATH } from './upload-server.js';

/** The replay target of a configured connector, or null when its upload is off or has no key. */
export function documentsReplayTarget(config: DocumentsSettings): ReplayDocuments | null {
  const apiKey = Object.values(config.upload.apiKeys)[0];
  if (!config.enabled || !config.upload.enabled || apiKey === undefined) return null;
  const host = config.upload.host.includes(':') ? `[${config.upload.host}]` : config.upload.host;
  return { endpoint: `http://${host}:${config.upload.port}`, apiKey };
}

/** @throws IntakeError INTAKE_CONFIG_INVALID without an upload target */
export async function replayDocumentFile(file: Buffer, target: ReplayTarget): Promise<ReplayResult> {
  const documents = target.documents ?? null;
  if (documents === null) throw new IntakeError('INTAKE_CONFIG_INVALID', 'connectors.documents.upload: no upload endpoint with a mail-room API key (INTAKE_MAILROOM_API_KEYS) to replay documents into');
  const contentType = documentContentType(file, 'application/octet-stream');
  const channel = contentType === 'image/tiff' ? 'fax' : 'letter';
  const response = await fetch(new URL(`${UPLOAD_PATH}?channel=${channel}`, documents.endpoint), {
    method: 'POST', headers: { 'content-type': contentType, 'x-api-key': documents.apiKey }, body: new Uint8Array(file),
  });
  const body = await response.text();
  return { status: response.status, itemId: response.ok ? documentKey(file).itemId : null, body };
}
