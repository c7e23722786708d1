/** A decision's JSON text, made once and reused for the record and the outcome message. */
import assert from 'node:assert/strict';
import { jsonOnce, jsonWith } from '../../runtime/json-once.js';

describe('jsonOnce and jsonWith', () => {
  context('when the same object is serialised twice', () => {
    it('gives JSON.stringify\'s text both times', () => {
      const value = { a: 'ş', b: [1, null], c: { d: true } };
      assert.equal(jsonOnce(value), JSON.stringify(value));
      assert.equal(jsonOnce(value), JSON.stringify(value));
    });
  });

  context('when an outcome is built around a decision', () => {
    it('parses to the same value as JSON.stringify of the whole', () => {
      const decision = { itemId: 'webform:1', reasons: ['COMPLETE'], customer: { fullName: 'Ayşe "Yılmaz"' } };
      const rest = { schemaVersion: 1, applicationNumber: null, recordedAt: '2026-11-29T10:00:00.000Z', firstWrite: true };
      assert.deepEqual(JSON.parse(jsonWith('decision', decision, rest)), { ...rest, decision });
      assert.deepEqual(JSON.parse(jsonWith('decision', decision, {})), { decision });
    });
  });
});
