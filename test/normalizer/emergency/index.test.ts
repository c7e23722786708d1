import assert from 'node:assert/strict';
import { detectEmergency } from '../../../normalizer/emergency/index.js';

function flags(text: string): boolean {
  return detectEmergency(text).emergency;
}

describe('detectEmergency', () => {
  context('when a gas smell is reported', () => {
    it('flags it, with the words that reported it', () => {
      assert.deepEqual(detectEmergency('Merdivende gaz kokusu var, acil!'), { emergency: true, evidence: ['gaz kokusu var'] });
      assert.ok(flags('koku geliyor'));
      assert.ok(flags('mutfak kokuyor'));
    });

    it('reads it typed without Turkish letters, in capitals or SMS-style', () => {
      assert.ok(flags('gaz kacagi var'));
      assert.ok(flags('KOKU GELIYOR'));
      assert.ok(flags('koku geliyo'));
      assert.ok(flags('DOĞALGAZ KOKUSU'));
    });

    it('reads inflected forms', () => {
      assert.ok(flags('gaz kokusundan başımız ağrıyor'));
      assert.ok(flags('kaçağı var gibi'));
      assert.ok(flags('borudan gaz sızıyor'));
      assert.ok(flags('sızıntı var'));
    });
  });

  context('when a pipe is damaged or bursts', () => {
    it('flags it', () => {
      assert.ok(flags('kepçe doğalgaz borusunu kopardı'));
      assert.ok(flags('boru patladı'));
    });

    it('does not flag a water pipe or a tyre', () => {
      assert.ok(!flags('su borusu patladı'));
      assert.ok(!flags('arabamın lastiği patladı'));
    });
  });

  context('when the smell or leak is denied', () => {
    it('does not flag it', () => {
      for (const text of ['gaz kokusu yok', 'koku gelmiyor', 'artık koku gelmiyor', 'koku kalmadı', 'gaz kokusu geçti', 'kaçak yok', 'gaz kokmuyor']) {
        assert.ok(!flags(text), text);
      }
    });

    it('still flags a smell in another clause', () => {
      assert.ok(flags('gaz kokusu yok dedik ama yine kokmaya başladı'));
      assert.ok(flags('gaz kokusu geliyor, evde kimse yok'));
    });
  });

  context('when a past smell is reported as dealt with', () => {
    it('does not flag it', () => {
      assert.ok(!flags('dün gaz kokusu vardı ekip geldi düzeltti'));
      assert.ok(!flags('Geçen hafta gaz kaçağı olmuştu, ekibiniz gelip tamir etti'));
    });
  });

  context('when a past smell is reported without a resolution', () => {
    it('flags it: when in doubt, flag', () => {
      assert.ok(flags('az önce mutfakta gaz kokusu geldi'));
      assert.ok(flags('Gaz kokusu geldi, vanayı kapattım'));
      assert.ok(flags('gaz kokusu için ekip gelmedi'));
    });
  });

  context('when the smell came back after a repair', () => {
    it('flags it', () => {
      assert.ok(flags('Dün gaz kokusu vardı, ekip gelip baktı ama şimdi yine kokuyor'));
      assert.ok(flags('Geçen hafta gaz kaçağı olmuştu, ekip onarmıştı; bu sabah yine koku var'));
    });
  });

  context('when the words only look alike', () => {
    it('does not flag them', () => {
      for (const text of ['kaçak kullanım tutanağı', 'kaçak elektrik', 'kaçak yapı', 'elektrik kaçağı', 'parfüm kokusu', 'yemek kokusu', 'gaz faturası yüksek', 'gazete', 'gaz pedalı', 'randevuyu kaçırdım', 'su sızıntısı', 'kaçak testi geçmedi', 'işletme kaçak doğal gaz kullanmaya devam ediyor']) {
        assert.ok(!flags(text), text);
      }
    });
  });

  context('when it is a question about a hypothetical leak', () => {
    it('does not flag it', () => {
      assert.ok(!flags('gaz kaçağı durumunda ne yapmalıyım'));
      assert.ok(!flags('gaz kokusu alırsam kimi aramalıyım'));
    });

    it('does not flag the utility\'s advice to the reader, quoted back', () => {
      assert.ok(!flags('Gaz kokusu hissettiğinizde 187 Doğal Gaz Acil hattını arayınız.'));
      assert.ok(!flags('Gaz kaçağı olduğunu düşündüğünüzde pencereleri açınız.'));
      assert.ok(flags('Gaz kokusu hissettiğinizde 187 yi arayın diyorsunuz, şu an mutfakta gaz kokusu var!'));
    });
  });

  context('when the text is empty', () => {
    it('does not flag it', () => {
      assert.deepEqual(detectEmergency(''), { emergency: false, evidence: [] });
    });
  });
});
