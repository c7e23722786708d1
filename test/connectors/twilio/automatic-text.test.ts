import assert from 'node:assert/strict';
import { automaticTextReason } from '../../../connectors/twilio/automatic-text.js';

const person = '+905339876543';

describe('connectors/twilio automatic texts', () => {
  context('when a phone or a carrier wrote the text', () => {
    const cases: Array<[string, string, string]> = [
      ['Şu an araç kullanıyorum. Daha sonra size döneceğim.', person, 'driving-mode'],
      ['su an arac kullaniyorum, sonra ararim', person, 'driving-mode'],
      ['ŞU ANDA ARAÇ KULLANIYORUM. VARDIĞIMDA YAZACAĞIM.', person, 'driving-mode'],
      ["I'm driving with Driving Focus turned on. I'll see your message when I get where I'm going.", person, 'driving-mode'],
      ['I’m driving right now - I’ll get back to you later.', person, 'driving-mode'],
      ['Bu bir otomatik yanıttır. En kısa sürede döneceğim.', person, 'auto-reply'],
      ['Otomatik mesajdır, lütfen yanıtlamayınız.', person, 'auto-reply'],
      ['[Otomatik yanıt] Ofiste değilim.', person, 'auto-reply'],
      ['Auto-reply: I am away until Monday.', person, 'auto-reply'],
      ['This is an automated message from your carrier.', person, 'auto-reply'],
      ['Out of office until 12 December.', person, 'out-of-office'],
      ['Ofis dışındayım, pazartesi döneceğim.', person, 'out-of-office'],
      ['Aradığınız kişiye şu anda ulaşılamıyor.', person, 'unreachable'],
      ['Şu anda ulaşılamıyorum.', person, 'unreachable'],
      ['Sizi 2 kez aradı.', 'TURKCELL', 'alphanumeric-sender'],
    ];
    for (const [text, from, reason] of cases) {
      it(`says ${reason} for "${text}"${from === person ? '' : ` from ${from}`}`, () => {
        assert.equal(automaticTextReason(text, from), reason);
      });
    }
  });

  context('when a person wrote it, even mentioning such things', () => {
    const texts = [
      "153'ü aradım, otomatik yanıt aldım. Sayacım arızalı.",
      "153'e şu anda ulaşılamıyor, o yüzden yazıyorum: faturam yüksek.",
      'Araç kullanıyorum, yolda doğalgaz kazısı var ve çukur açık bırakılmış.',
      'otomatik ödeme talimatım iptal olmuş, fatura gecikmiş',
      'faturam cok yuksek geldi tc 12345678950',
      '',
    ];
    for (const text of texts) {
      it(`says nothing for "${text}"`, () => {
        assert.equal(automaticTextReason(text, person), null);
      });
    }

    it('reads a long text as a person writing, whatever it starts with', () => {
      assert.equal(automaticTextReason(`Şu an araç kullanıyorum, sonra döneceğim. ${'Sayaç arızası hakkında uzun bir açıklama. '.repeat(20)}`, person), null);
    });

    it('takes a short code or a number as a person, not a sender id', () => {
      assert.equal(automaticTextReason('faturam yüksek', '4545'), null);
      assert.equal(automaticTextReason('faturam yüksek', '+447700900123'), null);
    });
  });

  it('takes linear time on a long hostile text', () => {
    const started = process.hrtime.bigint();
    automaticTextReason(`${'araç '.repeat(100_000)}kullanıyorum`, person);
    automaticTextReason(`${'a'.repeat(1_000_000)}`, person);
    assert.ok(Number(process.hrtime.bigint() - started) / 1e6 < 200);
  });
});
