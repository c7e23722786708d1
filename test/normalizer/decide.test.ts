import assert from 'node:assert/strict';
import topics from '../../normalizer/catalogue/topics.json' with { type: 'json' };
import { decide } from '../../normalizer/decide.js';
import { fieldErrors, validateDecision } from '../../runtime/schemas.js';
import type { Decision, RawItem } from '../../schemas/types.generated.js';
import { formItem, rawItem, receivedAt, validNationalId } from './raw-item-fixture.js';

/** Every item decided in this file, so that the last test can check them all against the schema. */
const decided: { item: RawItem; decision: Decision }[] = [];

function decideChecked(item: RawItem): Decision {
  const decision = decide(item);
  decided.push({ item, decision });
  return decision;
}

/** Unit and hours of a sub-topic, read from the shipped catalogue itself. */
function catalogueEntry(main: string, sub: string): { unit: string; resolutionHours: number } {
  const found = topics.mainTopics.find((m) => m.id === main)?.subTopics.find((s) => s.id === sub);
  if (!found) throw new Error(`${main}/${sub} is not in topics.json`);
  return { unit: found.unit, resolutionHours: found.resolutionHours };
}

// receivedAt is 2026-03-10T12:00:00+03:00, i.e. 09:00Z.
const receivedMs = Date.parse('2026-03-10T09:00:00.000Z');

