import assert from 'node:assert/strict';
import type { Db } from '../../sink/db.js';
import { migrate } from '../../sink/migrate.js';
import { loadMigrations } from '../../sink/migration-files.js';
import { openDb } from '../../sink/open-db.js';
import { recordDecision } from '../../sink/record-decision.js';
import { backends } from './backends.js';
import { decision } from './decision-fixture.js';

/**
 * The db as seen by a writer that read "not recorded yet" just before another writer committed:
 * the first read answers no rows, so the insert runs into the unique constraint.
 */
function blindFirstRead(db: Db): Db {
  let blind = true;
  return {
    ...db,
    async query<R extends object>(sql: string, params?: readonly unknown[]): Promise<R[]> {
      if (blind) {
        blind = false;
        return [];
      }
      return db.query<R>(sql, params);
    },
  };
}

const now = new Date('2026-11-24T10:00:00.000Z');

// The temp-dir backend adds nothing here over in-memory PGlite and costs another initdb.
for (const backend of backends().filter((b) => b.name !== 'embedded PGlite (temp dir)')) {
  describe(`recordDecision on ${backend.name}`, () => {
    let db: Db;

    before(async () => {
      const opened = await openDb(await backend.prepare());
      db = opened.db;
      await migrate(db, await loadMigrations(), opened.schema);
    });

    after(async () => {
      await db?.close();
      await backend.cleanup();
    });

    context('when another writer committed the item between our read and our insert', () => {
      it('reads the winner, reports firstWrite false, and gives its number back', async () => {
        const item = decision('crm', '2045-01-01T08:00:00Z');
        const winner = await recordDecision(db, item, now);
        const loser = await recordDecision(blindFirstRead(db), item, new Date('2026-11-25T00:00:00Z'));
        assert.deepEqual(loser, { ...winner, firstWrite: false });
        const next = await recordDecision(db, decision('crm', '2045-01-02T08:00:00Z'), now);
        assert.equal(next.applicationNumber, '2045-000002');
      });
    });
  });
}
