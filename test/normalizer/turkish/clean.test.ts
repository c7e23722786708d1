import assert from 'node:assert/strict';
import fc from 'fast-check';
import { cleanText, isBlank, titleCaseTr } from '../../../normalizer/turkish/clean.js';
import { awkwardText, referenceClean, referenceTitleCase } from '../turkish/reference.js';

describe('cleanText', () => {
  context('when the input is decomposed (as a Mac form sends it)', () => {
    it('composes it to NFC', () => {
      const decomposed = 'Ays\u0327e Is\u0327ık Gu\u0308l';
      const result = cleanText(decomposed);
      assert.equal(result, 'Ayşe Işık Gül');
      assert.equal(result, result?.normalize('NFC'));
      assert.equal(result?.length, 'Ayşe Işık Gül'.length);
    });
  });

  context('when the input holds control characters', () => {
    it('removes them', () => {
      assert.equal(cleanText('Ay\u0000şe\u0007 Iş\u001Bık\u007F'), 'Ayşe Işık');
    });
  });

  context('when the input has runs of white space', () => {
    it('folds them to one space on a single line', () => {
      assert.equal(cleanText('  Ayşe \t\t Işık \r\n Kadıköy  '), 'Ayşe Işık Kadıköy');
    });

    it('keeps line breaks in multiline mode, at most one blank line', () => {
      assert.equal(cleanText('Merhaba,\r\n\r\n\r\n\r\nfaturam   çok\t yüksek.\rTeşekkürler', { multiline: true }), 'Merhaba,\n\nfaturam çok yüksek.\nTeşekkürler');
    });
  });

  context('when nothing is left', () => {
    it('returns null', () => {
      assert.equal(cleanText(''), null);
      assert.equal(cleanText('  \t\n '), null);
      assert.equal(cleanText('\u0000\u0001'), null);
      assert.equal(cleanText('\n\n', { multiline: true }), null);
    });
  });

  context('when there is no input', () => {
    it('returns null for null and undefined', () => {
      assert.equal(cleanText(null), null);
      assert.equal(cleanText(undefined), null);
    });
  });

  // Issue 11: a value that cleaning cannot change is returned as it is, without the ICU call.
  context('when the input is already clean', () => {
    it('returns the very same string', () => {
      const value = 'Ayşe Işık, Kadıköy';
      assert.equal(cleanText(value), value);
      assert.equal(cleanText('Merhaba,\n\nfaturam çok yüksek.', { multiline: true }), 'Merhaba,\n\nfaturam çok yüksek.');
    });
  });

  context('when the input is anything people might type', () => {
    it('cleans it exactly as the full clean-up does', () => {
      fc.assert(fc.property(awkwardText, (text) => {
        assert.equal(cleanText(text), referenceClean(text));
        assert.equal(cleanText(text, { multiline: true }), referenceClean(text, { multiline: true }));
      }), { numRuns: 5000 });
    });

    it('cleans every single character below U+0400, alone and between letters, as the full clean-up does', () => {
      for (let code = 0; code < 0x400; code++) {
        const c = String.fromCharCode(code);
        for (const value of [c, `a${c}b`, `a${c}${c}b`, `a ${c}`, `${c}\n`]) {
          for (const multiline of [false, true]) {
            if (cleanText(value, { multiline }) !== referenceClean(value, { multiline })) assert.fail(`${JSON.stringify(value)} multiline ${multiline}`);
          }
        }
      }
    });
  });
});

describe('isBlank', () => {
  context('when a value holds only white space and control characters', () => {
    it('is blank, as cleanText leaves nothing of it', () => {
      for (const value of [null, undefined, '', '  ', '\t\r\n', '\u0000\u0007', '\u00a0\u2000\u3000\ufeff']) assert.equal(isBlank(value), true, JSON.stringify(value));
    });
  });

  context('when a value holds anything else', () => {
    it('is not blank', () => {
      for (const value of ['a', ' . ', '\u200b', '\u0085', '\u0301']) assert.equal(isBlank(value), false, JSON.stringify(value));
    });
  });

  context('when the value is anything people might type', () => {
    it('is blank exactly when cleanText leaves nothing', () => {
      fc.assert(fc.property(awkwardText, (text) => assert.equal(isBlank(text), cleanText(text) === null)), { numRuns: 3000 });
    });
  });
});

describe('titleCaseTr', () => {
  context('when a name mixes cases', () => {
    it('capitalises each word by Turkish rules ("ayşe IŞIK" → "Ayşe Işık")', () => {
      assert.equal(titleCaseTr('ayşe IŞIK'), 'Ayşe Işık');
    });

    it('keeps the dot on İ and i ("iSMAİL ÇAĞLAR" → "İsmail Çağlar")', () => {
      assert.equal(titleCaseTr('iSMAİL ÇAĞLAR'), 'İsmail Çağlar');
    });
  });

  context('when a name is hyphenated', () => {
    it('capitalises each part ("ayşe-gül ÖZTÜRK-ıŞık" → "Ayşe-Gül Öztürk-Işık")', () => {
      assert.equal(titleCaseTr('ayşe-gül ÖZTÜRK-ıŞık'), 'Ayşe-Gül Öztürk-Işık');
    });
  });

  context('when the name is already title case', () => {
    it('leaves it unchanged', () => {
      assert.equal(titleCaseTr('Ayşe Işık'), 'Ayşe Işık');
    });
  });

  context('when the value is anything people might type', () => {
    it('gives what splitting it on spaces and hyphens gives', () => {
      for (const text of ['', ' ', '-', 'a  b', '--a', 'ayşe- -IŞIK ', '\ud83d\udd25ali', 'İ\u0307STANBUL']) assert.equal(titleCaseTr(text), referenceTitleCase(text), JSON.stringify(text));
      fc.assert(fc.property(awkwardText, (text) => assert.equal(titleCaseTr(text), referenceTitleCase(text))), { numRuns: 5000 });
    });
  });
});
