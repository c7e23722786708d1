import assert from 'node:assert/strict';
import fc from 'fast-check';
import { deadlineAfter } from '../../normalizer/deadline.js';

/** The deadline as Date computes it: what the decision wrote before. */
function throughDate(receivedAt: string, hours: number): string {
  return new Date(Date.parse(receivedAt) + hours * 3_600_000).toISOString();
}

describe('deadlineAfter', () => {
  context('when an item is received near the end of a day, a month, a year or February', () => {
    it('gives what Date gives', () => {
      const moments = ['2026-11-28T09:00:00.000Z', '2026-12-31T23:59:59.999Z', '2024-02-28T22:00:00.000Z', '2023-02-28T22:00:00.000Z',
        '2000-02-29T12:30:00.000Z', '1900-02-28T23:00:00.000Z', '2026-04-30T18:00:00.000Z', '0000-12-31T23:00:00.000Z', '9999-12-31T20:00:00.000Z'];
      for (const receivedAt of moments) {
        for (const hours of [0, 1, 4, 24, 48, 72, 120, 240, 720, 8784, 8785]) assert.equal(deadlineAfter(receivedAt, hours), throughDate(receivedAt, hours), `${receivedAt} + ${hours}`);
      }
    });
  });

  context('when receivedAt is written otherwise, or is no date at all', () => {
    it('gives what Date gives, or throws as it does', () => {
      for (const receivedAt of ['2026-11-28T09:00:00Z', '2026-11-28T09:00:00.000+03:00', '2026-02-30T09:00:00.000Z', '2026-13-01T09:00:00.000Z', '2026-11-28T24:00:00.000Z', '2026-11-28T09:60:00.000Z']) {
        let expected: string | Error;
        try {
          expected = throughDate(receivedAt, 72);
        } catch (error) {
          expected = error as Error;
        }
        if (typeof expected === 'string') assert.equal(deadlineAfter(receivedAt, 72), expected, receivedAt);
        else assert.throws(() => deadlineAfter(receivedAt, 72), RangeError, receivedAt);
      }
    });
  });

  context('when the moment and the resolution time are anything', () => {
    it('gives what Date gives', () => {
      const moment = fc.date({ min: new Date('0000-01-01T00:00:00.000Z'), max: new Date('9999-12-31T23:59:59.999Z'), noInvalidDate: true });
      const hours = fc.oneof(fc.integer({ min: 0, max: 20_000 }), fc.constantFrom(1.5, -1, 0.25));
      fc.assert(fc.property(moment, hours, (at, h) => {
        const receivedAt = at.toISOString();
        let expected: string | null;
        try {
          expected = throughDate(receivedAt, h);
        } catch {
          expected = null;
        }
        if (expected === null) assert.throws(() => deadlineAfter(receivedAt, h), RangeError);
        else assert.equal(deadlineAfter(receivedAt, h), expected, `${receivedAt} + ${h}`);
      }), { numRuns: 20_000 });
    });
  });
});
