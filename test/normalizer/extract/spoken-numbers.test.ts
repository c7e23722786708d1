import assert from 'node:assert/strict';
import { speechToDigits } from '../../../normalizer/extract/spoken-numbers.js';

describe('speechToDigits', () => {
  context('when a mobile number is dictated in groups', () => {
    it('writes each group as digits, one space between groups', () => {
      assert.equal(speechToDigits('sıfır beş yüz otuz iki yüz yirmi üç kırk beş altmış yedi'), '0 532 123 45 67');
    });

    it('keeps the words around the number as they were', () => {
      assert.equal(
        speechToDigits('Merhaba, numaram sıfır beş yüz elli beş dokuz yüz seksen yedi altmış beş kırk üç, arar mısınız?'),
        'Merhaba, numaram 0 555 987 65 43, arar mısınız?',
      );
    });

    it('reads a number said digit by digit', () => {
      assert.equal(speechToDigits('sıfır beş üç iki bir iki üç dört beş altı yedi'), '0 5 3 2 1 2 3 4 5 6 7');
    });

    it('reads a ones word after a finished group as the start of a hundred', () => {
      assert.equal(speechToDigits('otuz iki yüz yirmi üç'), '32 123');
    });
  });

  context('when a landline number is dictated', () => {
    it('reads an Istanbul European side number (0212)', () => {
      assert.equal(speechToDigits('sıfır iki yüz on iki yüz elli üç sıfır sıfır sıfır sıfır'), '0 212 153 0 0 0 0');
    });

    it('reads an Istanbul Asian side number (0216)', () => {
      assert.equal(speechToDigits('telefon sıfır iki yüz on altı beş yüz elli beş kırk dört otuz üç'), 'telefon 0 216 555 44 33');
    });
  });

  context('when a national ID (11 digits) is dictated', () => {
    it('reads it said in pairs', () => {
      assert.equal(speechToDigits('TC kimlik on iki otuz dört elli altı yetmiş sekiz doksan bir iki'), 'TC kimlik 12 34 56 78 91 2');
    });

    it('reads it said in triples', () => {
      assert.equal(speechToDigits('yüz yirmi üç dört yüz elli altı yedi yüz seksen dokuz on bir'), '123 456 789 11');
    });
  });

  context('when tens and ones cannot join', () => {
    it('starts a new group for zero, for a second tens word and for a second ones word', () => {
      assert.equal(speechToDigits('on sıfır iki'), '10 0 2');
      assert.equal(speechToDigits('yetmiş iki elli iki'), '72 52');
      assert.equal(speechToDigits('beş altı'), '5 6');
      assert.equal(speechToDigits('yüz iki yüz'), '102 100');
    });
  });

  context('when digits are already typed in the text', () => {
    it('keeps them and puts one space between them and the spoken groups', () => {
      assert.equal(speechToDigits('0532 yüz yirmi üç kırk beş altmış yedi'), '0532 123 45 67');
    });

    it('keeps the separators between two typed numbers as typed', () => {
      assert.equal(speechToDigits('numara 0532-123 kırk beş altmış yedi'), 'numara 0532-123 45 67');
    });

    it('leaves text with digits only untouched', () => {
      assert.equal(speechToDigits('0532 123 45 67, tamam.'), '0532 123 45 67, tamam.');
    });
  });

  context('when the transcript is written without Turkish letters or in capitals', () => {
    it('reads the ASCII spellings', () => {
      assert.equal(speechToDigits('sifir bes yuz otuz iki yuz yirmi uc kirk bes altmis yedi'), '0 532 123 45 67');
      assert.equal(speechToDigits('dort alti yetmis'), '4 6 70');
    });

    it('folds capitals the Turkish way', () => {
      assert.equal(speechToDigits('SIFIR BEŞ YÜZ OTUZ İKİ'), '0 532');
      assert.equal(speechToDigits('Sıfır Beş Yüz Kırk'), '0 540');
      assert.equal(speechToDigits('IKI UC'), '2 3');
    });

    it('reads words written with combining marks (NFD)', () => {
      assert.equal(speechToDigits('bes\u0327 yu\u0308z'.normalize('NFD')), '500');
    });
  });

  context('when "bir" is the indefinite article', () => {
    it('leaves a lone "bir" as a word', () => {
      assert.equal(speechToDigits('bir sorun var, gaz kokusu geliyor'), 'bir sorun var, gaz kokusu geliyor');
      assert.equal(speechToDigits('Bir arıza kaydı açmak istiyorum.'), 'Bir arıza kaydı açmak istiyorum.');
    });

    it('converts "bir" when it touches another number word or digits', () => {
      assert.equal(speechToDigits('bir iki üç'), '1 2 3');
      assert.equal(speechToDigits('kırk bir'), '41');
      assert.equal(speechToDigits('5 bir'), '5 1');
    });

    it('keeps a "bir" opening a new sentence after a number as the article', () => {
      assert.equal(speechToDigits('altmış yedi. Bir sorun daha var.'), '67. Bir sorun daha var.');
    });

    it('still reads a "bir" after a period as a digit when the dictation ends there', () => {
      assert.equal(speechToDigits('kırk beş. bir. Teşekkürler'), '45 1. Teşekkürler');
    });
  });

  context('when a length is said before "haneli"', () => {
    it('reads "on bir haneli" as 11', () => {
      assert.equal(speechToDigits('on bir haneli kimlik numaram'), '11 haneli kimlik numaram');
      assert.equal(speechToDigits('on haneli'), '10 haneli');
    });
  });

  context('when the transcriber put punctuation between the groups', () => {
    it('ends the group at the punctuation and writes one space instead', () => {
      assert.equal(speechToDigits('sıfır beş yüz otuz iki, yüz yirmi üç, kırk beş, altmış yedi.'), '0 532 123 45 67.');
      assert.equal(speechToDigits('on - iki'), '10 2');
      assert.equal(speechToDigits('beş. yüz'), '5 100');
    });

    it('does not let a ones word take a "yüz" that comes after a comma', () => {
      assert.equal(speechToDigits('iki, yüz'), '2 100');
    });

    it('keeps punctuation that is not between number words', () => {
      assert.equal(speechToDigits('Numara: (sıfır beş yüz otuz iki)!'), 'Numara: (0 532)!');
    });
  });

  context('when a year or a thousand is said', () => {
    it('reads years', () => {
      assert.equal(speechToDigits('iki bin yirmi altı'), '2026');
      assert.equal(speechToDigits('bin dokuz yüz'), '1900');
      assert.equal(speechToDigits('bin dokuz yüz doksan dokuz yılında'), '1999 yılında');
      assert.equal(speechToDigits('iki bin beş'), '2005');
    });

    it('reads larger amounts', () => {
      assert.equal(speechToDigits('iki yüz elli bin'), '250000');
      assert.equal(speechToDigits('bin iki yüz'), '1200');
      assert.equal(speechToDigits('bin yüz'), '1100');
    });

    it('reads an application number said as a year and zeros', () => {
      assert.equal(speechToDigits('başvuru iki bin yirmi altı tire sıfır sıfır sıfır yüz yirmi üç'), 'başvuru 2026 tire 0 0 0 123');
      assert.equal(speechToDigits('iki bin yirmi altı - sıfır sıfır sıfır yüz yirmi üç'), '2026 0 0 0 123');
    });
  });

  context('when a number word carries a suffix or is part of a longer word', () => {
    for (const text of ['yediyi', 'onuncu', 'biri', 'birkaç', 'onlar', 'bine', 'yüzde', "yedi'yi", 'Onur', 'binanın', 'ikinci']) {
      it(`leaves ${JSON.stringify(text)} as a word`, () => {
        assert.equal(speechToDigits(text), text);
      });
    }

    it('converts the exact number words next to it', () => {
      assert.equal(speechToDigits('beş onuncu kat'), '5 onuncu kat');
    });
  });

  context('when there is nothing to convert', () => {
    it('returns the text unchanged', () => {
      for (const text of ['', '   ', 'gaz kokusu var', 'Adres: Kadıköy, Moda Cad. No 5/3', '\n\t,.-']) {
        assert.equal(speechToDigits(text), text);
      }
    });
  });

  context('when the transcript is long', () => {
    it('converts a text of more than 100,000 characters', () => {
      const said = 'Merhaba, numaram sıfır beş yüz otuz iki yüz yirmi üç kırk beş altmış yedi. Bir sorun var, on bir haneli kimlik. ';
      const written = 'Merhaba, numaram 0 532 123 45 67. Bir sorun var, 11 haneli kimlik. ';
      const times = Math.ceil(100_000 / said.length);
      const text = said.repeat(times);
      assert.ok(text.length >= 100_000);
      assert.equal(speechToDigits(text), written.repeat(times));
    });

    it('handles one long run of number words and long runs of separators', () => {
      const words = 'kırk beş '.repeat(20_000);
      assert.equal(speechToDigits(words), `${'45 '.repeat(19_999)}45 `);
      const spaces = ' '.repeat(100_000);
      assert.equal(speechToDigits(`beş${spaces}x`), `beş${spaces}x`.replace('beş', '5'));
    });
  });
});
