import assert from 'node:assert/strict';
import { foldedWords } from '../../../normalizer/turkish/fold.js';
import { MAX_GAP, compilePhrase, phraseOccurs } from '../../../normalizer/classify/phrase-pattern.js';

function occurs(phrase: string, text: string): boolean {
  return phraseOccurs(foldedWords(text), compilePhrase(phrase));
}

describe('phraseOccurs', () => {
  context('when the words are in order with few words between', () => {
    it('finds the phrase', () => {
      assert.ok(occurs('fatura yüksek', 'Faturam bu ay çok yüksek geldi'));
      assert.ok(occurs('gaz kesildi', 'GAZIMIZ KESILMIS'));
    });
  });

  context(`when more than ${MAX_GAP} words stand between`, () => {
    it('does not find it', () => {
      assert.ok(!occurs('fatura yüksek', 'fatura geldi ama ödedim, sonra yüksek sesle konuştular'));
    });
  });

  context('when the words are in the other order', () => {
    it('does not find it', () => {
      assert.ok(!occurs('yüksek fatura', 'faturam yüksek'));
    });
  });

  context('when the phrase has no words', () => {
    it('never occurs', () => {
      assert.ok(!occurs('...', 'anything'));
    });
  });
});
