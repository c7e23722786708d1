import assert from 'node:assert/strict';
import fc from 'fast-check';
import { lowerTr, upperTr } from '../../../normalizer/turkish/case.js';
import { foldTurkish, tokenize } from '../../../normalizer/turkish/fold.js';
import { letterTable } from '../../../normalizer/turkish/letter-table.js';
import { awkwardText, referenceFold, referenceTokens, tableCharacters } from './reference.js';

describe('letterTable', () => {
  const upper = letterTable((s) => s.toUpperCase());

  context('when every character is in the table', () => {
    it('maps the string as the exact function does', () => {
      assert.equal(upper.map('Kadıköy'), 'KADIKÖY');
    });

    it('returns the very string when nothing changes', () => {
      const value = 'ABC DEF';
      assert.equal(upper.map(value), value);
    });
  });

  context('when a character is outside the table', () => {
    it('says it cannot map the string', () => {
      assert.equal(upper.map('ΟΔΟΣ'), null);
      assert.equal(upper.map('I\u0307'), null);
      assert.equal(upper.map('\ud83d\udd25'), null);
    });
  });

  // The tables rest on each character mapping on its own; pairs are where a neighbour would show.
  context('when any two characters of the table stand side by side', () => {
    it('folds, lower-cases and upper-cases them as ICU does', () => {
      for (const a of tableCharacters) {
        for (const b of tableCharacters) {
          const s = a + b;
          if (foldTurkish(s) !== referenceFold(s)) assert.fail(`fold ${JSON.stringify(s)}`);
          if (lowerTr(s) !== s.toLocaleLowerCase('tr-TR')) assert.fail(`lower ${JSON.stringify(s)}`);
          if (upperTr(s) !== s.toLocaleUpperCase('tr-TR')) assert.fail(`upper ${JSON.stringify(s)}`);
        }
      }
    });
  });

  context('when the text is anything people might type', () => {
    it('folds it, splits it into words and changes its case as the ICU calls do', () => {
      fc.assert(fc.property(awkwardText, (text) => {
        assert.equal(foldTurkish(text), referenceFold(text));
        assert.deepEqual(tokenize(text), referenceTokens(text));
        assert.equal(lowerTr(text), text.toLocaleLowerCase('tr-TR'));
        assert.equal(upperTr(text), text.toLocaleUpperCase('tr-TR'));
      }), { numRuns: 3000 });
    });
  });
});
