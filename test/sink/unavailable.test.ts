import assert from 'node:assert/strict';
import { IntakeError } from '../../runtime/errors.js';
import { openSink } from '../../sink/index.js';

describe('openSink', () => {
  context('when nothing listens at the database address', () => {
    it('fails with INTAKE_DB_UNAVAILABLE, retriable, the driver error as cause, no URL in the message', async () => {
      const databaseUrl = 'postgres://postgres:s3cret@127.0.0.1:1/test';
      await assert.rejects(openSink({ databaseUrl, embeddedDir: null }), (error: unknown) => {
        assert.ok(error instanceof IntakeError, `expected an IntakeError, got ${String(error)}`);
        assert.equal(error.code, 'INTAKE_DB_UNAVAILABLE');
        assert.equal(error.retriable, true);
        assert.ok(error.cause !== undefined);
        assert.doesNotMatch(error.message, /s3cret|127\.0\.0\.1/);
        return true;
      });
    });
  });

  context('when pgSchema is not a plain identifier', () => {
    it('fails with INTAKE_CONFIG_INVALID before connecting', async () => {
      await assert.rejects(
        openSink({ databaseUrl: 'postgres://postgres@127.0.0.1:1/test', embeddedDir: null, pgSchema: 'x; DROP TABLE applications' }),
        (error: unknown) => error instanceof IntakeError && error.code === 'INTAKE_CONFIG_INVALID',
      );
    });
  });
});
