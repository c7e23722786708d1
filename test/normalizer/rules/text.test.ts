import assert from 'node:assert/strict';
import { cleanText, lowerTr, titleCaseTr, upperTr } from '../../../normalizer/rules/text.js';

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
});

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
});
