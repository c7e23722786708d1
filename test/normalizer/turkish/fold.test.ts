import assert from 'node:assert/strict';
import { foldTurkish, foldedWords, tokenize, tokenizeText } from '../../../normalizer/turkish/fold.js';

describe('foldTurkish', () => {
  context('when the text has Turkish letters', () => {
    it('maps them to plain letters', () => {
      assert.equal(foldTurkish('çğıöşü âîû'), 'cgiosu aiu');
      assert.equal(foldTurkish('Gaz kaçağı, sayaç'), 'gaz kacagi, sayac');
    });
  });

  context('when the text is in capitals', () => {
    it('lower-cases by Turkish rules, so İ and I both end as i', () => {
      assert.equal(foldTurkish('İGDAŞ'), 'igdas');
      assert.equal(foldTurkish('IGDAS'), 'igdas');
      assert.equal(foldTurkish('KOKU GELİYOR'), 'koku geliyor');
      assert.equal(foldTurkish('KOKU GELIYOR'), 'koku geliyor');
    });
  });

  context('when the text was typed without Turkish letters', () => {
    it('folds to the same form as the text with them', () => {
      assert.equal(foldTurkish('gaz kacagi'), foldTurkish('GAZ KAÇAĞI'));
      assert.equal(foldTurkish('Sayacim'), foldTurkish('Sayacım'));
    });
  });

  context('when the text is decomposed (as a Mac form sends it)', () => {
    it('folds it like the composed text', () => {
      assert.equal(foldTurkish('Kac\u0327ag\u0306ı'), 'kacagi');
      assert.equal(foldTurkish('I\u0307STANBUL'), 'istanbul');
    });
  });

  context('when the text has other diacritics', () => {
    it('drops them', () => {
      assert.equal(foldTurkish('café'), 'cafe');
    });
  });
});

describe('tokenize', () => {
  context('when a proper noun carries suffixes after an apostrophe', () => {
    it('keeps them in one word without the apostrophe', () => {
      assert.deepEqual(foldedWords("Üsküdar'da, İGDAŞ’a yazdım"), ['uskudarda', 'igdasa', 'yazdim']);
    });

    // ʼ (U+02BC) is a letter, so no apostrophe joins the parts, yet the fold drops it as one.
    it('drops ʼ as well, wherever it stands in the word', () => {
      assert.deepEqual(foldedWords('İGDAŞʼa ʼGaz kaçağıʼ'), ['igdasa', 'gaz', 'kacagi']);
    });
  });

  context('when words are separated by punctuation', () => {
    it('splits on it and keeps digits', () => {
      assert.deepEqual(foldedWords('No:12 Kadıköy/İstanbul'), ['no', '12', 'kadikoy', 'istanbul']);
    });
  });

  context('when asked for offsets', () => {
    it('gives each word as written with its offsets in the NFC text', () => {
      const [first, second] = tokenize('Gaz  kaçağı!');
      assert.deepEqual(first, { text: 'Gaz', folded: 'gaz', start: 0, end: 3 });
      assert.deepEqual(second, { text: 'kaçağı', folded: 'kacagi', start: 5, end: 11 });
    });
  });

  context('when there are no words', () => {
    it('returns nothing', () => {
      assert.deepEqual(tokenize(' ... !? '), []);
    });
  });
});

describe('tokenizeText', () => {
  context('when the text is decomposed', () => {
    it('gives the NFC text with the words whose offsets index it', () => {
      const { source, tokens } = tokenizeText('Kac\u0327ak var');
      assert.equal(source, 'Kaçak var');
      assert.deepEqual(tokens.map((t) => source.slice(t.start, t.end)), ['Kaçak', 'var']);
    });
  });

  context('when words are written in letters outside the Latin tables', () => {
    it('folds them by the ICU calls, the same each time they come', () => {
      for (let round = 0; round < 2; round++) assert.deepEqual(tokenizeText('ΟΔΟΣ Ж i\u0307 gaz').tokens.map((t) => t.folded), ['οδος', 'ж', 'i', 'gaz']);
    });
  });
});
