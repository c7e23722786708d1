/**
 * Drives mailparser's streaming parser over one message level. Its own `simpleParser` buffers
 * every attachment, forwarded messages included; here an attachment is taken only while the
 * attachment budget lasts, its bytes from `bytesOf` where the repair took its body out, forwarded
 * messages are not taken at all (the MIME walk reads them), and a parser that stalls is stopped.
 */
import { MailParser, type AddressObject, type AttachmentStream, type MessageText } from 'mailparser';
import { isForwardedMessage } from './mime-walk.js';
import type { MailPart } from './types.js';

export interface ParsedLevel {
  readonly subject: string | null;
  readonly from: AddressObject | null;
  readonly to: readonly AddressObject[];
  /** The text/plain parts, '' when there are none. */
  readonly text: string;
  /** The text/html parts joined, null when there are none. */
  readonly html: string | null;
  readonly attachments: readonly MailPart[];
  /** Attachments past the budget, drained unbuffered. */
  readonly dropped: number;
}

/**
 * @param options.budget attachments that may still be taken, shared by all levels of one mail; decremented
 * @param options.bytesOf the bytes of an attachment whose body the repair took out, null for one mailparser streams
 * @throws Error when mailparser fails (more parts or a larger header than allowed, a stream error) or stalls
 */
export function runMailParser(raw: Buffer, options: { budget: { attachments: number }; bytesOf: (attachment: AttachmentStream) => Buffer | null; maxParts: number; maxHeaderBytes: number; timeoutMs: number }): Promise<ParsedLevel> {
  return new Promise((resolve, reject) => {
    const parser = new MailParser({
      // Text is made from HTML once, by html-text.ts, only when the mail has no plain text.
      skipHtmlToText: true,
      skipTextToHtml: true,
      skipTextLinks: true,
      skipImageLinks: true,
      ignoreEmbedded: true,
      checksumAlgo: false,
      // The repair keeps every header block within maxHeaderBytes and cuts parts past maxParts;
      // mailsplit counts a little differently, so its own bounds sit above ours.
      maxHeadSize: options.maxHeaderBytes * 2,
      maxChildNodes: options.maxParts + 16,
    });
    let settled = false;
    let text = '';
    let html: string | null = null;
    let dropped = 0;
    // Spent from the shared budget only once the parse succeeds: a failed parse takes nothing.
    let budget = options.budget.attachments;
    const attachments: MailPart[] = [];
    const fail = (error: Error): void => {
      if (settled) return;
      settled = true;
      clearTimeout(timer);
      parser.destroy();
      reject(error);
    };
    const timer = setTimeout(() => fail(new Error(`mailparser did not finish within ${options.timeoutMs} ms`)), options.timeoutMs);

    const onAttachment = (attachment: AttachmentStream): void => {
      const forwarded = isForwardedMessage(attachment.contentType);
      const keep = !forwarded && budget > 0;
      if (keep) budget--;
      else if (!forwarded) dropped++;
      const taken = keep ? options.bytesOf(attachment) : null;
      const chunks: Buffer[] = [];
      attachment.content.on('data', (chunk: Buffer) => {
        if (keep && taken === null) chunks.push(chunk);
      });
      attachment.content.once('end', () => {
        if (keep) attachments.push({ bytes: taken ?? Buffer.concat(chunks), contentType: attachment.contentType, ...(attachment.filename === undefined ? {} : { name: attachment.filename }) });
        attachment.release?.();
      });
      attachment.content.once('error', fail);
    };

    parser.on('error', fail);
    parser.on('data', (data: AttachmentStream | MessageText) => {
      if (data.type === 'text') {
        text = data.text ?? '';
        html = data.html ?? null;
      } else {
        onAttachment(data);
      }
    });
    parser.on('end', () => {
      if (settled) return;
      settled = true;
      clearTimeout(timer);
      options.budget.attachments = budget;
      const to = parser.to === undefined ? [] : Array.isArray(parser.to) ? parser.to : [parser.to];
      resolve({ subject: parser.subject ?? null, from: parser.from ?? null, to, text, html, attachments, dropped });
    });
    parser.end(raw);
  });
}
