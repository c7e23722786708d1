import assert from 'node:assert/strict';
import { cleanNationalId, isValidNationalId } from '../../../normalizer/rules/national-id.js';

describe('isValidNationalId', () => {
  context('when the number passes the T.C. Kimlik No checksum', () => {
    for (const id of ['70226422252', '52000220674', '52660684816', '32680226470', '38404424672', '16408280098']) {
      it(`accepts ${id}`, () => {
        assert.equal(isValidNationalId(id), true);
      });
    }
  });

  context('when the first digit is 0', () => {
    it('rejects it even though both check digits are right', () => {
      // d1..d9 = 0..8: d10 = (20*7 - 16) mod 10 = 4, d11 = (36 + 4) mod 10 = 0.
      assert.equal(isValidNationalId('01234567840'), false);
    });
  });

  context('when only the tenth digit is wrong', () => {
    it('rejects it', () => {
      // 70226422252 with d10 5 → 6, and d11 moved along so that the sum rule still holds.
      assert.equal(isValidNationalId('70226422263'), false);
    });
  });

  context('when only the eleventh digit is wrong', () => {
    it('rejects it', () => {
      assert.equal(isValidNationalId('70226422253'), false);
    });
  });

  context('when the number has 10 or 12 digits', () => {
    it('rejects 10 digits', () => {
      assert.equal(isValidNationalId('7022642225'), false);
    });

    it('rejects 12 digits', () => {
      assert.equal(isValidNationalId('702264222520'), false);
    });
  });

  context('when the number contains letters', () => {
    it('rejects it', () => {
      assert.equal(isValidNationalId('7022642225A'), false);
      assert.equal(isValidNationalId('TC70226422252'), false);
    });
  });

  context('when the number still has the separators people type', () => {
    it('rejects it until it is cleaned', () => {
      assert.equal(isValidNationalId('702 264 222 52'), false);
      assert.equal(isValidNationalId(cleanNationalId('702 264 222 52')), true);
    });
  });

  context('when the input is empty', () => {
    it('rejects it', () => {
      assert.equal(isValidNationalId(''), false);
    });
  });
});

describe('cleanNationalId', () => {
  context('when digit groups are separated by spaces, dashes or dots', () => {
    it('strips the separators', () => {
      assert.equal(cleanNationalId('702 264 222 52'), '70226422252');
      assert.equal(cleanNationalId('702-264-222-52'), '70226422252');
      assert.equal(cleanNationalId('702.264.222.52'), '70226422252');
      assert.equal(cleanNationalId(' 70226422252\t'), '70226422252');
    });
  });

  context('when the digits are full-width (typed on an East Asian keyboard or pasted from a PDF)', () => {
    it('turns them into ASCII digits', () => {
      assert.equal(cleanNationalId('７０２２６４２２２５２'), '70226422252');
    });
  });

  context('when the input holds letters', () => {
    it('keeps them, so the check rejects the result', () => {
      assert.equal(cleanNationalId('7022-642225A'), '7022642225A');
      assert.equal(isValidNationalId(cleanNationalId('7022-642225A')), false);
    });
  });
});
