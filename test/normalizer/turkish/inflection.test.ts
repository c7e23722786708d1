import assert from 'node:assert/strict';
import { isInflection } from '../../../normalizer/turkish/inflection.js';

describe('isInflection', () => {
  context('when the rest is a chain of noun suffixes', () => {
    it('accepts it', () => {
      for (const rest of ['', 'i', 'imiz', 'imizdan', 'si', 'sindan', 'larimizi', 'li', 'siz', 'daki', 'ken', 'luyum']) assert.ok(isInflection(rest), rest);
    });
  });

  context('when the rest is a chain of verb suffixes', () => {
    it('accepts it', () => {
      for (const rest of ['di', 'diniz', 'iyor', 'iyoruz', 'yo', 'medi', 'mis', 'ilmis']) assert.ok(isInflection(rest), rest);
    });
  });

  context('when the rest makes another word', () => {
    it('rejects it: gaz+ete, kart+al, yol+cu, gaz+oz', () => {
      for (const rest of ['ete', 'al', 'cu', 'oz', 'xyz']) assert.ok(!isInflection(rest), rest);
    });
  });
});
