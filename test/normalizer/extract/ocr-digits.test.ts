import assert from 'node:assert/strict';
import { repairOcrDigits } from '../../../normalizer/extract/ocr-digits.js';

const sorted = (set: ReadonlySet<number>): number[] => [...set].sort((a, b) => a - b);

describe('repairOcrDigits', () => {
  context('when OCR read digits inside a number as letters', () => {
    it('puts O back as 0 and S as 5 in a national ID', () => {
      assert.equal(repairOcrDigits('TC Kimlik No: 7O2264222S2').text, 'TC Kimlik No: 70226422252');
    });

    it('puts l back as 1, B as 8, Z as 2 and G as 6', () => {
      assert.equal(repairOcrDigits('Abone: 1O4B4Z339l').text, 'Abone: 1048423391');
      assert.equal(repairOcrDigits('Sayaç: 1234G678').text, 'Sayaç: 12346678');
    });

    it('repairs a long number holding more look-alikes than digits, once a third of it is digits', () => {
      assert.equal(repairOcrDigits('Sözleşme: l0O7ZZ8SO4').text, 'Sözleşme: 1007228504');
    });

    it('repairs each group of a grouped phone number', () => {
      assert.equal(repairOcrDigits('Tel: 0S32 l23 4S 67').text, 'Tel: 0532 123 45 67');
    });

    it('leaves a bar standing alone after a number as a table\'s rule, and reads one between digit groups as 1', () => {
      assert.equal(repairOcrDigits('Sözleşme Hesap No: 6000789012 | İ İ').text, 'Sözleşme Hesap No: 6000789012 | İ İ');
      assert.equal(repairOcrDigits('Tel: 0532 | 23 45 67').text, 'Tel: 0532 1 23 45 67');
    });

    it('replaces letters one for one, so offsets into the text stay valid', () => {
      const text = 'Tel: 0S32 l23 4S 67, TC 7O2264222S2';
      assert.equal(repairOcrDigits(text).text.length, text.length);
    });
  });

  context('when look-alikes stand alone between digit groups', () => {
    it('reads a lone O before a digit group as 0 ("O 532 …")', () => {
      assert.equal(repairOcrDigits('Tel: O 532 123 45 67').text, 'Tel: 0 532 123 45 67');
    });

    it('reads short groups of look-alikes beside digit groups as digits ("053 6 Z8S 62 lB")', () => {
      assert.equal(repairOcrDigits('Tel: 053 6 Z8S 62 lB').text, 'Tel: 053 6 285 62 18');
    });
  });

  context('when a word only looks a little like a number', () => {
    it('leaves "N0" in "Kimlik N0" alone, since it is a label and not half digits', () => {
      assert.equal(repairOcrDigits('TC Kimlik N0: 70226422252').text, 'TC Kimlik N0: 70226422252');
      assert.deepEqual(sorted(repairOcrDigits('TC Kimlik N0: 70226422252').repairedAt), []);
    });

    it('leaves words with no digit alone ("BOLU SOKAK")', () => {
      assert.equal(repairOcrDigits('BOLU SOKAK No: 5').text, 'BOLU SOKAK No: 5');
    });

    it('leaves a lone letter that stands beside no digit group alone ("Daire G kat 3")', () => {
      assert.equal(repairOcrDigits('Daire G kat 3').text, 'Daire G kat 3');
    });

    it('leaves ordinary words beside a number alone ("Kemal 5", "Cemal 0532 …")', () => {
      assert.equal(repairOcrDigits('Kemal 5').text, 'Kemal 5');
      assert.equal(repairOcrDigits('Cemal 0532 123 45 67').text, 'Cemal 0532 123 45 67');
    });
  });

  context('when reporting what was repaired', () => {
    it('gives the offset of each character that was a letter in the scan', () => {
      const { text, repairedAt } = repairOcrDigits('TC Kimlik No: 7O2264222S2');
      assert.deepEqual(sorted(repairedAt), [15, 23]);
      assert.equal(text[15], '0');
      assert.equal(text[23], '5');
    });

    it('gives the offsets of lone look-alikes too', () => {
      assert.deepEqual(sorted(repairOcrDigits('Tel: O 532 123 45 67').repairedAt), [5]);
    });

    it('repairs nothing in a text already written in digits', () => {
      const repaired = repairOcrDigits('TC Kimlik No: 70226422252, Tel: 0532 123 45 67');
      assert.equal(repaired.text, 'TC Kimlik No: 70226422252, Tel: 0532 123 45 67');
      assert.equal(repaired.repairedAt.size, 0);
    });
  });
});

describe('repairOcrDigits, found in review', () => {
  it('leaves a letter at the end of a Turkish word alone beside a number', () => {
    assert.equal(repairOcrDigits('Ayşegül 0532 123 45 67').text, 'Ayşegül 0532 123 45 67');
    assert.equal(repairOcrDigits('Yıl 2026').text, 'Yıl 2026');
  });
});
