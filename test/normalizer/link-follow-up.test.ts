/** Attaching a follow-up to the application its number names. */
import assert from 'node:assert/strict';
import type { RecentApplication } from '../../normalizer/link-duplicate.js';
import { followUpNumber, linkFollowUp } from '../../normalizer/link-follow-up.js';
import { customer, decision } from '../sink/decision-fixture.js';

const application: RecentApplication = {
  itemId: 'email:00000000000000000000000000000001', applicationNumber: '2026-000123', receivedAt: '2026-11-01T09:00:00.000Z',
  nationalId: customer.nationalId, phone: customer.phone, email: customer.email, topicMain: 'billing', description: 'faturam yüksek',
};

describe('linkFollowUp', () => {
  context('when the item names an application of the same person', () => {
    it('links it there, with no number of its own to come', () => {
      const linked = linkFollowUp(decision('crm', undefined, { caseRef: '2026-000123' }), application);
      assert.deepEqual(linked.linkedTo, { itemId: application.itemId, applicationNumber: '2026-000123' });
      assert.ok(linked.reasons.includes('FOLLOW_UP_LINKED'));
    });

    it('links a needs-info reply too, and one whose person the application does not name', () => {
      assert.notEqual(linkFollowUp(decision('needs-info', undefined, { caseRef: '2026-000123' }), application).linkedTo, null);
      const anonymous = { ...application, nationalId: null, phone: null, email: null };
      assert.notEqual(linkFollowUp(decision('crm', undefined, { caseRef: '2026-000123' }), anonymous).linkedTo, null);
    });
  });

  context('when the number is unknown or someone else\'s', () => {
    it('keeps it a new application and says why', () => {
      const unknown = linkFollowUp(decision('crm', undefined, { caseRef: '2026-000999' }), undefined);
      assert.equal(unknown.linkedTo, null);
      assert.ok(unknown.reasons.includes('CASE_REF_UNKNOWN'));
      const stranger = { ...application, nationalId: '10000000078', phone: '+905550000000', email: 'someone@example.com' };
      const other = linkFollowUp(decision('crm', undefined, { caseRef: '2026-000123' }), stranger);
      assert.equal(other.linkedTo, null);
      assert.ok(other.reasons.includes('CASE_REF_OTHER_PERSON'));
    });
  });

  context('when the item is no application or names no number', () => {
    it('is left alone: an auto-reply quoting our number, an archived letter, a plain complaint', () => {
      for (const d of [decision('ignored', undefined, { caseRef: '2026-000123' }), decision('archive-only', undefined, { caseRef: '2026-000123' }), decision('crm')]) {
        assert.equal(followUpNumber(d), null);
        assert.deepEqual(linkFollowUp(d, application), d);
      }
    });
  });
});
