import assert from 'node:assert/strict';
import { hasLostEncodedWord, mendEncodedWords } from '../../../connectors/email/encoded-words.js';
import { encodedWord } from './build-mail.js';

const decoded = (word: string): string => Buffer.from(/^=\?utf-8\?B\?(.*)\?=$/.exec(word)?.[1] ?? '', 'base64').toString('utf8');

describe('connectors/email mendEncodedWords', () => {
  it('re-encodes windows-1254 bytes under an unknown charset, UTF-7 or a wrong UTF-8 as UTF-8', () => {
    for (const charset of ['x-unknown', 'utf-7', 'UTF-8', 'us-ascii']) {
      for (const encoding of ['B', 'Q'] as const) {
        const word = encodedWord('Başvuru ığ', 'windows-1254', encoding).replace('windows-1254', charset);
        assert.equal(hasLostEncodedWord(`Subject: ${word}`), true, `${charset} ${encoding}`);
        assert.equal(decoded(mendEncodedWords(word)), 'Başvuru ığ');
      }
    }
  });

  it('leaves words mailparser reads right: a known charset, or UTF-8 bytes under any name it reads as UTF-8', () => {
    const header = `Subject: ${encodedWord('Başvuru', 'iso-8859-9', 'Q')} ${encodedWord('ığ', 'utf-8', 'B')} ${encodedWord('ığ', 'utf-8', 'B').replace('utf-8', 'x-unknown')} =?broken`;
    assert.equal(hasLostEncodedWord(header), false);
    assert.equal(mendEncodedWords(header), header);
  });

  it('reads a header full of "=?" in linear time', () => {
    const started = performance.now();
    hasLostEncodedWord(`Subject: ${'=?x?Q?'.repeat(200_000)}`);
    assert.ok(performance.now() - started < 1000);
  });
});
