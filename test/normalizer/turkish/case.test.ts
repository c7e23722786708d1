import assert from 'node:assert/strict';
import { lowerTr, upperTr } from '../../../normalizer/turkish/case.js';

describe('lowerTr', () => {
  context('when the word has a dotless capital I', () => {
    it('lower-cases it to dotless ı ("IŞIK" → "ışık")', () => {
      assert.equal(lowerTr('IŞIK'), 'ışık');
    });
  });

  context('when the word has a dotted capital İ', () => {
    it('lower-cases it to i ("İSMAİL" → "ismail")', () => {
      assert.equal(lowerTr('İSMAİL'), 'ismail');
    });
  });

  context('when the word is outside the Latin letters the table holds', () => {
    it('gives what the locale mapping gives', () => {
      assert.equal(lowerTr('ΟΔΟΣ'), 'οδος');
      assert.equal(lowerTr('I\u0307stanbul'), 'istanbul');
    });
  });
});

describe('upperTr', () => {
  context('when the word has a dotted i', () => {
    it('upper-cases it to İ ("istanbul" → "İSTANBUL")', () => {
      assert.equal(upperTr('istanbul'), 'İSTANBUL');
    });
  });

  context('when the word has a dotless ı', () => {
    it('upper-cases it to I ("ılgın" → "ILGIN")', () => {
      assert.equal(upperTr('ılgın'), 'ILGIN');
    });
  });
});
