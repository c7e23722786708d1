import assert from 'node:assert/strict';
import { DbError } from '../../sink/db-errors.js';
import { openSink, openSinkReader, type SinkOptions } from '../../sink/index.js';
import { openDb } from '../../sink/open-db.js';
import { backends } from './backends.js';
import { decision } from './decision-fixture.js';

// In-memory PGlite is gone once closed: the reader could not see what a sink wrote there.
for (const backend of backends().filter((b) => b.persistent)) {
  describe(`openSinkReader on ${backend.name}`, function () {
    this.timeout(60_000);
    let options: SinkOptions;

    before(async () => {
      options = await backend.prepare();
    });

    after(async () => {
      await backend.cleanup();
    });

    context('when the database was migrated by the daemon', () => {
      it('reads reports and the overview', async () => {
        const sink = await openSink(options);
        await sink.record(decision('crm', '2026-03-02T09:00:00Z'), new Date('2026-03-10T00:00:00Z'));
        await sink.close();
        const reader = await openSinkReader(options);
        try {
          const report = await reader.report({ by: 'unit', now: new Date('2026-03-10T00:00:00Z') });
          assert.equal(report.total.total, 1);
          const overview = await reader.overview({ from: new Date('2026-03-02T00:00:00Z'), to: new Date('2026-03-03T00:00:00Z'), bucketSeconds: 3600, openLimit: 5 });
          assert.deepEqual(overview.flow.map((f) => f.items), [1]);
        } finally {
          await reader.close();
        }
      });

      it('runs every statement read-only, even as a user that could write', async () => {
        const { db } = await openDb(options, 'read-only');
        try {
          await assert.rejects(db.query('INSERT INTO schema_migrations (name) VALUES ($1)', ['999_not_by_a_reader.sql']), (e: unknown) => e instanceof DbError && e.sqlState === '25006');
        } finally {
          await db.close();
        }
      });
    });
  });
}
