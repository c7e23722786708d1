import assert from 'node:assert/strict';
import { normalizeContractAccount } from '../../../normalizer/rules/contract-account.js';

describe('normalizeContractAccount', () => {
  context('when the number is 6 to 12 digits', () => {
    it('keeps it', () => {
      assert.equal(normalizeContractAccount('123456'), '123456');
      assert.equal(normalizeContractAccount('1234567890'), '1234567890');
      assert.equal(normalizeContractAccount('123456789012'), '123456789012');
    });
  });

  context('when digit groups are separated by spaces, dots or dashes', () => {
    it('strips the separators', () => {
      assert.equal(normalizeContractAccount('1234 5678 90'), '1234567890');
      assert.equal(normalizeContractAccount('1234-5678-90'), '1234567890');
      assert.equal(normalizeContractAccount('1.234.567.890'), '1234567890');
      assert.equal(normalizeContractAccount(' 1234567890 '), '1234567890');
    });
  });

  context('when the digits are full-width', () => {
    it('turns them into ASCII digits', () => {
      assert.equal(normalizeContractAccount('１２３４５６７８９０'), '1234567890');
    });
  });

  context('when the number is too short or too long', () => {
    it('rejects 5 digits and 13 digits', () => {
      assert.equal(normalizeContractAccount('12345'), null);
      assert.equal(normalizeContractAccount('1234567890123'), null);
    });
  });

  context('when the input holds anything but digits and separators', () => {
    it('rejects it', () => {
      for (const raw of ['12345A7890', 'SHN 1234567890', '1234567890/1', '', '-']) assert.equal(normalizeContractAccount(raw), null, raw);
    });
  });
});
