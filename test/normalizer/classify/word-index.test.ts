/**
 * The word index (issue 6, finding 7) must find exactly what trying every catalogue word at every
 * word of the text finds: it only skips catalogue words that cannot match, so the topics and their
 * evidence stay as they were.
 */
import assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { defaultCatalogue } from '../../../normalizer/catalogue/index.js';
import { foldedWords } from '../../../normalizer/turkish/fold.js';
import { MAX_GAP, compilePhrase, phraseOccursIn, type PhrasePattern } from '../../../normalizer/classify/phrase-pattern.js';
import { createWordLookup, indexWords } from '../../../normalizer/classify/word-index.js';
import { compileWord, matchesWord, type WordPattern } from '../../../normalizer/classify/word-pattern.js';
import { fixturesRoot } from '../../support/fixtures.js';

const phrases = defaultCatalogue.source.mainTopics.flatMap((m) => m.subTopics.flatMap((s) => s.phrases ?? [])).map(compilePhrase);
const catalogueWords = phrases.flatMap((p) => p.words);

/** The labelled texts, with typos and texts typed without Turkish letters among them. */
const texts = ['complaints.json', 'holdout.json', 'blind.json'].flatMap((name) =>
  (JSON.parse(readFileSync(join(fixturesRoot, 'classification', name), 'utf8')) as { items: { text: string }[] }).items.map((i) => i.text),
);

/** Where trying the word at every position finds it. */
function everyPosition(tokens: readonly string[], pattern: WordPattern): number[] {
  return tokens.flatMap((token, i) => (matchesWord(token, pattern) ? [i] : []));
}

/** The phrase followed word by word from every position, as phrase matching worked before the index. */
function wordByWord(tokens: readonly string[], phrase: PhrasePattern): boolean {
  const from = (word: number, start: number, end: number): boolean => {
    const pattern = phrase.words[word];
    if (pattern === undefined) return true;
    for (let i = start; i < Math.min(end, tokens.length); i++) {
      if (matchesWord(tokens[i] ?? '', pattern) && from(word + 1, i + 1, i + 2 + MAX_GAP)) return true;
    }
    return false;
  };
  return phrase.words.length > 0 && from(0, 0, tokens.length);
}

describe('indexWords', () => {
  context('when the labelled texts are indexed against every catalogue word', () => {
    it('finds each word where trying it at every position finds it', () => {
      const lookup = createWordLookup(catalogueWords);
      let found = 0;
      for (const text of texts) {
        const tokens = foldedWords(text);
        const { positions } = indexWords(tokens, lookup);
        for (const pattern of catalogueWords) {
          assert.deepEqual(positions(pattern), everyPosition(tokens, pattern), `${pattern.key} in "${text}"`);
          found += positions(pattern).length;
        }
      }
      assert.ok(found > 500, `only ${found} matches: the check would prove little`);
    });
  });

  context('when a catalogue word matches with a typo', () => {
    it('finds it under the text word\'s first two letters', () => {
      const pattern = compileWord('teşekkürler');
      const tokens = foldedWords('çok tesekurler ederim');
      assert.deepEqual(indexWords(tokens, createWordLookup([pattern])).positions(pattern), [1]);
    });
  });

  context('when a catalogue word has a stem of one letter', () => {
    it('tries it against every text word', () => {
      const pattern = compileWord('a');
      const tokens = foldedWords('ada a b');
      assert.deepEqual(indexWords(tokens, createWordLookup([pattern])).positions(pattern), everyPosition(tokens, pattern));
    });
  });
});

describe('phraseOccursIn', () => {
  context('when every catalogue phrase is looked for in the labelled texts', () => {
    it('finds the same phrases as following each one word by word', () => {
      const lookup = createWordLookup(catalogueWords);
      for (const text of texts) {
        const tokens = foldedWords(text);
        const { positions } = indexWords(tokens, lookup);
        const byIndex = phrases.filter((p) => phraseOccursIn(positions, p)).map((p) => p.phrase);
        const followed = phrases.filter((p) => wordByWord(tokens, p)).map((p) => p.phrase);
        assert.deepEqual(byIndex, followed, text);
      }
    });
  });
});
