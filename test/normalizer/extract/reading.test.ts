import assert from 'node:assert/strict';
import { confidenceOf, read } from '../../../normalizer/extract/reading.js';

describe('read', () => {
  context('when the text is typed', () => {
    it('keeps it and folds it with every character in place', () => {
      const r = read('Kimlik No: 70226422252', 'typed');
      assert.equal(r.text, 'Kimlik No: 70226422252');
      assert.equal(r.folded, 'kimlik no: 70226422252');
    });
  });

  context('when the text is a transcript', () => {
    it('writes the spoken numbers as digits', () => {
      assert.equal(read('numaram sıfır beş yüz otuz iki', 'transcript').text, 'numaram 0 532');
    });
  });

  context('when the text is OCR', () => {
    it('puts look-alike letters back as digits and remembers where', () => {
      const r = read('TC: 7O226422252', 'ocr');
      assert.equal(r.text, 'TC: 70226422252');
      assert.equal(r.repairedAt.has(5), true);
    });
  });
});

describe('confidenceOf', () => {
  it('lowers the text\'s confidence for each repaired character in the value', () => {
    const r = read('TC: 7O22642Z252', 'ocr');
    assert.ok(confidenceOf(0.9, r, 4, 15) < 0.9);
    assert.equal(confidenceOf(0.9, r, 0, 3), 0.9);
  });
});
