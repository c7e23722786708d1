import assert from 'node:assert/strict';
import fc from 'fast-check';
import { wordsBefore } from '../../../normalizer/extract/words-before.js';
import { awkwardText } from '../turkish/reference.js';

/** The pattern the name readers searched the stretch before "ben" or "adına" with, before issue 7. */
const LAST_WORDS = /((?:[\p{L}'’-]+ ){2,3})$/u;

function expected(text: string, end: number, reach: number): { words: string; start: number } | null {
  const m = LAST_WORDS.exec(text.slice(Math.max(0, end - reach), end));
  return m === null ? null : { words: m[0], start: end - m[0].length };
}

/** Each end of a text, as a "ben" or "adına" might be found anywhere in it. */
function agreesEverywhere(text: string, reach: number): void {
  for (let end = 0; end <= text.length; end++) assert.deepEqual(wordsBefore(text, end, reach), expected(text, end, reach), `${JSON.stringify(text)} at ${end}`);
}

describe('wordsBefore', () => {
  context('when a name is said before "ben"', () => {
    it('gives the last three words and where they start', () => {
      const text = 'merhaba Hüsnü Yılmazer ben';
      assert.deepEqual(wordsBefore(text, text.indexOf('ben'), 60), { words: 'merhaba Hüsnü Yılmazer ', start: 0 });
    });
  });

  context('when fewer than two words, or words apart by two spaces, come before', () => {
    it('finds none, or only those after the double space', () => {
      assert.equal(wordsBefore('Ali ben', 4, 60), null);
      assert.deepEqual(wordsBefore('x.  Ayşe Nur Kaya ben', 18, 60), { words: 'Ayşe Nur Kaya ', start: 4 });
      assert.equal(wordsBefore('Ayşe  Kaya ben', 11, 60), null);
    });
  });

  context('when the stretch starts inside a word or a surrogate pair', () => {
    it('takes what the pattern takes of the stretch', () => {
      agreesEverywhere('abcdefgh ijk lmn ', 10);
      agreesEverywhere('\u{1d400}\u{1d401} a\u{1d402} b ', 5);
      agreesEverywhere('x \ud800 a b \udc00 c d ', 60);
    });
  });

  context('when the text is anything people might type', () => {
    it('finds what the pattern finds, at every point and reach', () => {
      fc.assert(fc.property(awkwardText, fc.integer({ min: 1, max: 70 }), (text, reach) => agreesEverywhere(text, reach)), { numRuns: 2000 });
      const nameish = fc.string({ unit: fc.constantFrom('a', 'Ş', 'ı', ' ', ' ', "'", '’', '-', '.', '\u{1d400}', '\ud800', '\udc00', '1'), maxLength: 40 });
      fc.assert(fc.property(nameish, fc.integer({ min: 1, max: 50 }), (text, reach) => agreesEverywhere(text, reach)), { numRuns: 5000 });
    });
  });
});
