import assert from 'node:assert/strict';
import { extractFields, type Extraction, type TextInput } from '../../../normalizer/extract/index.js';

function extract(input: Partial<TextInput> & { body: string }): Extraction {
  return extractFields({ subject: null, sender: null, senderName: null, source: 'typed', confidence: null, ...input });
}

describe('extractFields', () => {
  context('when a customer types an e-mail with labelled fields and a signature', () => {
    const result = extract({
      body: [
        'Merhaba,',
        '',
        'Faturam bu ay çok yüksek geldi, kontrol edilmesini rica ederim.',
        '',
        'TC Kimlik No: 70226422252',
        'Sözleşme Hesap No: 1046483391',
        'Adres: Caferağa Mah. Moda Cad. No:12 D:3 Kadıköy/İstanbul',
        'E-posta: ayse.yilmaz@example.com',
        '',
        'Saygılarımla,',
        'Ayşe Yılmaz',
        '0532 123 45 67',
      ].join('\n'),
      sender: 'ayse.yilmaz@example.com',
      senderName: 'Ayşe Yılmaz',
    });

    it('reads the name from the signature', () => {
      assert.deepEqual(result.fullName, { value: 'Ayşe Yılmaz', confidence: 0.9 });
    });

    it('reads the labelled national ID and account number with high confidence', () => {
      assert.deepEqual(result.nationalId, { value: '70226422252', confidence: 0.99 });
      assert.deepEqual(result.contractAccountNumber, { value: '1046483391', confidence: 0.99 });
      assert.equal(result.invalidNationalId, null);
    });

    it('reads the phone in the signature as E.164, the e-mail and the address', () => {
      assert.equal(result.phone?.value, '+905321234567');
      assert.equal(result.email?.value, 'ayse.yilmaz@example.com');
      assert.equal(result.address?.value, 'Caferağa Mah. Moda Cad. No:12 D:3 Kadıköy/İstanbul');
    });

    it('gives no district when there is a postal address, and no contact person', () => {
      assert.equal(result.district, null);
      assert.equal(result.contactPerson, null);
    });

    it('keeps the signature out of the description', () => {
      assert.ok(result.description?.startsWith('Merhaba,\n\nFaturam bu ay çok yüksek geldi'));
      assert.ok(!result.description?.includes('0532'));
      assert.ok(!result.description?.includes('Saygılarımla'));
    });
  });

  context('when a reply quotes the utility’s answer', () => {
    const result = extract({
      body: 'Hâlâ gaz yok, numaram 0532 123 45 67.\n\n12 Mar 2026 Per, 10:15 tarihinde İGDAŞ <bilgi@igdas.com.tr> şunu yazdı:\n> Sayın abonemiz, 70226422252 TC kimlik numaralı başvurunuz alınmıştır.',
    });

    it('takes no national ID from the utility’s own notice', () => {
      assert.equal(result.nationalId, null);
    });

    it('leaves the quoted reply out of the description', () => {
      assert.equal(result.description, 'Hâlâ gaz yok, numaram 0532 123 45 67.');
    });
  });

  context('when an e-mail forwards a complaint', () => {
    it('puts the forwarded text in the description with the writer’s own words', () => {
      const result = extract({ body: 'Şikayetim aşağıda.\n\n---------- Forwarded message ---------\nFrom: Ayşe Yılmaz <ayse@example.com>\nDate: Thu, 12 Mar 2026\nSubject: gaz\n\nİki gündür gaz yok.' });
      assert.equal(result.description, 'Şikayetim aşağıda.\n\nİki gündür gaz yok.');
    });
  });

  context('when the text gives no name but the mail has a display name', () => {
    it('takes the display name, with lower confidence and marked as such', () => {
      const result = extract({ body: 'Faturam ödenmemiş görünüyor, kontrol eder misiniz?', senderName: '"Ayşe Yılmaz" <ayse@example.com>' });
      assert.deepEqual(result.fullName, { value: 'Ayşe Yılmaz', confidence: 0.8, fromSenderName: true });
    });

    it('does not take it when the writer says the mailbox is someone else’s', () => {
      const result = extract({ body: 'Kızımın mail hesabından yazıyorum, faturam yüksek geldi.', senderName: 'Elif Yılmaz' });
      assert.equal(result.fullName, null);
    });
  });

  context('when the subject names an earlier application', () => {
    it('reads the case reference from the subject', () => {
      const result = extract({ subject: 'Başvuru 2026-000123 hk.', body: 'Başvurum hâlâ sonuçlanmadı.' });
      assert.deepEqual(result.caseRef, { value: '2026-000123', confidence: 0.95 });
    });
  });

  context('when a labelled national ID fails the checksum', () => {
    it('reports it as invalid rather than as the ID', () => {
      const result = extract({ body: 'TC Kimlik No: 70226422253\nGaz yok.' });
      assert.equal(result.nationalId, null);
      assert.equal(result.invalidNationalId, '70226422253');
    });
  });

  context('when the customer proposes a solution', () => {
    it('reads it from the own words', () => {
      const result = extract({ body: 'Sayacım arızalı.\nÖnerim: sayacın değiştirilmesi.\n\nSaygılarımla,\nAyşe Yılmaz' });
      assert.equal(result.proposedSolution?.value, 'sayacın değiştirilmesi.');
    });
  });

  context('when the text names where the customer lives but no address', () => {
    it('gives the district', () => {
      const result = extract({ body: "Kartal Esentepe'de oturuyoruz, iki gündür gaz yok." });
      assert.equal(result.address, null);
      assert.deepEqual(result.district, { value: 'Kartal', confidence: 0.8 });
    });
  });

  context('when the text is an SMS', () => {
    // An SMS reaches the extractor as typed text, with the number it came from as the sender.
    const result = extract({ source: 'typed', body: 'slm gaz yok 2 gundur tc 52660684816 beni 0 542 318 90 27den arayin. sinan kara', sender: '+905423189027' });

    it('reads the lower-case name the message ends with', () => {
      assert.equal(result.fullName?.value, 'sinan kara');
    });

    it('reads the ID and the phone with its glued suffix', () => {
      assert.equal(result.nationalId?.value, '52660684816');
      assert.equal(result.phone?.value, '+905423189027');
    });

    it('keeps the whole message as the description', () => {
      assert.equal(result.description, 'slm gaz yok 2 gundur tc 52660684816 beni 0 542 318 90 27den arayin. sinan kara');
    });
  });

  context('when the text is a call transcript', () => {
    const result = extract({
      source: 'transcript',
      confidence: 0.85,
      body: 'merhaba ben mehmet taş, tc kimlik numaram otuz iki altmış sekiz sıfır yirmi iki altmış dört yetmiş, telefonum sıfır beş yüz otuz iki yüz yirmi üç kırk beş altmış yedi, evde gaz kokusu var',
    });

    it('reads the spoken numbers as digits', () => {
      assert.equal(result.nationalId?.value, '32680226470');
      assert.equal(result.phone?.value, '+905321234567');
    });

    it('reads the introduced name', () => {
      assert.equal(result.fullName?.value, 'mehmet taş');
    });

    it('is no surer of any field than speech-to-text was of the whole text', () => {
      for (const field of [result.fullName, result.nationalId, result.phone]) assert.equal(field?.confidence, 0.85);
    });

    it('keeps the words as spoken in the description', () => {
      assert.ok(result.description?.includes('otuz iki altmış sekiz'));
    });
  });

  context('when the text is a scanned letter read by OCR', () => {
    const body = [
      'İGDAŞ GENEL MÜDÜRLÜĞÜNE',
      '',
      'Sayacım arızalıdır, değiştirilmesini arz ederim.',
      '',
      'Adı Soyadı: Hatice Güneş',
      'T.C. Kimlik No: 7O2264222S2',
      'Tel: 0S32 l23 4S 67',
      'Adres: Atatürk Mah. Gül Sok. No:l2 8üyükçekmece',
    ].join('\n');
    const result = extract({ source: 'ocr', confidence: 0.9, body });

    it('reads the name under its label', () => {
      assert.equal(result.fullName?.value, 'Hatice Güneş');
    });

    it('puts back the digits OCR read as letters, and the checksum holds', () => {
      assert.equal(result.nationalId?.value, '70226422252');
      assert.equal(result.phone?.value, '+905321234567');
    });

    it('repairs the address as OCR read it', () => {
      assert.equal(result.address?.value, 'Atatürk Mah. Gül Sok. No:12 Büyükçekmece');
    });

    it('is less sure of a value for each letter it put back', () => {
      const clean = extract({ source: 'ocr', confidence: 0.9, body: body.replace('0S32 l23 4S 67', '0532 123 45 67').replace('No:l2', 'No:12') });
      assert.equal(clean.phone?.confidence, 0.9);
      assert.equal(result.phone?.confidence, 0.81);
      assert.equal(clean.address?.confidence, 0.9);
      assert.equal(result.address?.confidence, 0.87);
    });

    it('quotes nothing, since a letter is no mail', () => {
      assert.ok(result.description?.includes('Adı Soyadı: Hatice Güneş'));
    });
  });

  context('when someone writes for a parent', () => {
    const result = extract({
      body: [
        'Merhaba,',
        'Annem adına yazıyorum. Annemin adı Fatma Kaya, TC numarası 52660684816. Evinde iki gündür gaz yok.',
        'Annemin numarası 0533 765 43 21.',
        '',
        'Saygılarımla,',
        'Ali Kaya',
        '0532 123 45 67',
      ].join('\n'),
      senderName: 'Ali Kaya',
    });

    it('takes the parent as the customer, with the parent’s ID and phone', () => {
      assert.equal(result.fullName?.value, 'Fatma Kaya');
      assert.equal(result.nationalId?.value, '52660684816');
      assert.equal(result.phone?.value, '+905337654321');
    });

    it('gives the writer and their own number as the contact person', () => {
      assert.deepEqual(result.contactPerson, { fullName: 'Ali Kaya', phone: '+905321234567' });
    });
  });

  context('when someone writes for a parent by SMS and asks to be called back on this number', () => {
    it('gives the number the SMS came from as the contact person’s', () => {
      const result = extract({
        source: 'typed',
        sender: '+905321234567',
        body: 'annem adına yazıyorum, annemin evinde gaz yok. annemin adı fatma kaya tc 52660684816. beni bu numaradan arayın',
      });
      assert.equal(result.fullName?.value, 'fatma kaya');
      assert.deepEqual(result.contactPerson, { fullName: null, phone: '+905321234567' });
    });
  });
});
