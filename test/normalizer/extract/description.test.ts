import assert from 'node:assert/strict';
import { describe as describeText } from '../../../normalizer/extract/description.js';
import { splitMessage } from '../../../normalizer/extract/parts.js';
import { prepareText } from '../../../normalizer/extract/prepare.js';
import { nameLine } from '../../../normalizer/extract/names.js';

function description(body: string, mail = true): string | null {
  const parts = splitMessage(prepareText(body), mail);
  return describeText(parts, parts.ownFolded, nameLine(parts.own)?.start ?? null);
}

describe('describe', () => {
  context('when a letter opens with a letterhead', () => {
    it('starts at the salutation, so the letterhead is not the complaint', () => {
      const text = description('ÖZ KIRTASİYE FOTOKOPİ\nTel: 0212 547 19 03\n\nSayın Yetkili,\nSokağımızdaki çukur kapatılmadı.', false);
      assert.equal(text, 'Sayın Yetkili,\nSokağımızdaki çukur kapatılmadı.');
    });
  });

  context('when a voicemail caught the answering message first', () => {
    it('starts after it', () => {
      assert.equal(description('igdaş a hoş geldiniz lütfen sinyal sesinden sonra mesajınızı bırakınız bodrum katta gaz kokuyor', false), 'bodrum katta gaz kokuyor');
    });
  });

  context('when the mail ends with a line holding only the writer\'s name', () => {
    it('leaves the name and what follows it out', () => {
      assert.equal(description('Faturam yüksek geldi.\n\nBurcu Kaya\nSatın Alma Uzmanı\nDemirçelik A.Ş.'), 'Faturam yüksek geldi.');
    });
  });

  context('when the complaint is forwarded', () => {
    it('keeps the forwarded complaint with the writer\'s words', () => {
      const text = description('Aşağıdaki şikayeti iletiyorum.\n\n---------- Forwarded message ---------\nFrom: Nazmiye <n@example.com>\nDate: Sal, 10 Şub 2026\n\n3 gündür dairemde gaz yok.');
      assert.ok(text?.includes('3 gündür dairemde gaz yok'));
      assert.ok(!text?.includes('Date:'));
    });

    it('leaves out what is forwarded as evidence when the writer wrote the complaint themselves', () => {
      const own = 'Binamızda üç gündür doğal gaz yok. Yönetimin e-postasını iletiyorum; gazın bir gün kesileceği yazıyordu ama üç gün oldu, evde küçük çocuk var, ısınamıyoruz. Gazın ne zaman açılacağını bildirin lütfen.';
      const text = description(`${own}\n\n---------- Forwarded message ---------\nFrom: Yönetim <y@example.com>\nDate: Pzt, 9 Mar 2026\n\nHat yenileme çalışması nedeniyle gaz verilemeyecektir.`);
      assert.equal(text, own);
    });
  });

  context('when the earlier mail is only replied to', () => {
    it('leaves the quoted reply out', () => {
      const text = description('Hâlâ cevap yok.\n\nOn Mon, 2 Feb 2026 at 20:15, İGDAŞ <bilgi@igdas.com.tr> wrote:\n> Başvurunuz alınmıştır.');
      assert.equal(text, 'Hâlâ cevap yok.');
    });
  });
});
