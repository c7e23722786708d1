/** The SMS acknowledgement's rules and its text, without Twilio. */
import assert from 'node:assert/strict';
import { buildSmsAcknowledgement } from '../../acknowledge/build-sms.js';
import type { MissingField } from '../../acknowledge/missing-fields.js';
import { EMERGENCY_LINE, SMS_MAX_UNITS, smsSegments, smsText } from '../../acknowledge/sms-text.js';
import { validateOutcome } from '../../runtime/schemas.js';
import { customerNumber, now, smsOutcome, smsSettings } from './sms-fixture.js';

const reasonOf = (outcome: ReturnType<typeof smsOutcome>): string => {
  const built = buildSmsAcknowledgement(outcome, smsSettings, now);
  return built.due ? 'due' : built.reason;
};

describe('buildSmsAcknowledgement', () => {
  it('takes a schema-valid SMS outcome (the fixture)', () => {
    assert.ok(validateOutcome(smsOutcome('needs-info')));
  });

  context('when a crm SMS from a mobile number was recorded', () => {
    it('texts the sender the application number, claimed on the sms channel', () => {
      const outcome = smsOutcome('crm');
      const built = buildSmsAcknowledgement(outcome, smsSettings, now);
      assert.ok(built.due);
      assert.deepEqual(built.claim, { itemId: outcome.decision.itemId, channel: 'sms', applicationNumber: '2026-000123' });
      assert.deepEqual(built.sms, { to: customerNumber, body: 'Başvurunuz 2026-000123 numarasıyla alındı.' });
    });
  });

  context('when a needs-info SMS reported gas', () => {
    it('names 187 first, then the number and what is missing, in the short words', () => {
      const built = buildSmsAcknowledgement(smsOutcome('needs-info', { decision: { emergency: true, missing: ['nationalId', 'contractAccountNumber'] } }), smsSettings, now);
      assert.ok(built.due);
      assert.equal(built.sms.body, "Gaz kokusu için hemen 187'yi arayın. Başvurunuz 2026-000123 numarasıyla alındı. Eksik: T.C. kimlik no, sözleşme hesap no.");
      assert.equal(smsSegments(built.sms.body), 2);
    });
  });

  context('when no acknowledgement is due', () => {
    const cases: [string, ReturnType<typeof smsOutcome>, string][] = [
      ['an ignored item', smsOutcome('ignored'), 'NOT_ACKNOWLEDGED_KIND'],
      ['an archive-only item', smsOutcome('archive-only'), 'NOT_ACKNOWLEDGED_KIND'],
      ['another channel', smsOutcome('crm', { decision: { channel: 'email' } }), 'NOT_SMS'],
      ['a repeat or follow-up', smsOutcome('crm', { decision: { linkedTo: { itemId: 'sms:first', applicationNumber: '2026-000100' } } }), 'LINKED'],
      ['no application number', smsOutcome('crm', { applicationNumber: null }), 'NO_APPLICATION_NUMBER'],
      ['a carrier auto-reply kept for its gas report', smsOutcome('crm', { decision: { reasons: ['AUTO_REPLY', 'COMPLETE'] } }), 'AUTOMATIC'],
      ['an outcome older than maxAgeHours', smsOutcome('crm', { recordedAt: '2026-03-09T09:04:00.000Z' }), 'TOO_OLD'],
      ['a phone read out of the text', smsOutcome('crm', { decision: { provenance: { phone: { source: 'text', confidence: 0.9 } } } }), 'NO_SENDER_NUMBER'],
      ['no phone provenance', smsOutcome('crm', { decision: { provenance: {} } }), 'NO_SENDER_NUMBER'],
      ['no phone', smsOutcome('crm', { decision: { customer: { ...smsOutcome().decision.customer, phone: null } } }), 'NO_SENDER_NUMBER'],
      ['a number not in E.164', smsOutcome('crm', { decision: { customer: { ...smsOutcome().decision.customer, phone: '05321234567' } } }), 'INVALID_NUMBER'],
      ['a short code', smsOutcome('crm', { decision: { customer: { ...smsOutcome().decision.customer, phone: '+902' } } }), 'INVALID_NUMBER'],
      ['a landline', smsOutcome('crm', { decision: { customer: { ...smsOutcome().decision.customer, phone: '+902125551234' } } }), 'NOT_MOBILE'],
      ['our own number', smsOutcome('crm', { decision: { customer: { ...smsOutcome().decision.customer, phone: '+905001112233' } } }), 'OWN_NUMBER'],
    ];
    const own = { ...smsSettings, ownNumber: '+905001112233' };
    for (const [what, outcome, reason] of cases) {
      it(`skips ${what}: ${reason}`, () => {
        const built = buildSmsAcknowledgement(outcome, reason === 'OWN_NUMBER' ? own : smsSettings, now);
        assert.equal(built.due ? 'due' : built.reason, reason);
      });
    }

    it('answers an outcome within maxAgeHours, and the first delivery or a redelivery alike', () => {
      assert.equal(reasonOf(smsOutcome('crm', { recordedAt: '2026-03-09T09:06:00.000Z' })), 'due');
      assert.equal(reasonOf(smsOutcome('crm', { firstWrite: false })), 'due');
    });
  });
});

describe('smsText', () => {
  const fields: MissingField[] = ['fullName', 'contact', 'nationalId', 'contractAccountNumber', 'description'];
  const subsets = (list: MissingField[]): MissingField[][] => list.reduce<MissingField[][]>((all, f) => [...all, ...all.map((s) => [...s, f])], [[]]);

  it('stays within two UCS-2 segments for every kind, emergency and set of missing fields', () => {
    for (const missing of subsets(fields)) {
      for (const emergency of [false, true]) {
        for (const kind of ['crm', 'needs-info'] as const) {
          const text = smsText({ kind, applicationNumber: '2026-000123', emergency, missing });
          assert.ok(text.length <= SMS_MAX_UNITS, text);
          assert.ok(smsSegments(text) <= 2, text);
          assert.equal(text.startsWith(EMERGENCY_LINE), emergency, text);
          assert.match(text, /Başvurunuz 2026-000123 numarasıyla alındı\./);
          assert.equal(/Eksik|153/.test(text), kind === 'needs-info', text);
        }
      }
    }
  });

  it('lists what is missing when it fits, each once, and sends to 153 when it does not', () => {
    assert.equal(smsText({ kind: 'needs-info', applicationNumber: '2026-000123', emergency: false, missing: ['fullName', 'fullName', 'description'] }), 'Başvurunuz 2026-000123 numarasıyla alındı. Eksik: ad soyad, başvuru açıklaması.');
    assert.equal(smsText({ kind: 'needs-info', applicationNumber: '2026-000123', emergency: true, missing: fields }), `${EMERGENCY_LINE} Başvurunuz 2026-000123 numarasıyla alındı. Eksik bilgileriniz için 153'ü arayın.`);
  });

  it('counts GSM-7 and UCS-2 segments', () => {
    assert.equal(smsSegments('a'.repeat(160)), 1);
    assert.equal(smsSegments('a'.repeat(161)), 2);
    assert.equal(smsSegments('ş'.repeat(70)), 1);
    assert.equal(smsSegments('ş'.repeat(71)), 2);
    assert.equal(smsSegments('ş'.repeat(135)), 3);
  });
});
