/** The masking of Kafka messages for `intake peek` and `intake dlq show`: pure, by field name. */
import assert from 'node:assert/strict';
import type { Outcome, TranscriptionJob } from '../../schemas/types.generated.js';
import { maskHeaders, maskPayload, maskPlainText } from '../../cli/message-mask.js';
import { formItem, validNationalId } from '../normalizer/raw-item-fixture.js';
import { decision } from '../sink/decision-fixture.js';

describe('message masking', () => {
  context('when a raw item carries a form and a text', () => {
    const item = formItem('webform', { email: 'ayse.isik@example.com', address: 'Moda Cad. No 5 Kadıköy', contractAccountNumber: '1234567890' }, {
      text: { body: 'Faturam yüksek geldi', subject: 'Fatura', sender: 'ayse.isik@example.com', senderName: 'Ayşe Işık' },
      attachments: [{ ref: `sha256:${'a'.repeat(64)}`, contentType: 'application/pdf', size: 10, name: 'Ayse Isik dilekce.pdf' }],
    });
    const masked = maskPayload(item) as typeof item;

    it('keeps initials of names, the last two digits of numbers and the domain of addresses', () => {
      assert.equal(masked.form?.fullName, 'a*** I***');
      assert.equal(masked.form?.nationalId, `*********${validNationalId.slice(-2)}`);
      assert.equal(masked.form?.phone, '************67');
      assert.equal(masked.form?.contractAccountNumber, '********90');
      assert.equal(masked.form?.email, 'a***@example.com');
      assert.equal(masked.text?.sender, 'a***@example.com');
      assert.equal(masked.text?.senderName, 'A*** I***');
    });

    it('shows free text and file names as their length', () => {
      assert.equal(masked.form?.address, maskPlainText('Moda Cad. No 5 Kadıköy'));
      assert.equal(masked.form?.description, maskPlainText(item.form?.description ?? ''));
      assert.equal(masked.text?.body, '[20 characters]');
      assert.equal(masked.text?.subject, '[6 characters]');
      assert.equal(masked.attachments[0]?.name, '[21 characters]');
    });

    it('keeps ids, codes, channels and references', () => {
      assert.equal(masked.itemId, item.itemId);
      assert.equal(masked.channel, 'webform');
      assert.equal(masked.form?.district, 'Kadıköy');
      assert.equal(masked.form?.mainTopic, 'billing');
      assert.deepEqual(masked.attachments[0]?.ref, item.attachments[0]?.ref);
    });

    it('leaves the item it was given as it was', () => {
      assert.equal(item.form?.fullName, 'ayşe IŞIK');
    });
  });

  context('when an outcome carries a decision with a return address', () => {
    const d = decision('crm');
    const outcome: Outcome = {
      schemaVersion: 1, applicationNumber: '2026-000001', recordedAt: '2026-03-10T09:00:01.000Z', firstWrite: true,
      decision: { ...d, replyTo: { address: 'ayse@example.com', subject: 'Fatura itirazı' }, contactPerson: { fullName: 'Mehmet Işık', phone: '+905321234567' } },
    };
    const masked = maskPayload(outcome) as Outcome;

    it('masks the return address as an e-mail address, not as free text', () => {
      assert.equal(masked.decision.replyTo?.address, 'a***@example.com');
      assert.equal(masked.decision.replyTo?.subject, '[14 characters]');
    });

    it('masks the customer and the contact person', () => {
      assert.equal(masked.decision.customer.fullName, 'A*** Y***');
      assert.equal(masked.decision.customer.email, 'a***@example.com');
      assert.equal(masked.decision.customer.address, '[11 characters]');
      assert.equal(masked.decision.contactPerson?.fullName, 'M*** I***');
      assert.equal(masked.decision.contactPerson?.phone, '***********67');
      assert.equal(masked.applicationNumber, '2026-000001');
    });
  });

  context('when a voicemail job names its caller and carries a transcript', () => {
    const job: TranscriptionJob = {
      schemaVersion: 1, itemId: 'voicemail:1', channel: 'voicemail', connector: 'twilio', sourceRef: 'RE1', receivedAt: '2026-03-10T09:00:00Z',
      sender: '+905321234567', recording: { status: 'absent', reason: 'silent' }, providedTranscript: { transcriber: 'twilio', status: 'completed', text: 'gaz kokusu var' },
    };

    it('masks the number as digits and the transcript as its length', () => {
      const masked = maskPayload(job) as TranscriptionJob;
      assert.equal(masked.sender, '***********67');
      assert.equal(masked.providedTranscript?.text, '[14 characters]');
      assert.deepEqual(masked.recording, job.recording);
    });
  });

  it('masks a dead letter\'s file name among its headers, and nothing else', () => {
    assert.deepEqual(maskHeaders({ 'x-file': 'Ayse Isik.pdf', 'x-error-code': 'INTAKE_REQUEST_TOO_LARGE', schema: 'raw-item/1' }), { 'x-file': '[13 characters]', 'x-error-code': 'INTAKE_REQUEST_TOO_LARGE', schema: 'raw-item/1' });
  });
});
