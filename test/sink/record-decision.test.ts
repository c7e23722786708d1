import assert from 'node:assert/strict';
import type { Db } from '../../sink/db.js';
import { migrate } from '../../sink/migrate.js';
import { loadMigrations } from '../../sink/migration-files.js';
import { openDb } from '../../sink/open-db.js';
import { recordDecision } from '../../sink/record-decision.js';
import { backends } from './backends.js';
import { decision } from './decision-fixture.js';

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

    context('when the item is recorded again (a redelivery, or a writer that lost a race)', () => {
      it('reads the first write, reports firstWrite false, and gives its number back', async () => {
        const item = decision('crm', '2045-01-01T08:00:00Z');
        const winner = await recordDecision(db, item, now);
        const loser = await recordDecision(db, item, new Date('2026-11-25T00:00:00Z'));
        assert.deepEqual(loser, { ...winner, firstWrite: false });
        const next = await recordDecision(db, decision('crm', '2045-01-02T08:00:00Z'), now);
        assert.equal(next.applicationNumber, '2045-000002');
      });
    });
  });
}
