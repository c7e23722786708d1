/**
 * What the e-mail connector does with one pulled mail: read it, publish the item (the emergency
 * alert first), or, when it cannot be read, publish a dead letter that carries the mail itself
 * (inline when small, else as a blob whose reference the headers give), so nothing is lost and the
 * mail can be replayed once the cause is fixed. A mail from a fax gateway sends its documents to
 * OCR as faxes instead (fax-gateway.ts). Resolves once Kafka acknowledged.
 */
import { createHash } from 'node:crypto';
import type { ConnectorDeps } from '../types.js';
import { publishRawItem } from '../publish-raw.js';
import type { Handled } from '../pull-source.js';
import type { PulledMail } from './imap-source.js';
import type { MailLimits } from './limits.js';
import { faxJobs, fromFaxGateway } from './fax-gateway.js';
import { readMail } from './read-mail.js';
import { publishDocumentJob } from '../documents/document-job.js';

/** A dead letter's value holds the mail itself up to this size; Kafka's default message limit is 1 MB. */
const INLINE_DEAD_LETTER_BYTES = 512 * 1024;

export interface MailCapture {
  handle(mail: PulledMail): Promise<Handled>;
}

/** Where a fax gateway's mails go: its addresses, and the OCR topic (absent where no OCR topic is configured). */
export interface FaxGateways { addresses: readonly string[]; ocrTopic: string | undefined }

export function mailCapture(deps: ConnectorDeps, limits: MailLimits, gateways: FaxGateways = { addresses: [], ocrTopic: undefined }): MailCapture {
  const deadLetter = async (mail: PulledMail, code: string, reason: string): Promise<Handled> => {
    const bytes = mail.raw ?? mail.headers ?? Buffer.alloc(0);
    const blob = mail.raw === null || bytes.length > INLINE_DEAD_LETTER_BYTES ? await deps.blobStore.put(bytes, 'message/rfc822', mail.raw === null ? 'headers.eml' : 'original.eml') : null;
    // The key is the mail's place, hashed: a mailbox and UID are not personal, but stay stable per mail.
    const key = `email:${createHash('sha256').update(`${mail.mailbox}\0${mail.uidValidity}\0${mail.uid}`).digest('hex').slice(0, 32)}`;
    await deps.publisher.publish(deps.deadLetterTopic, [{
      key,
      value: blob === null ? bytes : Buffer.alloc(0),
      headers: {
        'content-type': 'message/rfc822', 'x-error-code': code, 'x-error-message': reason.slice(0, 1000), 'x-source': `email/${mail.mailbox}`,
        'x-size': String(mail.size), ...(blob === null ? {} : { 'x-blob': blob.ref }),
      },
    }]);
    deps.metrics?.deadLettered(code, 'email');
    deps.logger.warn({ component: 'email', mailbox: mail.mailbox, code, size: mail.size }, 'mail set aside');
    return 'rejected';
  };

  return {
    async handle(mail) {
      if (mail.raw === null) return deadLetter(mail, 'INTAKE_REQUEST_TOO_LARGE', `the mail is ${mail.size} bytes, over maxMessageBytes; only its headers were fetched`);
      const receivedAt = mail.internalDate ?? deps.now();
      const reading = await readMail(mail.raw, { receivedAt, limits, blobStore: deps.blobStore });
      if (!reading.ok) {
        // A bug while reading is a dead letter too, but the log must say it is one.
        if (reading.code === 'INTAKE_INTERNAL') deps.logger.error({ component: 'email', mailbox: mail.mailbox, err: reading.cause instanceof Error ? reading.cause.name : 'Error' }, 'bug while reading a mail');
        return deadLetter(mail, reading.code, reading.reason);
      }
      const faxes = gateways.ocrTopic !== undefined && fromFaxGateway(reading.item.text?.sender, gateways.addresses) ? faxJobs(reading.item) : [];
      if (faxes.length > 0 && gateways.ocrTopic !== undefined) {
        for (const job of faxes) await publishDocumentJob(deps.publisher, gateways.ocrTopic, job);
        deps.logger.info({ component: 'email', mailbox: mail.mailbox, faxes: faxes.map((j) => j.itemId) }, 'fax gateway mail: its documents sent to OCR');
        return 'published';
      }
      const published = await publishRawItem(deps, reading.item);
      deps.logger.info({ component: 'email', mailbox: mail.mailbox, itemId: reading.item.itemId, emergency: published.emergency, ignored: reading.ignoredBecause }, 'captured');
      return 'published';
    },
  };
}
