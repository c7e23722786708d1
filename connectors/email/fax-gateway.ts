/**
 * Mail from an e-mail-to-fax gateway: the fax is the attachment, the mail only its envelope ("You
 * have received a fax from …"). Each attached document becomes an OCR job of channel `fax`, named
 * by its hash like a fax dropped in a folder, so the same fax arriving both ways is one item. Pure.
 */
import type { OcrJob, RawItem } from '../../schemas/types.generated.js';
import { CONNECTOR } from '../documents/capture.js';
import { documentKeyOfBlob } from '../documents/document-job.js';

const DOCUMENT_TYPES = new Set(['application/pdf', 'image/tiff', 'image/png', 'image/jpeg']);

/** Whether the sender is one of the configured gateways (`faks@gw.example`, or `@gw.example` for the domain). */
export function fromFaxGateway(sender: string | undefined, gateways: readonly string[]): boolean {
  if (sender === undefined || gateways.length === 0) return false;
  const address = sender.trim().toLowerCase();
  const domain = address.slice(address.lastIndexOf('@'));
  return gateways.some((g) => {
    const gateway = g.toLowerCase();
    return gateway.startsWith('@') ? domain === gateway : address === gateway;
  });
}

/** The OCR job of each document the mail carries (its attachments, stored already); none when it carries none. */
export function faxJobs(item: RawItem): OcrJob[] {
  return item.attachments.filter((a) => DOCUMENT_TYPES.has(a.contentType.split(';')[0]?.trim().toLowerCase() ?? '')).map((document) => {
    const job: OcrJob = { schemaVersion: 1, ...documentKeyOfBlob(document.ref), channel: 'fax', connector: CONNECTOR, receivedAt: item.receivedAt, document };
    if (item.text?.sender !== undefined) job.sender = item.text.sender;
    return job;
  });
}
