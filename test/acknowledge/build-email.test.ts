import assert from 'node:assert/strict';
import { buildEmailAcknowledgement, type AcknowledgementMail, type EmailAcknowledgement } from '../../acknowledge/build-email.js';
import type { Outcome } from '../../schemas/types.generated.js';
import { validateOutcome } from '../../runtime/schemas.js';
import { customer } from '../sink/decision-fixture.js';
import { emailOutcome, now, settings } from './outcome-fixture.js';

function mailOf(outcome: Outcome): AcknowledgementMail {
  assert.ok(validateOutcome(outcome), 'the fixture is a valid outcome');
  const built = buildEmailAcknowledgement(outcome, settings, now);
  assert.ok(built.due, `expected an acknowledgement, got ${built.due ? '' : built.reason}`);
  return built.mail;
}

function reasonOf(outcome: Outcome): string | null {
  const built: EmailAcknowledgement = buildEmailAcknowledgement(outcome, settings, now);
  return built.due ? null : built.reason;
}

const replyTo = (address: string, extra: { messageId?: string; subject?: string } = {}): { decision: Partial<Outcome['decision']> } => ({ decision: { replyTo: { address, ...extra } } });

describe('buildEmailAcknowledgement', () => {
  context('when a complete e-mail application was recorded (crm)', () => {
    const outcome = emailOutcome('crm', { decision: { itemId: 'email:0123456789abcdef0123456789abcdef' } });
    const mail = mailOf(outcome);

    it('answers the sender with the number in the subject, as a reply to their mail', () => {
      assert.equal(mail.to, 'ayse@example.com');
      assert.equal(mail.subject, '[Başvuru No: 2026-000123] Re: Fatura itirazı');
      assert.equal(mail.inReplyTo, '<a1@example.com>');
      assert.deepEqual(mail.references, ['<a1@example.com>']);
    });

    it('marks itself as an automatic reply', () => {
      assert.equal(mail.headers['Auto-Submitted'], 'auto-replied');
    });

    it('takes a Message-ID derived from the item id, the same on every build', () => {
      assert.equal(mail.messageId, '<ack.email.0123456789abcdef0123456789abcdef@igdas.example>');
      assert.equal(mailOf(outcome).messageId, mail.messageId);
    });

    it('greets the customer by name and gives the number, the topic and the deadline in Istanbul time', () => {
      assert.match(mail.text, /^Sayın Ayşe Yılmaz,\n\n/);
      assert.match(mail.text, /Başvurunuz 2026-000123 numarasıyla kaydedilmiştir\./);
      assert.match(mail.text, /Konu: Fatura \/ Yüksek fatura/);
      // Received 09:00Z + 72 h = 13 March 09:00Z, which is 12:00 in Istanbul.
      assert.match(mail.text, /en geç 13 Mart 2026 12:00 tarihine kadar/);
      assert.match(mail.text, /\n\nİGDAŞ Çağrı Merkezi\n$/);
    });

    it('asks for nothing and says nothing of 187', () => {
      assert.doesNotMatch(mail.text, /ihtiyacımız var|187/);
    });
  });

  context('when an incomplete e-mail application was recorded (needs-info)', () => {
    const mail = mailOf(emailOutcome('needs-info', { decision: { missing: ['nationalId', 'contractAccountNumber'], reasons: ['MISSING_NATIONAL_ID', 'MISSING_CONTRACT_ACCOUNT'] } }));

    it('lists what is missing in Turkish words', () => {
      assert.match(mail.text, /ihtiyacımız var:\n- T\.C\. Kimlik Numaranız\n- Sözleşme Hesap Numaranız \(faturanızda yazılıdır\)\n/);
    });

    it('says to reply keeping the number in the subject, and promises no deadline yet', () => {
      assert.match(mail.text, /bu e-postayı yanıtlayarak gönderebilirsiniz\. Lütfen konu satırındaki \[Başvuru No: 2026-000123\] ifadesini silmeyin/);
      assert.doesNotMatch(mail.text, /en geç/);
    });

    it('has words for every missing-field code of the schema', () => {
      const every = ['fullName', 'contact', 'nationalId', 'contractAccountNumber', 'description'] as const;
      const text = mailOf(emailOutcome('needs-info', { decision: { missing: [...every] } })).text;
      for (const words of ['Adınız ve soyadınız', 'telefon numarası, e-posta ya da adres', 'T.C. Kimlik Numaranız', 'Sözleşme Hesap Numaranız', 'önerinizin açıklaması']) assert.ok(text.includes(words), words);
    });
  });

  context('when the customer reported gas smell or a leak', () => {
    it('tells them first to call 187 at once', () => {
      const text = mailOf(emailOutcome('crm', { decision: { emergency: true, reasons: ['COMPLETE', 'EMERGENCY_REPORTED'] } })).text;
      const [greeting, first] = text.split('\n\n');
      assert.equal(greeting, 'Sayın Ayşe Yılmaz,');
      assert.match(first ?? '', /hiç beklemeden 187 Doğal Gaz Acil hattını arayın/);
    });
  });

  context('when someone wrote for the customer', () => {
    it('greets the person who wrote', () => {
      assert.match(mailOf(emailOutcome('crm', { decision: { contactPerson: { fullName: 'Mehmet Yılmaz' } } })).text, /^Sayın Mehmet Yılmaz,/);
    });
  });

  context('when no name is known', () => {
    it('greets the customer without one', () => {
      assert.match(mailOf(emailOutcome('needs-info', { decision: { customer: { ...customer, fullName: null }, missing: ['fullName'] } })).text, /^Sayın Müşterimiz,/);
    });
  });

  context('when the original subject', () => {
    const subjectFor = (subject: string | undefined): string => mailOf(emailOutcome('crm', replyTo('ayse@example.com', { messageId: '<a1@example.com>', ...(subject === undefined ? {} : { subject }) }))).subject;

    it('is already a reply, adds no second "Re:"', () => {
      assert.equal(subjectFor('Re: Fatura itirazı'), '[Başvuru No: 2026-000123] Re: Fatura itirazı');
      assert.equal(subjectFor('RE: Sayaç'), '[Başvuru No: 2026-000123] RE: Sayaç');
      assert.equal(subjectFor('YNT: Sayaç'), '[Başvuru No: 2026-000123] YNT: Sayaç');
    });

    it('is missing or blank, says the application was recorded', () => {
      assert.equal(subjectFor(undefined), '[Başvuru No: 2026-000123] Başvurunuz kaydedildi');
      assert.equal(subjectFor('  '), '[Başvuru No: 2026-000123] Başvurunuz kaydedildi');
    });

    it('holds line breaks, keeps it on one line', () => {
      assert.equal(subjectFor('Fatura\r\nBcc: x@example.com'), '[Başvuru No: 2026-000123] Re: Fatura Bcc: x@example.com');
    });
  });

  context('when the mail had no Message-ID, or a malformed one', () => {
    it('threads nothing rather than copy it into a header', () => {
      for (const extra of [{}, { messageId: 'not-an-id' }, { messageId: '<a\r\nX: y@example.com>' }]) {
        const mail = mailOf(emailOutcome('crm', replyTo('ayse@example.com', extra)));
        assert.equal(mail.inReplyTo, null);
        assert.deepEqual(mail.references, []);
      }
    });
  });

  context('when no acknowledgement is due', () => {
    const cases: Array<[string, Outcome, string]> = [
      ['an ignored item (an auto-reply)', emailOutcome('ignored'), 'NOT_ACKNOWLEDGED_KIND'],
      ['an archive-only item', emailOutcome('archive-only'), 'NOT_ACKNOWLEDGED_KIND'],
      ['another channel', emailOutcome('crm', { decision: { channel: 'webform' } }), 'NOT_EMAIL'],
      ['an e-mail without a return address', emailOutcome('crm', { decision: { replyTo: undefined } }), 'NO_REPLY_ADDRESS'],
      ['a repeat or follow-up (linked)', emailOutcome('crm', { applicationNumber: null, decision: { linkedTo: { itemId: 'email:0000000000000000000000000000000a', applicationNumber: '2026-000100' }, reasons: ['FOLLOW_UP_LINKED'] } }), 'LINKED'],
      ['a machine\'s mail kept for its gas report', emailOutcome('crm', { decision: { emergency: true, reasons: ['AUTO_REPLY', 'EMERGENCY_REPORTED'] } }), 'AUTOMATIC'],
      ['an outcome recorded more than maxAgeHours ago', emailOutcome('crm', { recordedAt: '2026-03-09T09:04:59.000Z' }), 'TOO_OLD'],
      ['one of our addresses', emailOutcome('crm', replyTo('Intake@Mail-Relay.example')), 'OWN_ADDRESS'],
      ['the From address itself', emailOutcome('crm', replyTo('basvuru@igdas.example')), 'OWN_ADDRESS'],
      ['an address at one of our domains', emailOutcome('crm', replyTo('someone@igdas.example')), 'OWN_ADDRESS'],
      ['an address below one of our domains', emailOutcome('crm', replyTo('someone@mail.igdas.example')), 'OWN_ADDRESS'],
      ['a bounce sender', emailOutcome('crm', replyTo('MAILER-DAEMON@example.com')), 'MACHINE_ADDRESS'],
      ['a no-reply sender', emailOutcome('crm', replyTo('no-reply@shop.example')), 'MACHINE_ADDRESS'],
      ['a list robot', emailOutcome('crm', replyTo('announce-request@lists.example')), 'MACHINE_ADDRESS'],
    ];
    for (const [what, outcome, reason] of cases) {
      it(`gives ${reason} for ${what}`, () => {
        assert.ok(validateOutcome(outcome), 'the fixture is a valid outcome');
        assert.equal(reasonOf(outcome), reason);
      });
    }

    it('gives INVALID_ADDRESS for an obviously broken address', () => {
      for (const address of ['ayse', '@example.com', 'ayse@', 'ayse@example', 'ay se@example.com', 'ayse@example.com\r\nBcc: x@example.com', '<ayse@example.com>', 'a,b@example.com', 'ayse..y@example.com', `${'a'.repeat(65)}@example.com`]) {
        assert.equal(reasonOf(emailOutcome('crm', replyTo(address))), 'INVALID_ADDRESS', address);
      }
    });

    it('still answers a customer whose domain only ends like ours', () => {
      assert.equal(reasonOf(emailOutcome('crm', replyTo('ayse@notigdas.example'))), null);
    });
  });
});