describe('decide', () => {
  context('when a web form is complete', () => {
    it('sends it to the CRM with COMPLETE and TOPIC_FROM_FORM', () => {
      const item = formItem('webform');
      const decision = decideChecked(item);
      assert.equal(decision.kind, 'crm');
      assert.deepEqual(decision.reasons, ['COMPLETE', 'TOPIC_FROM_FORM']);
      assert.deepEqual(decision.missing, []);
      assert.equal(decision.itemId, item.itemId);
      assert.equal(decision.channel, 'webform');
      assert.equal(decision.receivedAt, receivedAt);
      assert.equal(decision.enteredBy, null);
      assert.equal(decision.emergency, false);
      assert.equal(decision.customer.fullName, 'Ayşe Işık');
      assert.equal(decision.customer.nationalId, validNationalId);
      assert.equal(decision.customer.phone, '+905321234567');
    });

    it('assigns the unit and resolution time of the chosen topic from topics.json', () => {
      const decision = decideChecked(formItem('webform', { mainTopic: 'billing', subTopic: 'high-bill' }));
      const expected = catalogueEntry('billing', 'high-bill');
      assert.deepEqual(decision.topic, { main: 'billing', sub: 'high-bill' });
      assert.equal(decision.unit, expected.unit);
      assert.equal(decision.resolutionHours, expected.resolutionHours);
      assert.equal(decision.unit, 'billing-collection');
      assert.equal(decision.resolutionHours, 120);
    });

    it('sets the deadline to receivedAt plus the resolution time, in UTC', () => {
      const decision = decideChecked(formItem('webform', { mainTopic: 'billing', subTopic: 'high-bill' }));
      assert.equal(decision.deadline, '2026-03-15T09:00:00.000Z');
      assert.equal(decision.deadline, new Date(receivedMs + catalogueEntry('billing', 'high-bill').resolutionHours * 3_600_000).toISOString());
    });
  });

  context('when the form names a main topic but no sub-topic', () => {
    it('takes the unit and hours of its first sub-topic', () => {
      const decision = decideChecked(formItem('webform', { mainTopic: 'meter', subTopic: undefined }));
      assert.deepEqual(decision.topic, { main: 'meter', sub: null });
      assert.equal(decision.unit, 'metering');
      assert.equal(decision.resolutionHours, 72);
      assert.equal(decision.deadline, '2026-03-13T09:00:00.000Z');
      assert.ok(decision.reasons.includes('TOPIC_FROM_FORM'));
    });
  });

  // A text no catalogue phrase matches, so that only the form's choice can place it.
  const unclassifiable = 'Lütfen en kısa zamanda beni arayın.';

  context('when the form names a topic the catalogue does not know', () => {
    it('routes it to the solution group with the fallback time and TOPIC_UNKNOWN', () => {
      const decision = decideChecked(formItem('webform', { mainTopic: 'weather', subTopic: 'rain', description: unclassifiable }));
      assert.equal(decision.kind, 'crm');
      assert.deepEqual(decision.reasons, ['COMPLETE', 'TOPIC_UNKNOWN']);
      assert.equal(decision.topic, null);
      assert.equal(decision.unit, topics.fallback.unit);
      assert.equal(decision.resolutionHours, topics.fallback.resolutionHours);
      assert.equal(decision.unit, 'solution-group');
      assert.equal(decision.resolutionHours, 72);
      assert.equal(decision.deadline, '2026-03-13T09:00:00.000Z');
    });

    it('treats a known main topic with an unknown sub-topic as unknown', () => {
      const decision = decideChecked(formItem('webform', { mainTopic: 'billing', subTopic: 'no-such-sub', description: unclassifiable }));
      assert.ok(decision.reasons.includes('TOPIC_UNKNOWN'));
      assert.equal(decision.unit, 'solution-group');
    });

    it('classifies the text instead when it can, keeping both reasons and the evidence', () => {
      const decision = decideChecked(formItem('webform', { mainTopic: 'weather', subTopic: 'rain' }));
      assert.deepEqual(decision.reasons, ['COMPLETE', 'TOPIC_UNKNOWN', 'TOPIC_CLASSIFIED']);
      assert.equal(decision.topic?.main, 'billing');
      assert.equal(decision.unit, 'billing-collection');
      assert.ok(decision.topicEvidence.length > 0);
    });
  });

  context('when the form names no topic', () => {
    it('routes it to the solution group with the fallback time and TOPIC_UNSPECIFIED', () => {
      const decision = decideChecked(formItem('webform', { mainTopic: undefined, subTopic: undefined, description: unclassifiable }));
      assert.equal(decision.kind, 'crm');
      assert.deepEqual(decision.reasons, ['COMPLETE', 'TOPIC_UNSPECIFIED']);
      assert.equal(decision.topic, null);
      assert.equal(decision.unit, 'solution-group');
      assert.equal(decision.resolutionHours, 72);
      assert.equal(decision.deadline, '2026-03-13T09:00:00.000Z');
    });

    it('treats a blank main topic as no topic', () => {
      const decision = decideChecked(formItem('webform', { mainTopic: '   ', subTopic: undefined, description: unclassifiable }));
      assert.ok(decision.reasons.includes('TOPIC_UNSPECIFIED'));
    });
  });

  context('when the topic is a gas emergency', () => {
    for (const sub of ['gas-smell', 'gas-leak', 'damaged-line']) {
      it(`flags emergency/${sub} as an emergency for 187 with a 1-hour deadline`, () => {
        const decision = decideChecked(formItem('webform', { mainTopic: 'emergency', subTopic: sub }));
        assert.equal(decision.emergency, true);
        assert.equal(decision.unit, 'emergency-dispatch');
        assert.equal(decision.resolutionHours, 1);
        assert.equal(decision.deadline, '2026-03-10T10:00:00.000Z');
      });
    }

    it('flags it even when the application is incomplete', () => {
      const decision = decideChecked(formItem('webform', { mainTopic: 'emergency', subTopic: 'gas-smell', nationalId: undefined }));
      assert.equal(decision.kind, 'needs-info');
      assert.equal(decision.emergency, true);
    });
  });

  context('when the topic is not an emergency', () => {
    it('does not flag it', () => {
      assert.equal(decideChecked(formItem('webform', { mainTopic: 'supply', subTopic: 'low-pressure' })).emergency, false);
    });
  });

  context('when a subscriber gives the contract account number and the national ID', () => {
    it('sends it to the CRM', () => {
      const decision = decideChecked(formItem('webform', { isSubscriber: true, contractAccountNumber: '1234567890' }));
      assert.equal(decision.kind, 'crm');
      assert.equal(decision.customer.contractAccountNumber, '1234567890');
    });
  });

  context('when a subscriber gives no contract account number', () => {
    it('asks for it (needs-info, MISSING_CONTRACT_ACCOUNT)', () => {
      const decision = decideChecked(formItem('webform', { isSubscriber: true }));
      assert.equal(decision.kind, 'needs-info');
      assert.deepEqual(decision.missing, ['contractAccountNumber']);
      assert.deepEqual(decision.reasons, ['MISSING_CONTRACT_ACCOUNT', 'TOPIC_FROM_FORM']);
    });
  });

  context('when a subscriber gives no national ID', () => {
    it('asks for it (needs-info, MISSING_NATIONAL_ID)', () => {
      const decision = decideChecked(formItem('webform', { isSubscriber: true, contractAccountNumber: '1234567890', nationalId: undefined }));
      assert.equal(decision.kind, 'needs-info');
      assert.deepEqual(decision.missing, ['nationalId']);
    });
  });

  context('when a person without a subscription gives no national ID', () => {
    it('asks for it (needs-info, MISSING_NATIONAL_ID)', () => {
      const decision = decideChecked(formItem('webform', { isSubscriber: false, nationalId: undefined }));
      assert.equal(decision.kind, 'needs-info');
      assert.deepEqual(decision.missing, ['nationalId']);
      assert.deepEqual(decision.reasons, ['MISSING_NATIONAL_ID', 'TOPIC_FROM_FORM']);
    });
  });

  context('when a contract account number is given without the subscription box', () => {
    it('treats the person as a subscriber and requires the national ID too', () => {
      const complete = decideChecked(formItem('webform', { contractAccountNumber: '1234567890' }));
      assert.equal(complete.kind, 'crm');
      assert.equal(complete.customer.isSubscriber, true);
      const incomplete = decideChecked(formItem('webform', { contractAccountNumber: '1234567890', nationalId: undefined }));
      assert.equal(incomplete.kind, 'needs-info');
      assert.deepEqual(incomplete.missing, ['nationalId']);
    });
  });

  context('when the name is missing', () => {
    it('asks for it (needs-info, MISSING_FULL_NAME)', () => {
      const decision = decideChecked(formItem('webform', { fullName: undefined }));
      assert.equal(decision.kind, 'needs-info');
      assert.deepEqual(decision.missing, ['fullName']);
      assert.ok(decision.reasons.includes('MISSING_FULL_NAME'));
    });
  });

  context('when the only contact is an e-mail or a postal address', () => {
    it('sends it to the CRM', () => {
      assert.equal(decideChecked(formItem('webform', { phone: undefined, email: 'ayse@example.com' })).kind, 'crm');
      assert.equal(decideChecked(formItem('webform', { phone: undefined, address: 'Moda Cad. No: 1, Kadıköy' })).kind, 'crm');
    });
  });

  context('when there is no contact', () => {
    it('asks for one (needs-info, MISSING_CONTACT)', () => {
      const decision = decideChecked(formItem('webform', { phone: undefined }));
      assert.equal(decision.kind, 'needs-info');
      assert.deepEqual(decision.missing, ['contact']);
    });
  });

  context('when the phone is invalid and a valid e-mail is given', () => {
    it('sends it to the CRM and still records INVALID_PHONE', () => {
      const decision = decideChecked(formItem('webform', { phone: '0132 123 45 67', email: 'ayse@example.com' }));
      assert.equal(decision.kind, 'crm');
      assert.deepEqual(decision.reasons, ['COMPLETE', 'INVALID_PHONE', 'TOPIC_FROM_FORM']);
      assert.equal(decision.customer.phone, null);
      assert.equal(decision.customer.email, 'ayse@example.com');
    });
  });

  context('when the description is missing', () => {
    it('asks for it (needs-info, MISSING_DESCRIPTION)', () => {
      const decision = decideChecked(formItem('webform', { description: undefined }));
      assert.equal(decision.kind, 'needs-info');
      assert.deepEqual(decision.missing, ['description']);
      assert.equal(decision.description, null);
    });
  });

  context('when the customer proposes a solution', () => {
    it('keeps it in decision.proposedSolution with PROPOSED_SOLUTION_KEPT', () => {
      const decision = decideChecked(formItem('webform', { proposedSolution: 'Sayacın yerinde kontrol edilmesini istiyorum.' }));
      assert.equal(decision.kind, 'crm');
      assert.deepEqual(decision.reasons, ['COMPLETE', 'PROPOSED_SOLUTION_KEPT', 'TOPIC_FROM_FORM']);
      assert.equal(decision.proposedSolution, 'Sayacın yerinde kontrol edilmesini istiyorum.');
    });
  });

  context('when no solution is proposed', () => {
    it('leaves proposedSolution null', () => {
      assert.equal(decideChecked(formItem('webform')).proposedSolution, null);
    });
  });

  for (const channel of ['fax', 'letter'] as const) {
    context(`when a ${channel} contains all the required information`, () => {
      it('sends it to the CRM with a unit and a deadline', () => {
        const decision = decideChecked(formItem(channel));
        assert.equal(decision.kind, 'crm');
        assert.deepEqual(decision.reasons, ['COMPLETE', 'TOPIC_FROM_FORM']);
        assert.equal(decision.unit, 'billing-collection');
        assert.equal(decision.deadline, '2026-03-15T09:00:00.000Z');
      });
    });

    context(`when a ${channel} has no national ID`, () => {
      it('archives it with PAPER_INCOMPLETE_ARCHIVED and MISSING_NATIONAL_ID, without unit or deadline', () => {
        const decision = decideChecked(formItem(channel, { nationalId: undefined }));
        assert.equal(decision.kind, 'archive-only');
        assert.deepEqual(decision.reasons, ['PAPER_INCOMPLETE_ARCHIVED', 'MISSING_NATIONAL_ID']);
        assert.deepEqual(decision.missing, ['nationalId']);
        assert.equal(decision.topic, null);
        assert.equal(decision.unit, null);
        assert.equal(decision.resolutionHours, null);
        assert.equal(decision.deadline, null);
      });
    });

    context(`when a ${channel} is only OCR text`, () => {
      it('archives it, listing what it lacks', () => {
        const decision = decideChecked(rawItem(channel, { text: { body: 'Sayın yetkili, faturama itiraz ediyorum.' } }));
        assert.equal(decision.kind, 'archive-only');
        assert.equal(decision.reasons[0], 'PAPER_INCOMPLETE_ARCHIVED');
        // "faturama": the writer's own bill, so a subscriber, whose account number is required too.
        assert.deepEqual(decision.missing, ['fullName', 'contact', 'contractAccountNumber', 'nationalId']);
        assert.equal(decision.description, 'Sayın yetkili, faturama itiraz ediyorum.');
        assert.equal(decision.unit, null);
        assert.equal(decision.deadline, null);
      });
    });
  }

  for (const channel of ['email', 'sms', 'voicemail', 'webform'] as const) {
    context(`when an incomplete ${channel} arrives`, () => {
      it('records it as needs-info with the missing fields listed, never archive-only', () => {
        const decision = decideChecked(formItem(channel, { fullName: undefined, nationalId: undefined }));
        assert.equal(decision.kind, 'needs-info');
        assert.deepEqual(decision.missing, ['fullName', 'nationalId']);
        assert.deepEqual(decision.reasons, ['MISSING_FULL_NAME', 'MISSING_NATIONAL_ID', 'TOPIC_FROM_FORM']);
        assert.equal(decision.unit, 'billing-collection');
        assert.equal(decision.deadline, '2026-03-15T09:00:00.000Z');
      });
    });
  }

  context('when an e-mail is only free text from a known sender', () => {
    it('records it as needs-info, classified from its text, asking for name and national ID', () => {
      const decision = decideChecked(rawItem('email', { text: { subject: 'Fatura itirazı', body: 'Faturam çok yüksek geldi.', sender: 'ayse@example.com' } }));
      assert.equal(decision.kind, 'needs-info');
      assert.deepEqual(decision.missing, ['fullName', 'contractAccountNumber', 'nationalId']);
      assert.deepEqual(decision.reasons, ['EMAIL_FROM_SENDER', 'SUBSCRIBER_FROM_TEXT', 'MISSING_FULL_NAME', 'MISSING_CONTRACT_ACCOUNT', 'MISSING_NATIONAL_ID', 'TOPIC_CLASSIFIED']);
      assert.equal(decision.customer.email, 'ayse@example.com');
      assert.equal(decision.topic?.main, 'billing');
      assert.equal(decision.unit, 'billing-collection');
    });

    it('says where an acknowledgement goes: the sender, threaded under its Message-ID and subject', () => {
      const decision = decideChecked(rawItem('email', { text: { subject: 'Fatura itirazı', body: 'Faturam çok yüksek geldi.', sender: 'ayse@example.com', messageId: '<a1@example.com>' } }));
      assert.deepEqual(decision.replyTo, { address: 'ayse@example.com', messageId: '<a1@example.com>', subject: 'Fatura itirazı' });
      assert.equal(decideChecked(rawItem('sms', { text: { body: 'Sayaç arızalı.', sender: '+905321234567' } })).replyTo, undefined);
    });
  });

  context('when an SMS is only free text from a number', () => {
    it('records it as needs-info with the sender as the phone', () => {
      const decision = decideChecked(rawItem('sms', { text: { body: 'Sayaç kartım yüklenmiyor.', sender: '+905321234567' } }));
      assert.equal(decision.kind, 'needs-info');
      assert.equal(decision.customer.phone, '+905321234567');
      assert.deepEqual(decision.missing, ['fullName', 'nationalId']);
    });
  });

  context('when the message is an auto-reply', () => {
    it('ignores it with AUTO_REPLY and no routing', () => {
      const decision = decideChecked(rawItem('email', { text: { subject: 'Out of office', body: 'I am away until Monday.', sender: 'ayse@example.com', autoSubmitted: true } }));
      assert.equal(decision.kind, 'ignored');
      assert.deepEqual(decision.reasons, ['AUTO_REPLY']);
      assert.deepEqual(decision.missing, []);
      assert.equal(decision.topic, null);
      assert.equal(decision.unit, null);
      assert.equal(decision.resolutionHours, null);
      assert.equal(decision.deadline, null);
      assert.equal(decision.emergency, false);
    });
  });

  context('when the message is empty', () => {
    it('ignores an e-mail with a blank body and subject with EMPTY_MESSAGE', () => {
      const decision = decideChecked(rawItem('email', { text: { subject: ' ', body: ' \n ', sender: 'ayse@example.com' } }));
      assert.equal(decision.kind, 'ignored');
      assert.deepEqual(decision.reasons, ['EMPTY_MESSAGE']);
      assert.equal(decision.unit, null);
    });

    it('ignores a form with no fields with EMPTY_MESSAGE', () => {
      const decision = decideChecked(rawItem('webform', { form: { channel: 'webform' } }));
      assert.equal(decision.kind, 'ignored');
      assert.deepEqual(decision.reasons, ['EMPTY_MESSAGE']);
    });

    it('ignores an item with neither form nor text with EMPTY_MESSAGE', () => {
      assert.deepEqual(decideChecked(rawItem('voicemail')).reasons, ['EMPTY_MESSAGE']);
    });
  });

  context('when an otherwise empty message has an attachment', () => {
    it('does not ignore it', () => {
      const decision = decideChecked(rawItem('email', {
        text: { body: '', sender: 'ayse@example.com' },
        attachments: [{ ref: `sha256:${'a'.repeat(64)}`, contentType: 'application/pdf', size: 1024, name: 'dilekce.pdf' }],
      }));
      assert.equal(decision.kind, 'needs-info');
      assert.ok(!decision.reasons.includes('EMPTY_MESSAGE'));
    });
  });

  for (const channel of ['phone', 'face-to-face'] as const) {
    context(`when staff enter a ${channel} application`, () => {
      it('records who entered it with STAFF_ENTERED', () => {
        const decision = decideChecked(formItem(channel, { channel }, { enteredBy: 'agent-1' }));
        assert.equal(decision.kind, 'crm');
        assert.equal(decision.enteredBy, 'agent-1');
        assert.deepEqual(decision.reasons, ['COMPLETE', 'STAFF_ENTERED', 'TOPIC_FROM_FORM']);
      });
    });
  }

  context('when a staff channel item has no enteredBy', () => {
    it('does not add STAFF_ENTERED', () => {
      const decision = decideChecked(formItem('phone', { channel: 'phone' }, { enteredBy: null }));
      assert.equal(decision.enteredBy, null);
      assert.ok(!decision.reasons.includes('STAFF_ENTERED'));
    });
  });

  context('when a web form carries enteredBy', () => {
    it('keeps enteredBy but does not add STAFF_ENTERED', () => {
      const decision = decideChecked(formItem('webform', {}, { enteredBy: 'agent-1' }));
      assert.equal(decision.enteredBy, 'agent-1');
      assert.ok(!decision.reasons.includes('STAFF_ENTERED'));
    });
  });

  context('when the same item is decided twice', () => {
    it('gives deeply equal decisions', () => {
      const items = [
        formItem('webform', { proposedSolution: 'Sayaç değişsin.' }),
        formItem('fax', { nationalId: undefined }),
        rawItem('email', { text: { body: 'Merhaba', sender: 'ayse@example.com' } }),
        rawItem('sms', { text: { body: 'auto', autoSubmitted: true } }),
      ];
      for (const item of items) assert.deepEqual(decideChecked(item), decideChecked(structuredClone(item)));
    });

    it('does not change the raw item', () => {
      const item = formItem('webform', { fullName: '  ayşe   IŞIK ' });
      const copy = structuredClone(item);
      decideChecked(item);
      assert.deepEqual(item, copy);
    });
  });

  context('when an e-mail gives the customer in its text (issue 7)', () => {
    const body = [
      'Sayın İGDAŞ,', '', 'Bu ay faturam çok yüksek geldi, sayacın kontrol edilmesini rica ederim.', 'Önerim: sayacın yerinde okunması.', '',
      'T.C. Kimlik No: 702 264 222 52', 'Sözleşme Hesap No: 1234567890', 'Tel: 0532 123 45 67 (153 ü aradım ulaşamadım)', 'Adres: Caferağa Mah. Moda Cad. No:12 D:3', 'Kadıköy/İstanbul', '',
      'Saygılarımla,', 'Ayşe Yılmaz', '', '28 Kas 2026 Cmt, 10:15 tarihinde İGDAŞ <info@igdas.com.tr> şunu yazdı:', '> Başvurunuz 2026-000123 numarası ile alınmıştır.',
    ].join('\n');
    const decision = decideChecked(rawItem('email', { text: { subject: 'Fatura itirazı', body, sender: 'ayse@example.com', senderName: 'A. Y.' } }));

    it('records it in the CRM with every field read out of the text', () => {
      assert.equal(decision.kind, 'crm');
      assert.deepEqual(decision.customer, {
        fullName: 'Ayşe Yılmaz', nationalId: '70226422252', contractAccountNumber: '1234567890', phone: '+905321234567', email: 'ayse@example.com',
        district: 'Kadıköy', address: 'Caferağa Mah. Moda Cad. No:12 D:3 Kadıköy/İstanbul', isSubscriber: true,
      });
      assert.equal(decision.proposedSolution, 'sayacın yerinde okunması.');
      assert.equal(decision.caseRef, '2026-000123');
    });

    it('says where each field came from, in reason codes and in provenance', () => {
      for (const code of ['FULL_NAME_FROM_TEXT', 'NATIONAL_ID_FROM_TEXT', 'PHONE_FROM_TEXT', 'EMAIL_FROM_SENDER', 'ADDRESS_FROM_TEXT', 'CASE_REF_FOUND'] as const) {
        assert.ok(decision.reasons.includes(code), code);
      }
      assert.equal(decision.provenance.nationalId?.source, 'text');
      assert.equal(decision.provenance.email?.source, 'sender');
      assert.equal(decision.provenance.district?.source, 'text');
    });

    it('keeps the quoted reply and the signature out of the description', () => {
      assert.ok(decision.description?.includes('faturam çok yüksek geldi'));
      assert.ok(!decision.description?.includes('Başvurunuz 2026-000123'));
      assert.ok(!decision.description?.includes('Saygılarımla'));
    });
  });

  context('when the text labels a national ID that fails the checksum', () => {
    it('records INVALID_NATIONAL_ID and asks for it, never storing the number', () => {
      const decision = decideChecked(rawItem('sms', { text: { body: 'tc no 70226422253 faturam yuksek ayse yilmaz', sender: '+905321234567' } }));
      assert.equal(decision.kind, 'needs-info');
      assert.ok(decision.reasons.includes('INVALID_NATIONAL_ID'));
      assert.equal(decision.customer.nationalId, null);
    });
  });

  context('when someone writes for their mother', () => {
    it('records the mother as the customer and the writer as the contact person with their own number', () => {
      const decision = decideChecked(rawItem('sms', {
        text: { body: 'annem Fatma Kaya adina yaziyorum, annemin tc kimlik numarasi 52660684816, gazi kesildi. benim numaram 0505 111 22 33. Saygilarimla Mehmet Kaya', sender: '+905051112233' },
      }));
      assert.equal(decision.customer.fullName, 'Fatma Kaya');
      assert.equal(decision.customer.nationalId, '52660684816');
      assert.deepEqual(decision.contactPerson, { fullName: 'Mehmet Kaya', phone: '+905051112233' });
      assert.ok(decision.reasons.includes('CONTACT_PERSON_FROM_TEXT'));
    });
  });

  context('when the mailbox is someone else\'s', () => {
    it('does not take the display name for the writer\'s', () => {
      const decision = decideChecked(rawItem('email', { text: { body: 'Eşimin hesabından yazıyorum. Faturam çok yüksek geldi.', sender: 'hakan@example.com', senderName: 'Hakan Yurt' } }));
      assert.equal(decision.customer.fullName, null);
    });

    it('takes the display name when the text gives none and says nothing of the mailbox', () => {
      const decision = decideChecked(rawItem('email', { text: { body: 'Faturam çok yüksek geldi.', sender: 'hakan@example.com', senderName: 'Hakan Yurt' } }));
      assert.equal(decision.customer.fullName, 'Hakan Yurt');
      assert.ok(decision.reasons.includes('FULL_NAME_FROM_SENDER'));
      assert.equal(decision.provenance.fullName?.source, 'sender-name');
    });
  });

  context('when a voicemail transcript says the numbers as words', () => {
    it('reads the ID and the phone, and not "on bir haneli" as part of the ID', () => {
      const decision = decideChecked(rawItem('voicemail', {
        text: {
          source: 'transcript', confidence: 0.9, sender: '+905449998877',
          body: 'merhaba ben ayşe yılmaz on bir haneli kimlik numaram yetmiş yirmi iki altmış dört yirmi iki iki yüz elli iki telefonum sıfır beş yüz otuz iki yüz yirmi üç kırk beş altmış yedi faturam yüksek geldi',
        },
      }));
      assert.equal(decision.customer.nationalId, '70226422252');
      assert.equal(decision.customer.phone, '+905321234567');
      assert.equal(decision.provenance.nationalId?.source, 'transcript');
    });
  });

  context('when a voicemail could not be written down', () => {
    const audio = { ref: `sha256:${'a'.repeat(64)}`, contentType: 'audio/wav', size: 64_000, name: 'recording.wav' };
    for (const transcription of ['unavailable', 'failed'] as const) {
      it(`records it (${transcription}) with its audio, to be heard by the call centre within the emergency deadline`, () => {
        const decision = decideChecked(rawItem('voicemail', { voicemail: { transcription }, text: { body: '', sender: '+905321234567', source: 'transcript' }, attachments: [audio] }));
        assert.equal(decision.kind, 'needs-info');
        assert.ok(decision.reasons.includes(transcription === 'failed' ? 'TRANSCRIPTION_FAILED' : 'TRANSCRIPTION_UNAVAILABLE'));
        assert.ok(decision.reasons.includes('VOICEMAIL_TO_HEAR'));
        assert.equal(decision.unit, 'call-centre');
        assert.equal(decision.resolutionHours, catalogueEntry('emergency', 'gas-smell').resolutionHours);
        assert.equal(decision.customer.phone, '+905321234567');
      });
    }

    it('ignores a silent recording, with its reason', () => {
      const decision = decideChecked(rawItem('voicemail', { voicemail: { transcription: 'silent', durationSeconds: 4 }, text: { body: '', sender: '+905321234567', source: 'transcript' }, attachments: [audio] }));
      assert.equal(decision.kind, 'ignored');
      assert.deepEqual(decision.reasons, ['SILENT_RECORDING']);
    });

    it('routes a transcribed one by what it says', () => {
      const decision = decideChecked(rawItem('voicemail', { voicemail: { transcription: 'transcribed' }, text: { body: 'faturam çok yüksek geldi', sender: '+905321234567', source: 'transcript' }, attachments: [audio] }));
      assert.equal(decision.topic?.main, 'billing');
      assert.ok(!decision.reasons.includes('VOICEMAIL_TO_HEAR'));
    });
  });

  context('when a fax is read by OCR', () => {
    const fax = (confidence: number): RawItem => rawItem('fax', {
      text: {
        source: 'ocr', confidence,
        body: 'Sayın Yetkili,\nFaturam yüksek geldi, kontrol edilmesini arz ederim.\nAdı Soyadı: İSMAİL IŞIK\nT.C Kimlik N0: 7O226422Z52\nSözleşme Hesap No: 1234567890\nTel: O532 l23 45 67',
      },
    });

    it('puts the look-alike letters back and records it when it is sure enough', () => {
      const decision = decideChecked(fax(0.85));
      assert.equal(decision.kind, 'crm');
      assert.equal(decision.customer.fullName, 'İsmail Işık');
      assert.equal(decision.customer.nationalId, '70226422252');
      assert.equal(decision.provenance.nationalId?.source, 'ocr');
    });

    it('archives it with LOW_CONFIDENCE_FIELD when the scan was too poor to trust its fields', () => {
      const decision = decideChecked(fax(0.4));
      assert.equal(decision.kind, 'archive-only');
      assert.ok(decision.reasons.includes('LOW_CONFIDENCE_FIELD'));
      assert.equal(decision.customer.nationalId, null);
    });
  });

  context('for every decision taken in this file', () => {
    it('matches decision.schema.json', () => {
      assert.ok(decided.length > 40, `only ${decided.length} decisions were collected`);
      for (const { item, decision } of decided) {
        const valid = validateDecision(decision);
        assert.ok(valid, `${item.itemId}: ${fieldErrors(validateDecision.errors).map((e) => `${e.path} ${e.message}`).join('; ')}`);
      }
    });
  });
});
