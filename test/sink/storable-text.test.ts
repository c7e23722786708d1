/**
 * Issue 6, finding 1: PostgreSQL refused the JSON of a decision holding a lone UTF-16 surrogate
 * (22P02) and the accepted item was dead-lettered. The sink now stores every decision it is given,
 * and every form the web form accepts becomes a decision the real database stores.
 */
import assert from 'node:assert/strict';
import fc from 'fast-check';
import { parseForm } from '../../connectors/webform/parse-form.js';
import { formToRawItem } from '../../connectors/webform/to-raw-item.js';
import { decide } from '../../normalizer/decide.js';
import type { Db } from '../../sink/db.js';
import { findApplication } from '../../sink/applications-table.js';
import { migrate } from '../../sink/migrate.js';
import { loadMigrations } from '../../sink/migration-files.js';
import { openDb } from '../../sink/open-db.js';
import { recordDecision } from '../../sink/record-decision.js';
import { formRequest } from '../support/form-arbitraries.js';
import { backends } from './backends.js';
import { decision } from './decision-fixture.js';

const now = new Date('2026-11-28T10:00:00.000Z');

for (const backend of backends().filter((b) => b.name !== 'embedded PGlite (temp dir)')) {
  describe(`sink: storable text on ${backend.name}`, () => {
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

    context('finding 1: when a decision holds lone surrogates and NUL in its text', () => {
      it('records it with U+FFFD in their place instead of refusing the row', async () => {
        const given = decision('crm', '2046-01-01T08:00:00Z');
        const hostile = { ...given, description: 'Fatura \ud800 yüksek \u0000 x\udbffy 🔥', customer: { ...given.customer, fullName: 'Ay\udc00şe' } };
        const result = await recordDecision(db, hostile, now);
        assert.equal(result.firstWrite, true);
        const stored = await findApplication(db, given.itemId);
        assert.equal(stored?.decision.description, 'Fatura \ufffd yüksek  x\ufffdy 🔥');
        assert.equal(stored?.decision.customer.fullName, 'Ay\ufffdşe');
      });
    });

    context('when the web form accepts any generated request', () => {
      it('the database stores the decision it becomes', async () => {
        let n = 0;
        await fc.assert(fc.asyncProperty(formRequest, async ({ contentType, body }) => {
          const parsed = parseForm(contentType, body);
          if (!parsed.ok) return;
          const itemId = `webform:${(n++).toString(16).padStart(32, '0')}`;
          const item = formToRawItem(parsed.form, { itemId, receivedAt: now, enteredBy: null, notes: parsed.notes });
          const result = await recordDecision(db, decide(item), now);
          assert.equal(result.firstWrite, true);
        }), { numRuns: 150 });
      });
    });
  });
}
