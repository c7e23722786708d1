import assert from 'node:assert/strict';
import { splitMessage } from '../../../normalizer/extract/parts.js';
import { prepareText } from '../../../normalizer/extract/prepare.js';

const split = (raw: string, mail = true): ReturnType<typeof splitMessage> => splitMessage(prepareText(raw), mail);

describe('splitMessage', () => {
  context('when the mail is a plain message with nothing quoted', () => {
    it('keeps the whole text as the customer’s own words', () => {
      const parts = split('Merhaba,\nİki gündür gaz yok, bakar mısınız?');
      assert.equal(parts.own, 'Merhaba,\nİki gündür gaz yok, bakar mısınız?');
      assert.equal(parts.signature, '');
      assert.equal(parts.quoted, '');
      assert.equal(parts.quotedFromUtility, false);
      assert.equal(parts.forwarded, false);
    });
  });

  context('when a Gmail reply carries the earlier message under an attribution', () => {
    it('reads a Turkish attribution ("… tarihinde … şunu yazdı:") and drops it from both parts', () => {
      const parts = split('Hâlâ gaz yok.\n\n12 Mar 2026 Per, 10:15 tarihinde Ayşe Yılmaz <ayse.yilmaz@example.com> şunu yazdı:\n> İki gündür gaz yok.');
      assert.equal(parts.own, 'Hâlâ gaz yok.');
      assert.equal(parts.quoted, 'İki gündür gaz yok.');
      assert.equal(parts.forwarded, false);
    });

    it('reads an English attribution ("On … wrote:")', () => {
      const parts = split('Still no gas, please call me.\n\nOn Thu, 12 Mar 2026 at 10:15, Ayşe Yılmaz <ayse.yilmaz@example.com> wrote:\n> İki gündür gaz yok.');
      assert.equal(parts.own, 'Still no gas, please call me.');
      assert.equal(parts.quoted, 'İki gündür gaz yok.');
    });

    it('reads an attribution Gmail wrapped onto two lines, keeping the reply out of the own words', () => {
      const parts = split('Tekrar yazıyorum.\n\n12 Mar 2026 Per, 10:15 tarihinde Ayşe Yılmaz <ayse.yilmaz@example.com>\nşunu yazdı:\n> İki gündür gaz yok.');
      assert.equal(parts.own, 'Tekrar yazıyorum.');
      assert.ok(parts.quoted.endsWith('İki gündür gaz yok.'));
      assert.ok(!parts.quoted.includes('yazdı:'));
    });

    it('marks a quoted reply from the utility’s own address, so its numbers are not taken as the customer’s', () => {
      const parts = split('Faturam yanlış geldi.\n\n12 Mar 2026 Per, 10:15 tarihinde İGDAŞ <bilgi@igdas.com.tr> şunu yazdı:\n> Sayın abonemiz, başvurunuz alınmıştır.');
      assert.equal(parts.quotedFromUtility, true);
      assert.equal(parts.quoted, 'Sayın abonemiz, başvurunuz alınmıştır.');
    });

    it('does not mark a quoted message from the customer as the utility’s', () => {
      const parts = split('Tekrar.\n\nOn Thu, 12 Mar 2026, Ayşe Yılmaz <ayse@example.com> wrote:\n> Gaz yok.');
      assert.equal(parts.quotedFromUtility, false);
    });
  });

  context('when an Outlook reply carries a "Kimden:" / "Gönderildi:" header block', () => {
    const body = [
      'Hâlâ cevap yok.',
      '',
      'Kimden: İGDAŞ Müşteri Hizmetleri <bilgi@igdas.com.tr>',
      'Gönderildi: 12 Mart 2026 Perşembe 10:15',
      'Kime: ayse@example.com',
      'Konu: Başvurunuz',
      '',
      'Sayın abonemiz, başvurunuz 2026-000123 numarası ile alınmıştır.',
    ].join('\n');

    it('starts the quote at "Kimden:" and drops the header lines', () => {
      const parts = split(body);
      assert.equal(parts.own, 'Hâlâ cevap yok.');
      assert.equal(parts.quoted, 'Sayın abonemiz, başvurunuz 2026-000123 numarası ile alınmıştır.');
    });

    it('marks the block as the utility’s when "Kimden:" names it', () => {
      assert.equal(split(body).quotedFromUtility, true);
    });

    it('reads the English headers (From / Sent / Subject) under an underscore rule the same way', () => {
      const parts = split('Gaz kesik.\n\n________________________________\nFrom: Ayşe Yılmaz <ayse@example.com>\nSent: Monday, March 9, 2026\nSubject: gaz\n\nİlk mesajım.');
      assert.equal(parts.own, 'Gaz kesik.');
      assert.equal(parts.quoted, 'İlk mesajım.');
    });
  });

  context('when the mail forwards an earlier message', () => {
    it('sets forwarded under a Gmail banner, since the forwarded text may be the complaint itself', () => {
      const parts = split('Komşumun şikayeti aşağıda.\n\n---------- Forwarded message ---------\nFrom: Mehmet Taş <mehmet@example.com>\nDate: Thu, 12 Mar 2026\nSubject: gaz\nTo: ayse@example.com\n\nSayacım çalışmıyor.');
      assert.equal(parts.forwarded, true);
      assert.equal(parts.own, 'Komşumun şikayeti aşağıda.');
      assert.equal(parts.quoted, 'Sayacım çalışmıyor.');
    });

    it('sets forwarded under a Turkish banner ("İletilen ileti")', () => {
      const parts = split('Asıl şikayet aşağıda.\n\n-------- İletilen ileti --------\nKonu: sayaç\nSayacım çalışmıyor.');
      assert.equal(parts.forwarded, true);
      assert.equal(parts.quoted, 'Sayacım çalışmıyor.');
    });

    it('does not set forwarded for an ordinary reply', () => {
      assert.equal(split('Tamam.\n\n-----Original Message-----\nFrom: a@example.com\nSent: Monday\n\nEski mesaj').forwarded, false);
    });
  });

  context('when lines are quoted with ">"', () => {
    it('moves only those lines to quoted, without their marks, and keeps the lines around them', () => {
      const parts = split('Merhaba,\nGaz kokusu var.\n> eski mesaj\n>> daha eski mesaj\nBekliyorum.');
      assert.equal(parts.own, 'Merhaba,\nGaz kokusu var.\nBekliyorum.');
      assert.equal(parts.quoted, 'eski mesaj\ndaha eski mesaj');
    });
  });

  context('when the mail ends in a closing and a signature', () => {
    it('starts the signature at the closing, so the name and phone are not the description', () => {
      const parts = split('Gaz kesik, acil bakılmasını rica ederim.\n\nSaygılarımla,\nAyşe Yılmaz\n0532 123 45 67');
      assert.equal(parts.own, 'Gaz kesik, acil bakılmasını rica ederim.');
      assert.equal(parts.signature, 'Saygılarımla,\nAyşe Yılmaz\n0532 123 45 67');
    });

    it('takes the last closing near the end, after a courtesy one in the text ("Kolay gelsin")', () => {
      const parts = split('Merhaba,\nKolay gelsin.\nDoğalgazım kesildi, faturamı ödedim.\nSaygılarımla,\nAli Demir');
      assert.equal(parts.own, 'Merhaba,\nKolay gelsin.\nDoğalgazım kesildi, faturamı ödedim.');
      assert.equal(parts.signature, 'Saygılarımla,\nAli Demir');
    });

    it('starts the signature at "-- "', () => {
      const parts = split('Gaz kesik.\n-- \nAyşe Yılmaz\n0532 123 45 67');
      assert.equal(parts.own, 'Gaz kesik.');
      assert.equal(parts.signature, '-- \nAyşe Yılmaz\n0532 123 45 67');
    });

    it('takes a phone’s own signature ("iPhone’umdan gönderildi", "Sent from my iPhone") out of the own words', () => {
      assert.equal(split("Faturam yüksek.\n\niPhone'umdan gönderildi").own, 'Faturam yüksek.');
      assert.equal(split('Faturam yüksek.\nSent from my iPhone').own, 'Faturam yüksek.');
    });

    it('treats a closing followed by more than a signature’s worth of lines as part of the text', () => {
      const rest = Array.from({ length: 14 }, (_, i) => `Madde ${i + 1}: sayaç okunmadı.`).join('\n');
      const parts = split(`Sayacım bozuk.\nSaygılarımla\n${rest}`);
      assert.equal(parts.signature, '');
      assert.ok(parts.own.endsWith('Madde 14: sayaç okunmadı.'));
    });
  });

  context('when the first line is a closing word used as a greeting', () => {
    it('does not take "İyi günler," at the top as the start of the signature', () => {
      const parts = split('İyi günler,\nFaturam çok yüksek geldi.');
      assert.equal(parts.own, 'İyi günler,\nFaturam çok yüksek geldi.');
      assert.equal(parts.signature, '');
    });

    it('still takes the same words at the end as the closing', () => {
      const parts = split('İyi günler,\nFaturam çok yüksek geldi.\nKontrol edin lütfen.\nİyi günler\nAyşe Yılmaz');
      assert.equal(parts.own, 'İyi günler,\nFaturam çok yüksek geldi.\nKontrol edin lütfen.');
      assert.equal(parts.signature, 'İyi günler\nAyşe Yılmaz');
    });
  });

  context('when the mail ends in a disclaimer', () => {
    it('cuts it and everything after it from both the own words and the signature', () => {
      const parts = split('Gaz kesik.\n\nSaygılarımla,\nAyşe Yılmaz\n0532 123 45 67\n\nBu e-posta ve ekleri gizlidir, yalnızca alıcısına aittir.\nHer hakkı saklıdır.');
      assert.equal(parts.own, 'Gaz kesik.');
      assert.equal(parts.signature, 'Saygılarımla,\nAyşe Yılmaz\n0532 123 45 67');
    });

    it('cuts a "Yasal Uyarı" line without a closing before it', () => {
      const parts = split('Gaz kesik.\nYasal Uyarı: Bu mesaj gizlidir.\nAyşe Yılmaz');
      assert.equal(parts.own, 'Gaz kesik.');
      assert.equal(parts.signature, '');
    });
  });

  context('when the text is not a mail (a scanned letter, a voicemail)', () => {
    const letter = 'Gönderen: Ayşe Yılmaz\nTarih: 12.03.2026\nSayacım arızalı.\n> işaretli satır';

    it('quotes nothing: a fax cover’s "Gönderen:" / "Tarih:" lines are no Outlook block', () => {
      const parts = split(letter, false);
      assert.equal(parts.own, letter);
      assert.equal(parts.quoted, '');
      assert.equal(parts.forwarded, false);
    });

    it('reads the same lines in a mail as a quoted header block', () => {
      const parts = split(letter, true);
      assert.equal(parts.own, '');
      assert.equal(parts.quoted, 'Sayacım arızalı.\nişaretli satır');
    });

    it('still parts off the signature after a closing', () => {
      const parts = split('Sayacım arızalı, değiştirilmesini arz ederim.\nSaygılarımla\nMustafa Şahin', false);
      assert.equal(parts.own, 'Sayacım arızalı, değiştirilmesini arz ederim.');
      assert.equal(parts.signature, 'Saygılarımla\nMustafa Şahin');
    });
  });
});

describe('splitMessage, found in review', () => {
  it('knows a Gmail attribution wrapped over two lines as the utility\'s, and keeps it out of the quote', () => {
    const parts = splitMessage(prepareText('Hala cevap yok.\n\n12 Mar 2026 Per, 10:15 tarihinde İGDAŞ Bilgi <bilgi@igdas.com.tr>\nşunu yazdı:\n> Sayın abonemiz, 70226422252 TC kimlik numaralı başvurunuz alınmıştır.'));
    assert.equal(parts.quotedFromUtility, true);
    assert.ok(!parts.quoted.includes('tarihinde'));
  });
});
