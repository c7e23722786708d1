import assert from 'node:assert/strict';
import { parseReportDate, parseReportParams } from '../../reports/report-params.js';

describe('parseReportDate', () => {
  context('when given a bare date', () => {
    it('reads it as midnight in Istanbul (UTC+3)', () => {
      assert.equal(parseReportDate('2026-03-01')?.toISOString(), '2026-02-28T21:00:00.000Z');
    });
  });

  context('when given an ISO 8601 date-time', () => {
    it('keeps its offset', () => {
      assert.equal(parseReportDate('2026-03-01T09:30:00Z')?.toISOString(), '2026-03-01T09:30:00.000Z');
      assert.equal(parseReportDate('2026-03-01T09:30:00.250+01:00')?.toISOString(), '2026-03-01T08:30:00.250Z');
    });

    it('reads one without an offset as Istanbul time', () => {
      assert.equal(parseReportDate('2026-03-01T09:30')?.toISOString(), '2026-03-01T06:30:00.000Z');
    });
  });

  context('when the text is not a real date', () => {
    for (const text of ['2026-02-30', '2026-13-01', '2026-03-01T24:00:00Z', '2026-03-01T10:60Z', '01.03.2026', 'yesterday', '', '2026-03-01T10:00:00+15:00']) {
      it(`refuses ${JSON.stringify(text)}`, () => {
        assert.equal(parseReportDate(text), null);
      });
    }
  });

  context('finding 5: when the date is out of the range the database can hold', () => {
    for (const text of ['0000-01-01', '0999-12-31T20:59:59Z', '9999-12-31T23:59:59-14:00', '9999-12-31T23:59:59-00:01']) {
      it(`refuses ${JSON.stringify(text)} (it answered 500)`, () => {
        assert.equal(parseReportDate(text), null);
      });
    }
    it('still takes the edges of years 1000 and 9999', () => {
      assert.equal(parseReportDate('1000-01-01T00:00:00Z')?.toISOString(), '1000-01-01T00:00:00.000Z');
      assert.equal(parseReportDate('9999-12-31')?.toISOString(), '9999-12-30T21:00:00.000Z');
    });
  });
});

describe('parseReportParams', () => {
  context('when every parameter is good', () => {
    it('gives the dimension and both bounds', () => {
      const reading = parseReportParams({ by: 'unit', from: '2026-03-01', to: '2026-04-01' });
      assert.ok(reading.ok);
      assert.deepEqual(reading.params, { by: 'unit', from: new Date('2026-02-28T21:00:00Z'), to: new Date('2026-03-31T21:00:00Z') });
    });

    it('leaves an absent bound null', () => {
      assert.deepEqual(parseReportParams({ by: 'region' }), { ok: true, params: { by: 'region', from: null, to: null } });
    });
  });

  context('when several parameters are bad', () => {
    it('reports each one by name', () => {
      const reading = parseReportParams({ by: 'district', from: 'soon', to: ['2026-01-01', '2026-02-01'] });
      assert.equal(reading.ok, false);
      assert.deepEqual(!reading.ok && reading.errors.map((e) => e.path), ['by', 'from', 'to']);
    });
  });

  context('when by is missing', () => {
    it('says which values it takes', () => {
      const reading = parseReportParams({});
      assert.deepEqual(!reading.ok && reading.errors, [{ path: 'by', message: 'must be one of: region, unit, topic, channel' }]);
    });
  });

  context('when from is not before to', () => {
    it('refuses to, which is exclusive', () => {
      const reading = parseReportParams({ by: 'topic', from: '2026-03-01', to: '2026-03-01' });
      assert.deepEqual(!reading.ok && reading.errors.map((e) => e.path), ['to']);
    });
  });
});
