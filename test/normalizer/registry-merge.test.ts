import assert from 'node:assert/strict';
import type { Subscriber } from '../../schemas/types.generated.js';
import { candidateFields, type CandidateFields } from '../../normalizer/candidate-fields.js';
import { mergeRegistry } from '../../normalizer/registry-merge.js';
import { rawItem } from './raw-item-fixture.js';

const subscriber: Subscriber = {
  contractAccountNumber: '1000234567', nationalId: '70226422252', fullName: 'Ayşe Yılmaz',
  phone: '+905321234567', email: 'ayse@example.com', address: 'Moda Cad. No:12 Kadıköy/İstanbul', district: 'Kadıköy',
};
const matched = { status: 'matched', subscriber } as const;
const fields = (form: Record<string, string>): CandidateFields => candidateFields(rawItem('webform', { form: { contractAccountNumber: '1000234567', description: 'Faturam yüksek', ...form } }));

describe('mergeRegistry', () => {
  context('when the registry was not consulted', () => {
    it('changes nothing and says nothing', () => {
      const before = fields({ fullName: 'Ali' });
      const merge = mergeRegistry(before, { status: 'not-looked-up' });
      assert.deepEqual(merge.fields, before);
      assert.deepEqual(merge.reasons, []);
      assert.equal(merge.registry.status, 'not-looked-up');
    });
  });

  context('when the contract account is not in the registry', () => {
    it('records SUBSCRIBER_NOT_FOUND and rejects nothing', () => {
      const merge = mergeRegistry(fields({ fullName: 'Ali' }), { status: 'not-found' });
      assert.deepEqual(merge.reasons, ['SUBSCRIBER_NOT_FOUND']);
      assert.equal(merge.fields.fullName, 'Ali');
    });
  });

  context('when the subscriber gives only the contract account number', () => {
    it('pulls name, national ID, phone, e-mail, address and district from the registry', () => {
      const merge = mergeRegistry(fields({}), matched);
      assert.equal(merge.fields.fullName, 'Ayşe Yılmaz');
      assert.equal(merge.fields.nationalId, '70226422252');
      assert.equal(merge.fields.phone, '+905321234567');
      assert.equal(merge.fields.email, 'ayse@example.com');
      assert.equal(merge.fields.district, 'Kadıköy');
      assert.equal(merge.fields.isSubscriber, true);
      assert.deepEqual(merge.reasons, ['SUBSCRIBER_MATCHED', 'FILLED_FROM_REGISTRY']);
    });
  });

  context('when the subscriber gives a new phone with their own national ID', () => {
    it('keeps the new phone, notes the mismatch and updates the registry', () => {
      const merge = mergeRegistry(fields({ fullName: 'AYŞE YILMAZ', nationalId: '70226422252', phone: '0505 999 88 77' }), matched);
      assert.deepEqual(merge.registry.mismatches, ['phone']);
      assert.deepEqual(merge.registry.updates, { phone: '+905059998877' });
      assert.ok(merge.reasons.includes('PHONE_UPDATED'));
      assert.equal(merge.fields.phone, '0505 999 88 77');
    });
  });

  context('when the national ID given differs from the registry', () => {
    it('records the mismatch, keeps the registry as the authority and updates nothing', () => {
      const merge = mergeRegistry(fields({ fullName: 'Ayşe Yılmaz', nationalId: '52000220674', phone: '0505 999 88 77' }), matched);
      assert.ok(merge.registry.mismatches.includes('nationalId'));
      assert.ok(merge.reasons.includes('NATIONAL_ID_MISMATCH'));
      assert.equal(merge.fields.nationalId, '70226422252');
      assert.deepEqual(merge.registry.updates, {});
    });
  });

  context('when someone else contacts us for the subscriber', () => {
    it('records the subscriber as the customer and the caller under their own name', () => {
      const merge = mergeRegistry(fields({ fullName: 'mehmet yılmaz', phone: '0505 999 88 77' }), matched);
      assert.equal(merge.fields.fullName, 'Ayşe Yılmaz');
      assert.deepEqual(merge.contactPerson, { fullName: 'Mehmet Yılmaz' });
      assert.ok(merge.reasons.includes('CONTACT_IS_NOT_SUBSCRIBER'));
      assert.deepEqual(merge.registry.updates, {}, 'a third party cannot change the subscriber’s phone');
    });

    it('treats the same name typed without Turkish letters as the subscriber', () => {
      const merge = mergeRegistry(fields({ fullName: 'ayse yilmaz' }), matched);
      assert.equal(merge.contactPerson, null);
    });
  });
});
