import assert from 'node:assert/strict';
import { errorCatalogue, IntakeError, isRetriable } from '../../runtime/errors.js';

describe('IntakeError', () => {
  context('when built with a code', () => {
    it('carries code, name, message and the retriable flag of the catalogue', () => {
      const error = new IntakeError('INTAKE_DB_UNAVAILABLE', 'database did not answer');
      assert.ok(error instanceof Error);
      assert.equal(error.name, 'IntakeError');
      assert.equal(error.code, 'INTAKE_DB_UNAVAILABLE');
      assert.equal(error.message, 'database did not answer');
      assert.equal(error.retriable, true);
      assert.equal(new IntakeError('INTAKE_CONFIG_INVALID', 'bad').retriable, false);
    });
  });

  context('when given a cause and details', () => {
    it('keeps the cause and freezes the details', () => {
      const cause = new Error('socket hang up');
      const error = new IntakeError('INTAKE_KAFKA_UNAVAILABLE', 'publish failed', { cause, details: { topic: 'intake.raw.v1' } });
      assert.equal(error.cause, cause);
      assert.deepEqual(error.details, { topic: 'intake.raw.v1' });
      assert.ok(Object.isFrozen(error.details));
    });
  });

  context('when retriable is overridden', () => {
    it('uses the override', () => {
      assert.equal(new IntakeError('INTAKE_DB_UNAVAILABLE', 'x', { retriable: false }).retriable, false);
      assert.equal(new IntakeError('INTAKE_INTERNAL', 'x', { retriable: true }).retriable, true);
    });
  });
});

describe('errorCatalogue', () => {
  context('when listing the codes', () => {
    it('gives every code the INTAKE_ prefix, a retriable flag and a summary', () => {
      for (const [code, entry] of Object.entries(errorCatalogue)) {
        assert.match(code, /^INTAKE_[A-Z_]+$/);
        assert.equal(typeof entry.retriable, 'boolean', code);
        assert.ok(entry.summary.length > 0, code);
      }
    });
  });
});

describe('isRetriable', () => {
  context('when the error is an IntakeError', () => {
    it('follows its retriable flag', () => {
      assert.equal(isRetriable(new IntakeError('INTAKE_DB_UNAVAILABLE', 'x')), true);
      assert.equal(isRetriable(new IntakeError('INTAKE_KAFKA_UNAVAILABLE', 'x')), true);
      assert.equal(isRetriable(new IntakeError('INTAKE_MESSAGE_INVALID', 'x')), false);
    });
  });

  context('when a driver reports a network-level failure', () => {
    for (const code of ['ECONNREFUSED', 'ECONNRESET', 'ETIMEDOUT', 'EPIPE', '57P01', '57P03', '08006', '08001']) {
      it(`retries {code: '${code}'}`, () => {
        assert.equal(isRetriable({ code }), true);
        assert.equal(isRetriable(Object.assign(new Error('driver error'), { code })), true);
      });
    }
  });

  context('when a driver reports a data or constraint error', () => {
    it('does not retry', () => {
      for (const code of ['23505', '42P01', '22P02', 'ENOENT', 'ECONNREFUSEDX', 'XECONNREFUSED']) assert.equal(isRetriable({ code }), false, code);
    });
  });

  context('when the error is a programming error', () => {
    it('does not retry, even if it carries a network code', () => {
      assert.equal(isRetriable(new TypeError('x')), false);
      assert.equal(isRetriable(new RangeError('x')), false);
      assert.equal(isRetriable(new SyntaxError('x')), false);
      assert.equal(isRetriable(Object.assign(new TypeError('x'), { code: 'ECONNREFUSED' })), false);
    });
  });

  context('when the thrown value is not an error object', () => {
    it('does not retry', () => {
      for (const value of [null, undefined, 'ECONNREFUSED', 42, {}, { code: 111 }]) assert.equal(isRetriable(value), false, String(value));
    });
  });
});
