import assert from 'node:assert/strict';
import { readDigitRuns } from '../../../normalizer/extract/numbers.js';
import { read } from '../../../normalizer/extract/reading.js';
import { readNumbers } from '../../../normalizer/extract/whose-numbers.js';

function numbers(text: string, forSomeone = false): ReturnType<typeof readNumbers> {
  const reading = read(text, 'typed');
  return readNumbers(reading, readDigitRuns(reading.text, reading.folded), forSomeone);
}

describe('readNumbers', () => {
  context('when an ID, an account and a phone stand side by side under their labels', () => {
    it('tells them apart by label, not by length', () => {
      const n = numbers('TC: 70226422252 Abone No: 1000234567 Tel: 0532 123 45 67');
      assert.equal(n.id.nationalId?.digits, '70226422252');
      assert.equal(n.account?.digits, '1000234567');
      assert.equal(n.phones.customer?.e164, '+905321234567');
    });
  });

  context('when a labelled ID fails the checksum', () => {
    it('takes no ID and says which labelled number failed', () => {
      const n = numbers('TC kimlik no 70226422253');
      assert.equal(n.id.nationalId, null);
      assert.equal(n.id.invalid, '70226422253');
    });
  });

  context('when a neighbour\'s ID is in the text of someone writing for themself', () => {
    it('does not take it', () => {
      assert.equal(numbers('komşumun tc kimlik numarası 52660684816, gaz kokusu var').id.nationalId, null);
    });
  });

  context('when a firm\'s number stands beside the customer\'s', () => {
    it('takes the customer\'s', () => {
      assert.equal(numbers('Tesisatçı firma (0212 486 30 30) gelmedi. İletişim: 0533 740 92 15').phones.customer?.e164, '+905337409215');
    });
  });

  context('when the customer says which number to call', () => {
    it('takes that one', () => {
      assert.equal(numbers('ev tel 0212 538 41 20 ama cepten ulasin 05324443322').phones.customer?.e164, '+905324443322');
    });
  });

  context('when someone writes for their mother and gives both numbers', () => {
    it('takes the mother\'s as the application\'s and the writer\'s as theirs', () => {
      const n = numbers('annemin ev telefonu 0216 492 38 17. Bana 0535 612 44 09 numarasından ulaşabilirsiniz.', true);
      assert.equal(n.phones.customer?.e164, '+902164923817');
      assert.equal(n.phones.writer?.e164, '+905356124409');
    });
  });
});
