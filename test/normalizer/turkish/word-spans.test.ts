import assert from 'node:assert/strict';
import fc from 'fast-check';
import { forEachWordSpan } from '../../../normalizer/turkish/word-spans.js';
import { awkwardText } from './reference.js';

/** The regular expression the words were found with before issue 11. */
const WORD = /[\p{L}\p{N}]+(?:['’ʼ`´][\p{L}\p{N}]+)*/gu;

function spans(text: string): [number, number][] {
  const found: [number, number][] = [];
  forEachWordSpan(text, (start, end) => found.push([start, end]));
  return found;
}

function expected(text: string): [number, number][] {
  return [...text.matchAll(WORD)].map((m) => [m.index, m.index + m[0].length]);
}

describe('forEachWordSpan', () => {
  context('when suffixes follow a proper noun after an apostrophe', () => {
    it('keeps them in the word, and ends the word at a lone apostrophe', () => {
      assert.deepEqual(spans("Kadıköy'de İGDAŞ’a gelin' ' x"), [[0, 10], [11, 18], [19, 24], [28, 29]]);
    });
  });

  context('when letters lie beyond the BMP or surrogates stand alone', () => {
    it('takes a surrogate pair that is a letter as one, and anything else as a separator', () => {
      assert.deepEqual(spans('a\u{1d400}b \u{1f525}c \ud800d\udc00'), [[0, 4], [7, 8], [10, 11]]);
    });
  });

  context('when any UTF-16 code unit stands alone, between letters or after an apostrophe', () => {
    it('finds the words the regular expression finds', () => {
      for (let code = 0; code < 0x10000; code++) {
        const c = String.fromCharCode(code);
        for (const text of [c, `a${c}b`, `a'${c}`, `${c}${c}`]) {
          const got = spans(text);
          const want = expected(text);
          if (got.length !== want.length || got.some(([s, e], i) => s !== want[i]?.[0] || e !== want[i]?.[1])) assert.fail(`U+${code.toString(16)} in ${JSON.stringify(text)}`);
        }
      }
    });
  });

  context('when the text is anything people might type', () => {
    it('finds the words the regular expression finds', () => {
      fc.assert(fc.property(awkwardText, (text) => assert.deepEqual(spans(text), expected(text))), { numRuns: 5000 });
      fc.assert(fc.property(fc.string({ unit: 'binary', maxLength: 30 }), (text) => assert.deepEqual(spans(text), expected(text))), { numRuns: 5000 });
    });
  });
});
