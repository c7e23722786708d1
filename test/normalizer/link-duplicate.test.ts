import assert from 'node:assert/strict';
import type { Decision } from '../../schemas/types.generated.js';
import { linkDuplicate, textSimilarity, type RecentApplication } from '../../normalizer/link-duplicate.js';

const decision = (over: Partial<Decision> = {}): Decision => ({
  itemId: 'email:00000000000000000000000000000002', channel: 'email', receivedAt: '2026-03-11T09:00:00.000Z', kind: 'crm', emergency: false,
  reasons: ['COMPLETE'], missing: [], topicEvidence: [], emergencyEvidence: [], registry: { status: 'not-looked-up', mismatches: [], updates: {} },
  contactPerson: null, linkedTo: null, caseRef: null, provenance: {},
  customer: { fullName: 'Ayşe Yılmaz', nationalId: '70226422252', contractAccountNumber: null, phone: '+905321234567', email: null, district: null, address: null, isSubscriber: false },
  topic: { main: 'billing', sub: 'high-bill' }, unit: 'billing-collection', resolutionHours: 120, deadline: '2026-03-16T09:00:00.000Z',
  description: 'Bu ay faturam çok yüksek geldi, sayaç yanlış okunmuş olmalı', proposedSolution: null, enteredBy: null, ...over,
});
const first: RecentApplication = {
  itemId: 'sms:00000000000000000000000000000001', applicationNumber: '2026-000042', receivedAt: '2026-03-10T20:00:00.000Z',
  nationalId: null, phone: '+905321234567', email: null, topicMain: 'billing', description: 'faturam cok yuksek geldi sayac yanlis okunmus',
};

describe('linkDuplicate', () => {
  context('when the same person sent the same complaint by SMS earlier in the window', () => {
    it('links the e-mail to the first record with DUPLICATE_LINKED', () => {
      const linked = linkDuplicate(decision(), [first], 72);
      assert.deepEqual(linked.linkedTo, { itemId: first.itemId, applicationNumber: '2026-000042' });
      assert.ok(linked.reasons.includes('DUPLICATE_LINKED'));
    });
  });

  context('when the first record is older than the window', () => {
    it('does not link', () => {
      assert.equal(linkDuplicate(decision(), [{ ...first, receivedAt: '2026-03-01T09:00:00.000Z' }], 72).linkedTo, null);
    });
  });

  context('when it is another person', () => {
    it('does not link', () => {
      assert.equal(linkDuplicate(decision(), [{ ...first, phone: '+905000000000' }], 72).linkedTo, null);
    });
  });

  context('when it is another complaint of the same person', () => {
    it('does not link a different topic', () => {
      assert.equal(linkDuplicate(decision(), [{ ...first, topicMain: 'meter' }], 72).linkedTo, null);
    });
    it('does not link unrelated words', () => {
      assert.equal(linkDuplicate(decision(), [{ ...first, description: 'Sokağımızda kazı yapıldı, yol bozuk kaldı' }], 72).linkedTo, null);
    });
  });

  context('when several earlier records match', () => {
    it('links to the earliest', () => {
      const earlier = { ...first, itemId: 'sms:00000000000000000000000000000000', applicationNumber: '2026-000007', receivedAt: '2026-03-10T08:00:00.000Z' };
      assert.equal(linkDuplicate(decision(), [first, earlier], 72).linkedTo?.applicationNumber, '2026-000007');
    });
  });

  context('when the window is 0 or the decision is not a CRM record', () => {
    it('does not link', () => {
      assert.equal(linkDuplicate(decision(), [first], 0).linkedTo, null);
      assert.equal(linkDuplicate(decision({ kind: 'ignored' }), [first], 72).linkedTo, null);
    });
  });
});

describe('textSimilarity', () => {
  it('sees inflected and unaccented forms of the same words as similar', () => {
    assert.ok(textSimilarity('Faturamı ödedim ama sistemde görünmüyor', 'faturami odedim sistemde gorunmuyor') >= 0.5);
  });
  it('is 0 for an empty text', () => {
    assert.equal(textSimilarity('', 'fatura'), 0);
  });
});
