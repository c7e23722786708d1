import assert from 'node:assert/strict';
import fc from 'fast-check';
import { toNfc } from '../../../normalizer/turkish/nfc.js';
import { awkwardText } from './reference.js';

describe('toNfc', () => {
  context('when a text holds only characters below U+0300', () => {
    it('gives it back as NFC does, for every such character and every pair of them', () => {
      for (let a = 0; a < 0x300; a++) {
        for (let b = 0; b < 0x300; b++) {
          const text = String.fromCharCode(a, b);
          if (toNfc(text) !== text.normalize('NFC')) assert.fail(`U+${a.toString(16)} U+${b.toString(16)}`);
        }
      }
    });
  });

  context('when the text is anything people might type', () => {
    it('gives what NFC gives', () => {
      fc.assert(fc.property(awkwardText, (text) => assert.equal(toNfc(text), text.normalize('NFC'))), { numRuns: 5000 });
    });
  });
});
