/** One pulled mail to Kafka: the item (the alert first), or a dead letter carrying the mail. */
import assert from 'node:assert/strict';
import { mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { mailCapture } from '../../../connectors/email/capture.js';
import type { PulledMail } from '../../../connectors/email/imap-source.js';
import { defaultMailLimits } from '../../../connectors/email/limits.js';
import type { ConnectorDeps } from '../../../connectors/types.js';
import { folderBlobStore } from '../../../runtime/blob-store.js';
import { createReadiness } from '../../../runtime/readiness.js';
import { memoryLogger } from '../../support/memory-logger.js';
import { RecordingPublisher } from '../../support/recording-publisher.js';
import { createHash } from 'node:crypto';
import { base64, mail, multipart, ordinaryFields } from './build-mail.js';

function pulled(raw: Buffer | null, headers: Buffer | null = null): PulledMail {
  return { mailbox: 'support', uid: 7, uidValidity: 1n, internalDate: new Date('2026-12-01T07:00:00Z'), size: raw?.length ?? 50_000_000, raw, headers };
}

describe('connectors/email mailCapture', () => {
  let publisher: RecordingPublisher;
  let deps: ConnectorDeps;
  let logs: ReturnType<typeof memoryLogger>;

  beforeEach(() => {
    publisher = new RecordingPublisher();
    logs = memoryLogger();
    deps = {
      publisher, rawTopic: 'raw', emergencyTopic: 'emergency', deadLetterTopic: 'dead-letter', blobStore: folderBlobStore(mkdtempSync(join(tmpdir(), 'intake-capture-'))),
      logger: logs.logger, now: () => new Date('2026-12-01T08:00:00Z'), readiness: createReadiness(),
    };
  });

  context('when the mail reads', () => {
    it('publishes its item, received when the mailbox received it, the original kept as a blob', async () => {
      const outcome = await mailCapture(deps, defaultMailLimits).handle(pulled(mail(ordinaryFields(), 'Faturam yüksek geldi.')));
      assert.equal(outcome, 'published');
      assert.deepEqual(publisher.sends, ['raw']);
      const item = JSON.parse(String(publisher.published[0]?.message.value)) as { receivedAt: string; attachments: { name?: string }[] };
      assert.equal(item.receivedAt, '2026-12-01T07:00:00.000Z');
      assert.equal(item.attachments[0]?.name, 'original.eml');
    });

    it('puts the alert on the emergency topic before the item when it reports gas', async () => {
      await mailCapture(deps, defaultMailLimits).handle(pulled(mail(ordinaryFields({ subject: 'Acil' }), 'Merdivenlerde yoğun gaz kokusu var!')));
      assert.deepEqual(publisher.sends, ['emergency', 'raw']);
    });
  });

  context('when the mail comes from a fax gateway', () => {
    const fax = Buffer.concat([Buffer.from('49492a00', 'hex'), Buffer.alloc(200, 3)]);
    const gatewayMail = (from: string, attach: boolean): Buffer => mail(
      [...ordinaryFields({ from, subject: 'Fax from +902125550100' }).filter((f) => !f.startsWith('MIME')), 'MIME-Version: 1.0', 'Content-Type: multipart/mixed; boundary="b1"'],
      multipart('b1', [
        mail(['Content-Type: text/plain; charset=utf-8'], 'You have received a 1 page fax.'),
        ...(attach ? [mail(['Content-Type: image/tiff; name="fax.tif"', 'Content-Disposition: attachment; filename="fax.tif"', 'Content-Transfer-Encoding: base64'], base64(fax))] : []),
      ]),
    );
    const gateways = { addresses: ['@faxgw.example', 'scan@office.example'], ocrTopic: 'ocr' };

    it('sends each attached document to OCR as a fax, named by its hash, and not the mail itself', async () => {
      assert.equal(await mailCapture(deps, defaultMailLimits, gateways).handle(pulled(gatewayMail('Fax Gateway <noreply@FAXGW.example>', true))), 'published');
      assert.deepEqual(publisher.sends, ['ocr']);
      const job = JSON.parse(String(publisher.published[0]?.message.value)) as { itemId: string; channel: string; document: { ref: string; contentType: string } };
      const hex = createHash('sha256').update(fax).digest('hex');
      assert.equal(job.itemId, `document:${hex.slice(0, 32)}`);
      assert.equal(job.channel, 'fax');
      assert.equal(job.document.ref, `sha256:${hex}`);
      assert.equal(job.document.contentType, 'image/tiff');
    });

    it('takes a gateway mail without a document, and a document from anyone else, as ordinary mail', async () => {
      await mailCapture(deps, defaultMailLimits, gateways).handle(pulled(gatewayMail('noreply@faxgw.example', false)));
      await mailCapture(deps, defaultMailLimits, gateways).handle(pulled(gatewayMail('Ayşe <ayse@example.com>', true)));
      assert.deepEqual(publisher.sends, ['raw', 'raw']);
    });
  });

  context('when the bytes are no mail', () => {
    it('dead-letters them inline with the reason, and logs no content', async () => {
      const garbage = Buffer.from('\u0000\u0001 not a message at all');
      assert.equal(await mailCapture(deps, defaultMailLimits).handle(pulled(garbage)), 'rejected');
      const [letter] = publisher.published;
      assert.equal(letter?.topic, 'dead-letter');
      assert.deepEqual(letter?.message.value, garbage);
      assert.equal(letter?.message.headers?.['x-error-code'], 'INTAKE_INPUT_UNREADABLE');
      assert.equal(letter?.message.headers?.['x-source'], 'email/support');
      assert.doesNotMatch(JSON.stringify(logs.lines()), /not a message/);
    });
  });

  context('when the mail was too large to download', () => {
    it('dead-letters its headers as a blob, naming it in the headers', async () => {
      const headers = Buffer.from('From: a@example.com\r\nSubject: big\r\n\r\n');
      assert.equal(await mailCapture(deps, defaultMailLimits).handle(pulled(null, headers)), 'rejected');
      const [letter] = publisher.published;
      assert.equal(letter?.message.headers?.['x-error-code'], 'INTAKE_REQUEST_TOO_LARGE');
      assert.match(String(letter?.message.headers?.['x-blob']), /^sha256:[0-9a-f]{64}$/);
      assert.equal(letter?.message.value?.length, 0);
      assert.deepEqual(await deps.blobStore.get(String(letter?.message.headers?.['x-blob'])), headers);
    });
  });
});
