import assert from 'node:assert/strict';
import { candidateFields } from '../../normalizer/candidate-fields.js';
import { checkRequiredFields, type RequiredFieldsResult } from '../../normalizer/required-fields.js';
import type { Channel, RawItem } from '../../schemas/types.generated.js';
import { formItem, rawItem, validNationalId } from './raw-item-fixture.js';

function check(item: RawItem): RequiredFieldsResult {
  return checkRequiredFields(candidateFields(item));
}

function checkForm(form: Parameters<typeof formItem>[1], channel: Channel = 'webform'): RequiredFieldsResult {
  return check(formItem(channel, form));
}

describe('checkRequiredFields', () => {
  context('when a person without a subscription gives name, phone, national ID and description', () => {
    it('finds nothing missing and normalizes every field', () => {
      const result = checkForm({});
      assert.deepEqual(result.missing, []);
      assert.deepEqual(result.reasons, []);
      assert.deepEqual(result.customer, {
        fullName: 'Ayşe Işık',
        nationalId: validNationalId,
        contractAccountNumber: null,
        phone: '+905321234567',
        email: null,
        district: 'Kadıköy',
        address: null,
        isSubscriber: null,
      });
      assert.equal(result.description, 'Bu ayki faturam geçen aya göre üç kat yüksek geldi.');
      assert.equal(result.proposedSolution, null);
    });
  });

  context('when a subscriber gives the contract account number and the national ID', () => {
    it('finds nothing missing and keeps the cleaned account number', () => {
      const result = checkForm({ isSubscriber: true, contractAccountNumber: '1234 5678 90' });
      assert.deepEqual(result.missing, []);
      assert.equal(result.customer.contractAccountNumber, '1234567890');
      assert.equal(result.customer.isSubscriber, true);
    });
  });

  context('when a subscriber gives no contract account number', () => {
    it('asks for it with MISSING_CONTRACT_ACCOUNT', () => {
      const result = checkForm({ isSubscriber: true });
      assert.deepEqual(result.missing, ['contractAccountNumber']);
      assert.deepEqual(result.reasons, ['MISSING_CONTRACT_ACCOUNT']);
    });
  });

  context('when a subscriber gives a malformed contract account number', () => {
    it('asks for it with INVALID_CONTRACT_ACCOUNT', () => {
      const result = checkForm({ isSubscriber: true, contractAccountNumber: '12-AB' });
      assert.deepEqual(result.missing, ['contractAccountNumber']);
      assert.deepEqual(result.reasons, ['INVALID_CONTRACT_ACCOUNT']);
      assert.equal(result.customer.contractAccountNumber, null);
    });
  });

  context('when a subscriber gives the contract account number but no national ID', () => {
    it('asks for the national ID with MISSING_NATIONAL_ID', () => {
      const result = checkForm({ isSubscriber: true, contractAccountNumber: '1234567890', nationalId: undefined });
      assert.deepEqual(result.missing, ['nationalId']);
      assert.deepEqual(result.reasons, ['MISSING_NATIONAL_ID']);
    });
  });

  context('when a subscriber gives neither the contract account number nor the national ID', () => {
    it('asks for both', () => {
      const result = checkForm({ isSubscriber: true, nationalId: undefined });
      assert.deepEqual(result.missing, ['contractAccountNumber', 'nationalId']);
      assert.deepEqual(result.reasons, ['MISSING_CONTRACT_ACCOUNT', 'MISSING_NATIONAL_ID']);
    });
  });

  context('when a person without a subscription gives no national ID', () => {
    it('asks for it with MISSING_NATIONAL_ID', () => {
      for (const isSubscriber of [false, undefined]) {
        const result = checkForm({ isSubscriber, nationalId: undefined });
        assert.deepEqual(result.missing, ['nationalId']);
        assert.deepEqual(result.reasons, ['MISSING_NATIONAL_ID']);
      }
    });

    it('does not ask for a contract account number', () => {
      const result = checkForm({ isSubscriber: false });
      assert.deepEqual(result.missing, []);
      assert.equal(result.customer.isSubscriber, false);
    });
  });

  context('when the national ID fails the checksum', () => {
    it('asks for it with INVALID_NATIONAL_ID and does not keep the bad value', () => {
      const result = checkForm({ nationalId: '70226422253' });
      assert.deepEqual(result.missing, ['nationalId']);
      assert.deepEqual(result.reasons, ['INVALID_NATIONAL_ID']);
      assert.equal(result.customer.nationalId, null);
    });
  });

  context('when the national ID is typed with separators', () => {
    it('accepts it and keeps the 11 digits', () => {
      const result = checkForm({ nationalId: '702 264 222-52' });
      assert.deepEqual(result.missing, []);
      assert.equal(result.customer.nationalId, validNationalId);
    });
  });

  context('when a contract account number is given and the subscription box is not ticked', () => {
    it('treats the person as a subscriber', () => {
      const result = checkForm({ isSubscriber: undefined, contractAccountNumber: '1234567890' });
      assert.equal(result.customer.isSubscriber, true);
      assert.deepEqual(result.missing, []);
    });

    it('still requires the national ID', () => {
      const result = checkForm({ isSubscriber: undefined, contractAccountNumber: '1234567890', nationalId: undefined });
      assert.deepEqual(result.missing, ['nationalId']);
    });
  });

  context('when a contract account number is given and the subscription box says no subscription', () => {
    it('records the person as a subscriber, whatever the box says', () => {
      const result = checkForm({ isSubscriber: false, contractAccountNumber: '1234567890' });
      assert.deepEqual(result.missing, []);
      assert.equal(result.customer.isSubscriber, true);
    });
  });

  context('when a contract account number is given without a national ID and the box says no subscription', () => {
    it('asks for the national ID', () => {
      const result = checkForm({ isSubscriber: false, contractAccountNumber: '1234567890', nationalId: undefined });
      assert.deepEqual(result.missing, ['nationalId']);
    });
  });

  context('when the full name is missing', () => {
    it('asks for it with MISSING_FULL_NAME', () => {
      for (const fullName of [undefined, '', '   ', '12345', '-']) {
        const result = checkForm({ fullName });
        assert.deepEqual(result.missing, ['fullName'], String(fullName));
        assert.deepEqual(result.reasons, ['MISSING_FULL_NAME'], String(fullName));
        assert.equal(result.customer.fullName, null);
      }
    });
  });

  context('when the full name holds more than letters', () => {
    it('keeps it as typed rather than re-casing it', () => {
      const result = checkForm({ fullName: 'ayşe IŞIK 2' });
      assert.equal(result.customer.fullName, 'ayşe IŞIK 2');
      assert.deepEqual(result.missing, []);
    });
  });

  context('when the only contact is an e-mail address', () => {
    it('is complete and keeps the normalized address', () => {
      const result = checkForm({ phone: undefined, email: 'Ayse@Example.COM' });
      assert.deepEqual(result.missing, []);
      assert.equal(result.customer.email, 'Ayse@example.com');
      assert.equal(result.customer.phone, null);
    });
  });

  context('when the only contact is a postal address', () => {
    it('is complete and keeps the address', () => {
      const result = checkForm({ phone: undefined, address: 'Caferağa Mah.  Moda Cad. No: 1\r\nKadıköy' });
      assert.deepEqual(result.missing, []);
      assert.equal(result.customer.address, 'Caferağa Mah. Moda Cad. No: 1\nKadıköy');
    });
  });

  context('when there is no contact at all', () => {
    it('asks for one with MISSING_CONTACT', () => {
      const result = checkForm({ phone: undefined });
      assert.deepEqual(result.missing, ['contact']);
      assert.deepEqual(result.reasons, ['MISSING_CONTACT']);
    });
  });

  context('when the phone is invalid and a valid e-mail is given', () => {
    it('is complete but records INVALID_PHONE', () => {
      const result = checkForm({ phone: '0132 123', email: 'ayse@example.com' });
      assert.deepEqual(result.missing, []);
      assert.deepEqual(result.reasons, ['INVALID_PHONE']);
      assert.equal(result.customer.phone, null);
      assert.equal(result.customer.email, 'ayse@example.com');
    });
  });

  context('when the e-mail is invalid and a valid phone is given', () => {
    it('is complete but records INVALID_EMAIL', () => {
      const result = checkForm({ email: 'ayse@example' });
      assert.deepEqual(result.missing, []);
      assert.deepEqual(result.reasons, ['INVALID_EMAIL']);
      assert.equal(result.customer.email, null);
    });
  });

  context('when the only phone is invalid', () => {
    it('asks for a contact and records INVALID_PHONE', () => {
      const result = checkForm({ phone: 'yok' });
      assert.deepEqual(result.missing, ['contact']);
      assert.deepEqual(result.reasons, ['INVALID_PHONE', 'MISSING_CONTACT']);
    });
  });

  context('when the description is missing', () => {
    it('asks for it with MISSING_DESCRIPTION', () => {
      for (const description of [undefined, '', ' \n\t ']) {
        const result = checkForm({ description });
        assert.deepEqual(result.missing, ['description']);
        assert.deepEqual(result.reasons, ['MISSING_DESCRIPTION']);
        assert.equal(result.description, null);
      }
    });
  });

  context('when the customer proposes a solution', () => {
    it('keeps it with PROPOSED_SOLUTION_KEPT', () => {
      const result = checkForm({ proposedSolution: '  Sayacın yerinde kontrol edilmesini istiyorum. ' });
      assert.deepEqual(result.missing, []);
      assert.deepEqual(result.reasons, ['PROPOSED_SOLUTION_KEPT']);
      assert.equal(result.proposedSolution, 'Sayacın yerinde kontrol edilmesini istiyorum.');
    });
  });

  context('when nothing at all is given', () => {
    it('lists every missing field, in a stable order', () => {
      const result = check(rawItem('webform', { form: {} }));
      assert.deepEqual(result.missing, ['fullName', 'contact', 'nationalId', 'description']);
      assert.deepEqual(result.reasons, ['MISSING_FULL_NAME', 'MISSING_CONTACT', 'MISSING_NATIONAL_ID', 'MISSING_DESCRIPTION']);
    });
  });

  context('when an SMS carries only its sender and body', () => {
    it('takes the sender as the phone and the body as the description', () => {
      const result = check(rawItem('sms', { text: { body: 'Sayaç arızalı, gaz gelmiyor.', sender: '+905321234567' } }));
      assert.equal(result.customer.phone, '+905321234567');
      assert.equal(result.description, 'Sayaç arızalı, gaz gelmiyor.');
      assert.deepEqual(result.missing, ['fullName', 'nationalId']);
    });
  });

  context('when an e-mail carries only its sender, subject and body', () => {
    it('takes the sender as the e-mail and subject plus body as the description', () => {
      const result = check(rawItem('email', { text: { subject: 'Fatura', body: 'Faturam yüksek.', sender: 'ayse@example.com' } }));
      assert.equal(result.customer.email, 'ayse@example.com');
      assert.equal(result.customer.phone, null);
      assert.equal(result.description, 'Fatura\n\nFaturam yüksek.');
      assert.deepEqual(result.missing, ['fullName', 'contractAccountNumber', 'nationalId']);
    });
  });
});
