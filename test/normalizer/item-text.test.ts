import assert from 'node:assert/strict';
import fc from 'fast-check';
import { readItemText } from '../../normalizer/item-text.js';
import { cleanText } from '../../normalizer/turkish/clean.js';
import { foldedWords, tokenizeText } from '../../normalizer/turkish/fold.js';
import { awkwardText } from './turkish/reference.js';

/** What each reader split for itself before issue 11. */
function separately(description: string | null, proposedSolution: string | null): { screened: ReturnType<typeof tokenizeText>; words: string[] } {
  const cleaned = cleanText(description, { multiline: true });
  return {
    screened: tokenizeText([description, proposedSolution].filter((t) => t !== null).join('\n')),
    words: foldedWords(cleaned ?? ''),
  };
}

describe('readItemText', () => {
  context('when a form has a description and a proposed solution', () => {
    it('screens both, one after the other, and classifies the description alone', () => {
      const text = readItemText({ description: 'Merdivende gaz kokusu var.', proposedSolution: 'Ekip gelsin.' });
      assert.equal(text.screened.source, 'Merdivende gaz kokusu var.\nEkip gelsin.');
      assert.deepEqual(text.screened.tokens.map((t) => [t.folded, t.start]), [['merdivende', 0], ['gaz', 11], ['kokusu', 15], ['var', 22], ['ekip', 27], ['gelsin', 32]]);
      assert.deepEqual(text.descriptionWords('Merdivende gaz kokusu var.'), ['merdivende', 'gaz', 'kokusu', 'var']);
    });
  });

  context('when a control character splits a word that cleaning joins', () => {
    it('classifies the cleaned word, as the classifier always read it', () => {
      const description = 'gaz ko\u0000kusu';
      const text = readItemText({ description, proposedSolution: null });
      assert.deepEqual(text.screened.tokens.map((t) => t.folded), ['gaz', 'ko', 'kusu']);
      assert.deepEqual(text.descriptionWords(cleanText(description, { multiline: true })), ['gaz', 'kokusu']);
    });
  });

  context('when there is no text at all', () => {
    it('has no words to screen or classify', () => {
      const text = readItemText({ description: null, proposedSolution: null });
      assert.deepEqual(text.screened, { source: '', tokens: [], words: [] });
      assert.deepEqual(text.descriptionWords(null), []);
    });
  });

  context('when the texts are anything people might type', () => {
    it('gives each reader exactly the words it split for itself before', () => {
      const field = fc.option(awkwardText, { nil: null });
      fc.assert(fc.property(field, field, (description, proposedSolution) => {
        const text = readItemText({ description, proposedSolution });
        const before = separately(description, proposedSolution);
        assert.deepEqual(text.screened, before.screened);
        assert.deepEqual(text.descriptionWords(cleanText(description, { multiline: true })), before.words);
      }), { numRuns: 3000 });
    });
  });
});
