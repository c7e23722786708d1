import assert from 'node:assert/strict';
import { formatApplicationNumber, istanbulYear, isNumbered } from '../../sink/application-number.js';

describe('application-number', () => {
  describe('istanbulYear', () => {
    context('when an item arrives on the evening of 31 December UTC', () => {
      it('is already next year from 21:00Z, Istanbul being UTC+3', () => {
        assert.equal(istanbulYear('2026-12-31T20:59:59.999Z'), 2026);
        assert.equal(istanbulYear('2026-12-31T21:00:00.000Z'), 2027);
        assert.equal(istanbulYear('2026-12-31T22:30:00Z'), 2027);
      });
    });

    context('when receivedAt carries its own offset', () => {
      it('uses the instant, not the written date', () => {
        assert.equal(istanbulYear('2027-01-01T00:30:00+03:00'), 2027);
        assert.equal(istanbulYear('2026-12-31T23:30:00-05:00'), 2027);
      });
    });

    context('when receivedAt is not a date-time', () => {
      it('throws a RangeError', () => {
        assert.throws(() => istanbulYear('yesterday'), RangeError);
      });
    });
  });

  describe('formatApplicationNumber', () => {
    it('pads the sequence to six digits', () => {
      assert.equal(formatApplicationNumber(2026, 123), '2026-000123');
      assert.equal(formatApplicationNumber(2026, 1), '2026-000001');
    });

    it('grows beyond six digits rather than wrapping', () => {
      assert.equal(formatApplicationNumber(2026, 999_999), '2026-999999');
      assert.equal(formatApplicationNumber(2026, 1_000_000), '2026-1000000');
    });

    it('matches the outcome schema pattern', () => {
      assert.match(formatApplicationNumber(2026, 42), /^[0-9]{4}-[0-9]{6,}$/);
    });
  });

  describe('isNumbered', () => {
    it('numbers crm and needs-info only', () => {
      assert.deepEqual(
        (['crm', 'needs-info', 'archive-only', 'ignored'] as const).map(isNumbered),
        [true, true, false, false],
      );
    });
  });
});
