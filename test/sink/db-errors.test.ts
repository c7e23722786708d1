import assert from 'node:assert/strict';
import { inspect } from 'node:util';
import { IntakeError } from '../../runtime/errors.js';
import { DbError, isUniqueViolation, translateDbError } from '../../sink/db-errors.js';

function driverError(fields: Record<string, string>): Error {
  return Object.assign(new Error('driver message'), fields);
}

describe('db-errors', () => {
  describe('translateDbError', () => {
    context('when the server refuses the TCP connection', () => {
      it('reports INTAKE_DB_UNAVAILABLE, retriable, with the cause', () => {
        const cause = driverError({ code: 'ECONNREFUSED' });
        const error = translateDbError(cause, 'postgres');
        assert.ok(error instanceof IntakeError);
        assert.equal(error.code, 'INTAKE_DB_UNAVAILABLE');
        assert.equal(error.retriable, true);
        assert.equal(error.cause, cause);
      });
    });

    context('when pg reports a dropped connection without a code', () => {
      it('reports INTAKE_DB_UNAVAILABLE', () => {
        const error = translateDbError(new Error('Connection terminated unexpectedly'), 'postgres');
        assert.ok(error instanceof IntakeError && error.code === 'INTAKE_DB_UNAVAILABLE');
      });
    });

    context('when the server is shutting down (57P01)', () => {
      it('reports INTAKE_DB_UNAVAILABLE, retriable', () => {
        const error = translateDbError(driverError({ code: '57P01' }), 'postgres');
        assert.ok(error instanceof IntakeError && error.retriable);
      });
    });

    context('when authentication fails (28P01)', () => {
      it('reports INTAKE_DB_UNAVAILABLE, not retriable', () => {
        const error = translateDbError(driverError({ code: '28P01' }), 'postgres');
        assert.ok(error instanceof IntakeError);
        assert.equal(error.code, 'INTAKE_DB_UNAVAILABLE');
        assert.equal(error.retriable, false);
      });
    });

    context('when a constraint rejects a row whose detail holds customer data', () => {
      it('keeps SQLSTATE and constraint, drops detail, parameters and message', () => {
        const raw = driverError({
          code: '23514',
          constraint: 'applications_kind_check',
          table: 'applications',
          detail: 'Failing row contains (Ayşe Yılmaz, 10000000146)',
        });
        Object.assign(raw, { params: ['Ayşe Yılmaz'] });
        const error = translateDbError(raw, 'embedded');
        assert.ok(error instanceof DbError);
        assert.equal(error.code, 'INTAKE_DB_REJECTED');
        assert.equal(error.sqlState, '23514');
        assert.equal(error.retriable, false);
        assert.equal(error.constraint, 'applications_kind_check');
        assert.doesNotMatch(inspect(error, { depth: 5 }), /Ayşe|10000000146/);
      });
    });

    context('when our own code throws', () => {
      it('passes the error through untouched', () => {
        const bug = new TypeError('x is undefined');
        assert.equal(translateDbError(bug, 'postgres'), bug);
      });
    });

    context('when the server reports a deadlock (40P01)', () => {
      it('reports INTAKE_DB_REJECTED, retriable', () => {
        const error = translateDbError(driverError({ code: '40P01' }), 'postgres');
        assert.ok(error instanceof DbError && error.retriable);
      });
    });
  });

  describe('isUniqueViolation', () => {
    it('matches SQLSTATE 23505 on the named constraint only', () => {
      const error = new DbError({ code: '23505', constraint: 'applications_item_id_key' });
      assert.equal(isUniqueViolation(error, 'applications_item_id_key'), true);
      assert.equal(isUniqueViolation(error, 'applications_application_number_key'), false);
      assert.equal(isUniqueViolation(new DbError({ code: '23503', constraint: 'applications_item_id_key' }), 'applications_item_id_key'), false);
    });
  });
});
