import assert from 'node:assert/strict';
import { readDigitRuns, type DigitRun, type LabelKind } from '../../../normalizer/extract/numbers.js';
import { prepareText } from '../../../normalizer/extract/prepare.js';
import { foldKeepingOffsets } from '../../../normalizer/turkish/fold.js';

function runsOf(raw: string): { text: string; runs: DigitRun[] } {
  const text = prepareText(raw);
  return { text, runs: readDigitRuns(text, foldKeepingOffsets(text)) };
}

/** Each run as its digits and the kind of label it took. */
function kinds(raw: string): Array<[string, LabelKind | null]> {
  return runsOf(raw).runs.map((r) => [r.digits, r.label?.kind ?? null]);
}

describe('readDigitRuns', () => {
  context('when a number is written in groups', () => {
    it('takes "Na" for "No", as OCR reads it, between a label and its number', () => {
      assert.deepEqual(kinds('Sözleşme Hesap Na: 5000678901'), [['5000678901', 'account']]);
    });

    it('joins groups parted by spaces into one run ("702 264 222 52")', () => {
      assert.deepEqual(kinds('TC no: 702 264 222 52'), [['70226422252', 'nationalId']]);
    });

    it('joins groups parted by dashes and dots ("1000-234-567", "0532.123.45.67")', () => {
      assert.deepEqual(kinds('Sözleşme Hesap No: 1000-234-567'), [['1000234567', 'account']]);
      assert.deepEqual(kinds('Tel: 0532.123.45.67'), [['05321234567', 'phone']]);
    });

    it('joins groups parted by two spaces, as a scan lays them out', () => {
      assert.deepEqual(kinds('Tel  0532  123  45  67'), [['05321234567', 'phone']]);
    });

    it('reports where the run starts and ends in the text, first group to last', () => {
      const { text, runs } = runsOf('TC no: 702 264 222 52, teşekkürler');
      const run = runs[0];
      assert.ok(run !== undefined);
      assert.equal(text.slice(run.start, run.end), '702 264 222 52');
    });

    it('does not join groups on two lines', () => {
      assert.deepEqual(kinds('Daire 3\n12 numara').map(([d]) => d), ['3', '12']);
    });
  });

  context('when two long numbers stand side by side', () => {
    it('splits them into two runs ("70226422252 05321234567")', () => {
      assert.deepEqual(kinds('70226422252 05321234567').map(([d]) => d), ['70226422252', '05321234567']);
    });

    it('keeps a grouped phone after an ID whole while splitting it from the ID', () => {
      assert.deepEqual(kinds('70226422252 0532 123 45 67').map(([d]) => d), ['70226422252', '05321234567']);
    });
  });

  context('when a label comes before the number', () => {
    it('reads the kinds of label people write', () => {
      assert.deepEqual(kinds('T.C. Kimlik No: 70226422252'), [['70226422252', 'nationalId']]);
      assert.deepEqual(kinds('TCKN 70226422252'), [['70226422252', 'nationalId']]);
      assert.deepEqual(kinds('Abone No: 1046483391'), [['1046483391', 'account']]);
      assert.deepEqual(kinds('GSM: 05321234567'), [['05321234567', 'phone']]);
      assert.deepEqual(kinds('Başvuru no 2026000123'), [['2026000123', 'caseRef']]);
      assert.deepEqual(kinds('Sayaç seri no: 12345678'), [['12345678', 'other']]);
    });

    it('reads the label over glue words between it and the number ("abone numaram şöyle:")', () => {
      assert.deepEqual(kinds('abone numaram şöyle: 1046483391'), [['1046483391', 'account']]);
      assert.deepEqual(kinds('TC kimlik numaram da 70226422252'), [['70226422252', 'nationalId']]);
    });

    it('reads "11 haneli" as a length between the label and the number, not the end of the label', () => {
      const runs = kinds('TC kimlik numaram 11 haneli 70226422252');
      assert.deepEqual(runs.find(([d]) => d === '70226422252'), ['70226422252', 'nationalId']);
    });

    it('reads a label on the line above the number', () => {
      assert.deepEqual(kinds('Abone no:\n1046483391'), [['1046483391', 'account']]);
    });

    it('gives the label’s place in the text', () => {
      const { text, runs } = runsOf('Sözleşme Hesap No: 1046483391');
      const label = runs[0]?.label;
      assert.ok(label !== null && label !== undefined);
      assert.equal(text.slice(label.start, label.end), 'Sözleşme Hesap');
    });

    it('gives no label when a sentence stands between the label and the number', () => {
      assert.deepEqual(kinds('TC kimliğim yanımda değil, eve 3 kişi geldi'), [['3', null]]);
    });

    it('gives no label to a number with no label near it', () => {
      assert.deepEqual(kinds('Numarayı 1046483391 diye yazdım'), [['1046483391', null]]);
    });
  });

  context('when labels are written side by side and the numbers after them', () => {
    it('pairs a row of labels with the numbers on the same line, in order ("TC / Abone No / Tel:")', () => {
      assert.deepEqual(kinds('TC / Abone No / Tel: 70226422252 / 1046483391 / 05321234567'), [
        ['70226422252', 'nationalId'],
        ['1046483391', 'account'],
        ['05321234567', 'phone'],
      ]);
    });

    it('pairs a header row with the values on the next line', () => {
      assert.deepEqual(kinds('TC / Abone No / Tel:\n70226422252 1046483391 05321234567'), [
        ['70226422252', 'nationalId'],
        ['1046483391', 'account'],
        ['05321234567', 'phone'],
      ]);
    });
  });

  context('when the label comes after the number', () => {
    it('reads "… sözleşme hesap numaralı" as an account number', () => {
      assert.deepEqual(kinds('1046483391 sözleşme hesap numaralı aboneliğim'), [['1046483391', 'account']]);
    });

    it('reads "… TC kimlik numaralı" as a national ID and "… başvuru numaralı" as an application', () => {
      assert.deepEqual(kinds('70226422252 TC kimlik numaralı'), [['70226422252', 'nationalId']]);
      assert.deepEqual(kinds('2026000123 başvuru numaralı'), [['2026000123', 'caseRef']]);
    });

    it('reads "… nolu sayaç" as some other number, not the customer’s', () => {
      assert.deepEqual(kinds('12345678 nolu sayaç değişmeli'), [['12345678', 'other']]);
    });

    it('gives no label to a bare "numaralı" that names nothing', () => {
      assert.deepEqual(kinds('123456 numaralı'), [['123456', null]]);
    });

    it('places the label after the number', () => {
      const { text, runs } = runsOf('1046483391 sözleşme hesap numaralı aboneliğim');
      const run = runs[0];
      assert.ok(run?.label !== null && run?.label !== undefined);
      assert.equal(run.label.start, run.end);
      assert.equal(text.slice(run.label.start, run.label.end).trim(), 'sözleşme hesap numaralı');
    });
  });
});
