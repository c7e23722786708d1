import assert from 'node:assert/strict';
import { isValidPhoneNumber } from 'libphonenumber-js';
import { findPhones } from '../../../normalizer/extract/phones.js';

const numbers = (text: string, known: ReadonlyArray<{ start: number; end: number }> = []): string[] => findPhones(text, known).map((p) => p.e164);

describe('findPhones', () => {
  context('when a Turkish mobile number is written the ways people write it', () => {
    const ways = ['0532 123 45 67', '+90 (532) 123-45-67', '0 (532) 123 45 67', '90 532 123 45 67', '05321234567', '5321234567', '0532.123.45.67', '0532-123-45-67'];
    for (const written of ways) {
      it(`reads "Numaram ${written}" as +905321234567`, () => {
        assert.deepEqual(numbers(`Numaram ${written}, arayın lütfen.`), ['+905321234567']);
      });
    }
  });

  context('when the number is a landline or a non-geographic number', () => {
    it('reads an Istanbul landline (0212, 0216)', () => {
      assert.deepEqual(numbers('Ev: 0212 555 44 33, iş: 0216 555 44 33'), ['+902125554433', '+902165554433']);
    });

    it('reads an 0850 number', () => {
      assert.deepEqual(numbers('İşyeri 0850 123 45 67'), ['+908501234567']);
    });
  });

  context('when the text gives where the number is', () => {
    it('reports the stretch of the number as written', () => {
      const text = 'Numaram +90 (532) 123-45-67, arayın.';
      const [phone] = findPhones(text);
      assert.ok(phone !== undefined);
      assert.equal(text.slice(phone.start, phone.end), '+90 (532) 123-45-67');
    });

    it('finds several numbers in order', () => {
      assert.deepEqual(numbers('Annem 0533 765 43 21, ben 0532 123 45 67'), ['+905337654321', '+905321234567']);
    });

    it('reads two numbers parted by a dash as two', () => {
      assert.deepEqual(numbers('0532 123 45 67 - 0216 555 44 33'), ['+905321234567', '+902165554433']);
    });
  });

  context('when the text names the utility’s own lines', () => {
    it('leaves out 153, 187, 444 4 153 and +90 212 153 00 00: that is where the customer called, not their number', () => {
      assert.deepEqual(numbers('153 aradım, 187 aradım, 444 4 153 aradım, +90 212 153 00 00 aradım, kimse açmadı'), []);
    });

    it('leaves out the call centre written as a landline (0212 153 00 00) but keeps the customer’s number', () => {
      assert.deepEqual(numbers('0212 153 00 00 numarasını aradım, beni 0532 123 45 67 den arayın'), ['+905321234567']);
    });
  });

  context('when a number is shaped like a phone but is not one', () => {
    it('does not read an application number with a dash or a slash as a phone', () => {
      assert.deepEqual(numbers('Başvuru no 2026-004512, tekrar 2026/004512 ve 2026 - 004512'), []);
    });

    it('does not read a date as a phone', () => {
      assert.deepEqual(numbers('Tarih 12.03.2026 saat 14.30, doğum tarihim 12/03/1980'), []);
    });

    it('does not read a national ID as a phone', () => {
      assert.deepEqual(numbers('TC 70226422252'), []);
    });

    it('does not read a short number as a phone', () => {
      assert.deepEqual(numbers('Sayaç no 1234567, daire 12345'), []);
    });

    it('leaves out a number one digit short', () => {
      assert.deepEqual(numbers('Numaram 0532 123 45 6'), []);
    });
  });

  context('when a suffix or a label is glued to the number', () => {
    it('reads "27den" as the end of the number and a suffix ("0 542 318 90 27den arayın")', () => {
      const text = 'beni 0 542 318 90 27den arayın';
      const [phone] = findPhones(text);
      assert.equal(phone?.e164, '+905423189027');
      assert.equal(text.slice(phone?.start, phone?.end), '0 542 318 90 27');
    });

    it('reads a suffix after an apostrophe ("0532 123 45 67’den")', () => {
      assert.deepEqual(numbers("0532 123 45 67'den ulaşabilirsiniz"), ['+905321234567']);
    });

    it('reads a label glued before the number ("tel05321234567")', () => {
      assert.deepEqual(numbers('tel05321234567'), ['+905321234567']);
    });
  });

  context('when an ID and a phone stand side by side', () => {
    it('reads only the phone', () => {
      assert.deepEqual(numbers('70226422252 05321234567'), ['+905321234567']);
    });
  });

  context('when stretches are known to be something else', () => {
    it('skips a stretch already read as another number, however phone-like', () => {
      const text = 'Abone no 2165554433 tel 0532 123 45 67';
      assert.deepEqual(numbers(text), ['+902165554433', '+905321234567']);
      assert.deepEqual(numbers(text, [{ start: 9, end: 19 }]), ['+905321234567']);
    });
  });

  context('when the text has too few digits for any phone', () => {
    it('returns nothing without asking the library', () => {
      assert.deepEqual(numbers('Gaz yok, 3 gündür bekliyorum.'), []);
      assert.deepEqual(numbers(''), []);
    });
  });
});

describe('isValidPhoneNumber', () => {
  it('checks a number the customer gave the same way the text is read', () => {
    assert.equal(isValidPhoneNumber('0532 123 45 67', 'TR'), true);
    assert.equal(isValidPhoneNumber('0132 123 45 67', 'TR'), false);
  });
});

describe('findPhones, found in review', () => {
  it('does not read an application number written with a space as a phone', () => {
    assert.deepEqual(findPhones('2026 004512 nolu başvurum'), []);
  });
});
