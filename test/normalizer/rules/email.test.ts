import assert from 'node:assert/strict';
import fc from 'fast-check';
import { normalizeEmail } from '../../../normalizer/rules/email.js';

describe('normalizeEmail', () => {
  context('when the address is well formed', () => {
    it('keeps it', () => {
      assert.equal(normalizeEmail('ayse.isik@example.com'), 'ayse.isik@example.com');
      assert.equal(normalizeEmail('a+igdas@mail.example.com.tr'), 'a+igdas@mail.example.com.tr');
    });

    it('trims the white space around it', () => {
      assert.equal(normalizeEmail('  ayse@example.com \n'), 'ayse@example.com');
    });
  });

  context('when the domain has capitals', () => {
    it('lower-cases the domain and keeps the local part as typed', () => {
      assert.equal(normalizeEmail('Ayse.Isik@Example.COM'), 'Ayse.Isik@example.com');
    });
  });

  context('when the domain is internationalised', () => {
    it('accepts Turkish letters in the domain', () => {
      assert.equal(normalizeEmail('ayse@örnek.com.tr'), 'ayse@örnek.com.tr');
    });

    it('composes a decomposed address (NFC)', () => {
      assert.equal(normalizeEmail('ays\u0327e@o\u0308rnek.com.tr'), 'ayşe@örnek.com.tr');
    });
  });

  context('when the address is malformed', () => {
    const bad = ['ayse', 'ayse@', '@example.com', 'ayse@example', 'ayse@example.c', 'ayse@@example.com', 'ay se@example.com', 'ayse@exa mple.com', 'Ayşe <ayse@example.com>', 'ayse@-example.com', 'ayse@example.com.', 'ayse@example..com', 'a,b@example.com', 'ayse@example.123'];
    for (const raw of bad) {
      it(`rejects ${JSON.stringify(raw)}`, () => {
        assert.equal(normalizeEmail(raw), null);
      });
    }
  });

  context('when the local part is longer than 64 octets', () => {
    it('rejects 65 octets and accepts 64', () => {
      assert.equal(normalizeEmail(`${'a'.repeat(65)}@example.com`), null);
      assert.equal(normalizeEmail(`${'a'.repeat(64)}@example.com`), `${'a'.repeat(64)}@example.com`);
    });

    it('counts octets, not characters', () => {
      // "ş" is two octets in UTF-8: 33 of them are 66 octets.
      assert.equal(normalizeEmail(`${'ş'.repeat(33)}@example.com`), null);
    });
  });

  context('when the whole address is longer than 254 characters', () => {
    it('rejects it even when the local part and the domain are each within their limits', () => {
      // 64 + 1 + 192 = 257 characters.
      const domain = `${Array.from({ length: 3 }, () => 'd'.repeat(60)).join('.')}.ddddd.com`;
      assert.equal(normalizeEmail(`${'a'.repeat(64)}@${domain}`), null);
    });
  });

  context('when the address is anything at all, near the 64-octet limit of the local part', () => {
    /** normalizeEmail as it was before it skipped NFC and measuring short local parts. */
    function reference(raw: string): string | null {
      const value = raw.normalize('NFC').trim();
      const at = value.lastIndexOf('@');
      if (at <= 0 || value.length > 254) return null;
      const local = value.slice(0, at);
      const domain = value.slice(at + 1).toLowerCase();
      if (Buffer.byteLength(local) > 64 || /[\s@<>(),;:"\[\]\\]/.test(local)) return null;
      if (!/^(?=.{1,253}$)([\p{L}\p{N}](?:[\p{L}\p{N}-]{0,61}[\p{L}\p{N}])?\.)+[\p{L}]{2,63}$/u.test(domain)) return null;
      return `${local}@${domain}`;
    }

    it('gives what it gave before', () => {
      const unit = fc.constantFrom('a', 'Z', '.', 'ş', 'İ', 'e\u0301', '日', '\ud83d\udd25', '\ud800', ' ', '@', '-');
      const local = fc.array(unit, { minLength: 15, maxLength: 70 }).map((u) => u.join(''));
      const domain = fc.constantFrom('example.com', 'EXAMPLE.com.tr', 'ex\u0301ample.com', 'x', 'örnek.com.tr');
      fc.assert(fc.property(local, domain, (l, d) => assert.equal(normalizeEmail(`${l}@${d}`), reference(`${l}@${d}`))), { numRuns: 5000 });
    });
  });
});
