import assert from 'node:assert/strict';
import { decisionRecord, type Common, type Outcome } from '../../normalizer/decision-record.js';

const common: Common = {
  itemId: 'webform:1', channel: 'webform', receivedAt: '2026-03-10T12:00:00+03:00', enteredBy: null,
  emergency: false, emergencyEvidence: [], registry: { status: 'not-looked-up', mismatches: [], updates: {} }, contactPerson: null,
  linkedTo: null, customer: { fullName: null, nationalId: null, contractAccountNumber: null, phone: null, email: null, district: null, address: null, isSubscriber: null },
  description: null, proposedSolution: null, caseRef: null, provenance: {},
};
const outcome: Outcome = { kind: 'ignored', reasons: ['EMPTY_MESSAGE'], missing: [], topic: null, topicEvidence: [], unit: null, resolutionHours: null, deadline: null };

/** The key order records have had since the first decisions, what came later at the end: it shows in every stored JSON. */
const order = [
  'itemId', 'channel', 'receivedAt', 'enteredBy', 'emergency', 'emergencyEvidence', 'registry', 'contactPerson', 'linkedTo', 'customer',
  'description', 'proposedSolution', 'kind', 'reasons', 'missing', 'topic', 'topicEvidence', 'unit', 'resolutionHours', 'deadline', 'caseRef', 'provenance',
];

describe('decisionRecord', () => {
  context('when the connector left no field notes', () => {
    it('records the common part, then the outcome, in the usual key order', () => {
      assert.deepEqual(Object.keys(decisionRecord(common, outcome, null)), order);
    });
  });

  context('when the connector left field notes', () => {
    it('records them first', () => {
      const fieldNotes = { unknown: ['captcha'], dropped: [], repaired: [] };
      const decision = decisionRecord(common, outcome, fieldNotes);
      assert.deepEqual(Object.keys(decision), ['fieldNotes', ...order]);
      assert.equal(decision.fieldNotes, fieldNotes);
    });
  });
});
