import assert from 'node:assert/strict';
import { toE164 } from '../../../normalizer/rules/phone.js';

describe('toE164', () => {
  context('when a Turkish mobile number is written the usual ways', () => {
    const ways = ['0532 123 45 67', '+90 (532) 123-45-67', '0090 532 123 45 67', '00905321234567', '5321234567', '532 123 4567', '905321234567', '+905321234567', ' 0532.123.45.67 '];
    for (const raw of ways) {
      it(`turns ${JSON.stringify(raw)} into +905321234567`, () => {
        assert.equal(toE164(raw), '+905321234567');
      });
    }
  });

  context('when the number is a landline', () => {
    it('accepts an Istanbul number (0212)', () => {
      assert.equal(toE164('0212 153 00 00'), '+902121530000');
      assert.equal(toE164('+90 216 555 44 33'), '+902165554433');
    });

    it('accepts a non-geographic 0850 number', () => {
      assert.equal(toE164('0850 123 45 67'), '+908501234567');
    });

    it('accepts a number of another province (0312)', () => {
      assert.equal(toE164('(0312) 444 55 66'), '+903124445566');
    });
  });

  context('when the number is foreign and written with +', () => {
    it('keeps it as it is, without separators', () => {
      assert.equal(toE164('+44 20 7946 0958'), '+442079460958');
      assert.equal(toE164('+49 30 1234567'), '+49301234567');
    });
  });

  context('when the input is not a number at all', () => {
    for (const raw of ['abc', 'ayse@example.com', '0532 ABC 45 67', '', '+', '++905321234567', '05321234567 ext 12']) {
      it(`rejects ${JSON.stringify(raw)}`, () => {
        assert.equal(toE164(raw), null);
      });
    }
  });

  context('when the number is too short or too long', () => {
    it('rejects too few digits', () => {
      assert.equal(toE164('0532 123 45 6'), null);
      assert.equal(toE164('0532 123'), null);
      assert.equal(toE164('+90 532 123 45 6'), null);
    });

    it('rejects too many digits', () => {
      assert.equal(toE164('0532 123 45 678'), null);
      assert.equal(toE164('+90 532 123 45 678'), null);
      assert.equal(toE164('+1234567890123456'), null);
    });
  });

  context('when the national number starts with 1', () => {
    it('rejects it: no Turkish subscriber number starts with 1', () => {
      assert.equal(toE164('0132 123 45 67'), null);
      assert.equal(toE164('1321234567'), null);
      assert.equal(toE164('+90 132 123 45 67'), null);
    });
  });

  context('when the national number starts with 0, 6, 7 or 9', () => {
    it('rejects it', () => {
      for (const raw of ['+90 032 123 45 67', '0632 123 45 67', '0732 123 45 67', '0932 123 45 67']) assert.equal(toE164(raw), null, raw);
    });
  });
});
