import assert from 'node:assert/strict';
import { compileWord, matchesWord } from '../../../normalizer/classify/word-pattern.js';

function matches(word: string, token: string): boolean {
  return matchesWord(token, compileWord(word));
}

describe('compileWord', () => {
  context('when the word ends in a tense or a final vowel', () => {
    it('reduces it to a stem of at least five letters', () => {
      assert.deepEqual(compileWord('kesildi').stems, ['kesil']);
      assert.deepEqual(compileWord('fatura').stems, ['fatur']);
      assert.deepEqual(compileWord('yükleme').stems, ['yukle']);
      assert.deepEqual(compileWord('kazı').stems, ['kazi']);
    });
  });

  context('when the stem ends in a consonant that softens', () => {
    it('adds the other form', () => {
      assert.deepEqual(compileWord('kaçak').stems, ['kacak', 'kacag']);
      assert.deepEqual(compileWord('kaçağı').stems, ['kacag', 'kacak']);
    });
  });
});

describe('matchesWord', () => {
  context('when the text word is the catalogue word with suffixes', () => {
    it('matches', () => {
      for (const token of ['faturam', 'faturami', 'faturanin', 'faturaya']) assert.ok(matches('fatura', token), token);
      for (const token of ['sayacimiz', 'sayactan', 'sayaci']) assert.ok(matches('sayaç', token), token);
      for (const token of ['kesildi', 'kesilmis', 'kesilecek']) assert.ok(matches('kesildi', token), token);
      assert.ok(matches('kaçak', 'kacagi'));
    });
  });

  context('when the catalogue word is short', () => {
    it('matches only inflected forms, not other words starting alike', () => {
      assert.ok(matches('gaz', 'gazimizdan'));
      assert.ok(matches('kart', 'kartli'));
      assert.ok(!matches('gaz', 'gazete'));
      assert.ok(!matches('kart', 'kartal'));
      assert.ok(!matches('yol', 'yolcu'));
    });
  });

  context('when a long word has one typo', () => {
    it('still matches', () => {
      assert.ok(matches('teşekkür', 'tesekurler'));
      assert.ok(matches('teşekkür', 'tesekkrler'));
    });

    it('does not treat a different word as a typo', () => {
      assert.ok(!matches('kesinti', 'kesinlikle'));
      assert.ok(!matches('ödenmemiş', 'odeme'));
    });
  });

  context('when a present tense is typed SMS-style without its r', () => {
    it('matches', () => {
      assert.ok(matches('kaçıyor', 'kaciyo'));
      assert.ok(matches('kaçıyor', 'kaciyor'));
    });
  });
});
