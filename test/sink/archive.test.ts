/** The archive of faxes and letters: listing, showing, and re-examination into a record. */
import assert from 'node:assert/strict';
import type { Decision } from '../../schemas/types.generated.js';
import { IntakeError } from '../../runtime/errors.js';
import { createSink } from '../../sink/crm-sink.js';
import type { Db } from '../../sink/db.js';
import { migrate } from '../../sink/migrate.js';
import { loadMigrations } from '../../sink/migration-files.js';
import { openDb } from '../../sink/open-db.js';
import type { Sink } from '../../sink/index.js';
import { backends } from './backends.js';
import { customer, decision, itemId } from './decision-fixture.js';

const now = new Date('2026-11-28T10:00:00.000Z');
const later = new Date('2026-11-30T08:15:00.000Z');

/** An archived fax or letter without a national ID, as the normalizer leaves one. */
function archived(channel: 'fax' | 'letter', receivedAt: string, document?: Decision['document']): Decision {
  return decision('archive-only', receivedAt, {
    channel,
    reasons: ['PAPER_INCOMPLETE_ARCHIVED', 'MISSING_NATIONAL_ID', ...(document?.registryNumber === undefined ? [] : ['DOCUMENT_REGISTERED' as const])],
    missing: ['nationalId'],
    customer: { ...customer, nationalId: null, isSubscriber: false, contractAccountNumber: null },
    ...(document === undefined ? {} : { document }),
  });
}

/** What `intake archive complete` hands the sink once the national ID is supplied. */
function completed(stored: Decision): Decision {
  return {
    ...stored, kind: 'crm', reasons: ['COMPLETE', 'TOPIC_CLASSIFIED', 'RE_EXAMINED'], missing: [],
    customer: { ...stored.customer, nationalId: customer.nationalId },
    topic: { main: 'billing', sub: 'high-bill' }, unit: 'billing-collection', resolutionHours: 72,
    deadline: new Date(Date.parse(stored.receivedAt) + 72 * 3_600_000).toISOString(),
  };
}

function isNotArchived(kind: string | null): (error: unknown) => boolean {
  return (error) => error instanceof IntakeError && error.code === 'INTAKE_NOT_ARCHIVED' && error.details.kind === kind;
}

async function sequence(db: Db, year: number): Promise<number | null> {
  const [row] = await db.query<{ last: number }>('SELECT last FROM application_sequences WHERE year = $1', [year]);
  return row === undefined ? null : Number(row.last);
}

// PostgreSQL and in-memory PGlite: the archive needs no persistence of its own.
for (const backend of backends().filter((b) => b.name !== 'embedded PGlite (temp dir)')) {
  describe(`sink archive on ${backend.name}`, () => {
    let db: Db;
    let sink: Sink;
    // Received in 2031 (Istanbul), so the numbers below are this suite's alone.
    const faxWithNumber = archived('fax', '2031-03-02T09:00:00Z', { registryNumber: 'EVR-2031/0042', read: 'ocr', pages: 2, confidence: 0.91 });
    const letter = archived('letter', '2031-03-05T09:00:00Z');
    const unreadable = archived('fax', '2031-04-01T09:00:00Z', { read: 'unreadable', pages: 0, problem: 'corrupt' });
    const record = decision('crm', '2031-03-03T09:00:00Z');

    before(async () => {
      const opened = await openDb(await backend.prepare());
      db = opened.db;
      await migrate(db, await loadMigrations(), opened.schema);
      sink = createSink(db);
      // The single-row path and the batch path both write the registry number.
      await sink.record(faxWithNumber, now);
      await sink.recordAll([letter, unreadable, record], now);
    });

    after(async () => {
      await db?.close();
      await backend.cleanup();
    });

    describe('recording', () => {
      it('fills registry_number from decision.document on both insert paths', async () => {
        const batchFax = archived('fax', '2031-05-01T09:00:00Z', { registryNumber: 'EVR-2031/0099', read: 'text-layer', pages: 1 });
        await sink.recordAll([batchFax, archived('letter', '2031-05-01T10:00:00Z')], now);
        const rows = await db.query<{ item_id: string; registry_number: string | null }>('SELECT item_id, registry_number FROM applications WHERE item_id = ANY($1::text[])', [[faxWithNumber.itemId, batchFax.itemId, letter.itemId]]);
        const byItem = new Map(rows.map((r) => [r.item_id, r.registry_number]));
        assert.equal(byItem.get(faxWithNumber.itemId), 'EVR-2031/0042');
        assert.equal(byItem.get(batchFax.itemId), 'EVR-2031/0099');
        assert.equal(byItem.get(letter.itemId), null);
      });
    });

    describe('list', () => {
      const march = { from: new Date('2031-02-28T21:00:00Z'), to: new Date('2031-03-31T21:00:00Z') };

      it('lists archived items only, oldest first, with references and what was missing', async () => {
        const { items, more } = await sink.archive.list({ ...march, limit: 100 });
        assert.equal(more, false);
        assert.deepEqual(items.map((i) => i.itemId), [faxWithNumber.itemId, letter.itemId]);
        assert.deepEqual(items[0], {
          itemId: faxWithNumber.itemId, channel: 'fax', receivedAt: '2031-03-02T09:00:00.000Z', recordedAt: now.toISOString(),
          registryNumber: 'EVR-2031/0042', missing: ['nationalId'], reasons: ['PAPER_INCOMPLETE_ARCHIVED', 'MISSING_NATIONAL_ID', 'DOCUMENT_REGISTERED'],
          emergency: false, document: { read: 'ocr', pages: 2, problem: null },
        });
        assert.equal(items[1]?.document, null);
      });

      it('filters by period (to exclusive), channel and registry number', async () => {
        const ids = async (query: Parameters<Sink['archive']['list']>[0]): Promise<string[]> => (await sink.archive.list(query)).items.map((i) => i.itemId);
        assert.deepEqual(await ids({ from: new Date('2031-04-01T09:00:00Z'), to: new Date('2031-04-02T00:00:00Z'), limit: 10 }), [unreadable.itemId]);
        assert.deepEqual(await ids({ to: new Date('2031-04-01T09:00:00Z'), channel: 'fax', limit: 10 }), [faxWithNumber.itemId]);
        assert.deepEqual(await ids({ ...march, channel: 'letter', limit: 10 }), [letter.itemId]);
        assert.deepEqual(await ids({ registryNumber: ' EVR-2031/0042 ', limit: 10 }), [faxWithNumber.itemId]);
        assert.deepEqual(await ids({ registryNumber: 'EVR-2031/0043', limit: 10 }), []);
      });

      it('says when more matched than the limit', async () => {
        const page = await sink.archive.list({ ...march, limit: 1 });
        assert.deepEqual([page.items.length, page.more], [1, true]);
      });

      it('refuses a limit out of range or bounds out of order', async () => {
        const invalid = (field: string) => (error: unknown) => error instanceof IntakeError && error.code === 'INTAKE_REQUEST_INVALID' && error.details.field === field;
        await assert.rejects(sink.archive.list({ limit: 0 }), invalid('limit'));
        await assert.rejects(sink.archive.list({ limit: 10_001 }), invalid('limit'));
        await assert.rejects(sink.archive.list({ from: march.to, to: march.from, limit: 1 }), invalid('from'));
      });
    });

    describe('show', () => {
      it('gives an archived item whole, with an empty history', async () => {
        const entry = await sink.archive.show(faxWithNumber.itemId);
        assert.equal(entry?.kind, 'archive-only');
        assert.equal(entry?.applicationNumber, null);
        assert.deepEqual(entry?.decision, faxWithNumber);
        assert.deepEqual(entry?.history, []);
      });

      it('gives nothing for a record that was never archived, or an unknown item', async () => {
        assert.equal(await sink.archive.show(record.itemId), null);
        assert.equal(await sink.archive.show(itemId('unknown')), null);
      });
    });

    describe('reExamine', () => {
      context('when an archived letter is completed', () => {
        it('makes it a crm record with the next number of its year, keeping the earlier decision in its history', async () => {
          const before = await sequence(db, 2031);
          const done = await sink.archive.reExamine(letter.itemId, completed(letter), 'Zeynep K.', later);
          assert.deepEqual(done, { kind: 'crm', applicationNumber: `2031-${String((before ?? 0) + 1).padStart(6, '0')}` });
          const entry = await sink.archive.show(letter.itemId);
          assert.equal(entry?.kind, 'crm');
          assert.equal(entry?.applicationNumber, done.applicationNumber);
          assert.equal(entry?.decision.customer.nationalId, customer.nationalId);
          assert.equal(entry?.recordedAt, now.toISOString());
          assert.deepEqual(entry?.history, [{ decision: letter, recordedAt: now.toISOString(), reExaminedAt: later.toISOString(), reExaminedBy: 'Zeynep K.' }]);
          const [row] = await db.query<{ national_id: string; unit: string; missing: string[] }>('SELECT national_id, unit, missing FROM applications WHERE item_id = $1', [letter.itemId]);
          assert.deepEqual(row, { national_id: customer.nationalId, unit: 'billing-collection', missing: [] });
        });

        it('leaves the archive list, and the next record is numbered after it without a gap', async () => {
          assert.ok(!(await sink.archive.list({ limit: 100 })).items.some((i) => i.itemId === letter.itemId));
          const numbered = await sequence(db, 2031);
          const next = await sink.record(decision('crm', '2031-06-01T09:00:00Z'), now);
          assert.equal(next.applicationNumber, `2031-${String((numbered ?? 0) + 1).padStart(6, '0')}`);
        });

        it('refuses to complete it a second time', async () => {
          await assert.rejects(sink.archive.reExamine(letter.itemId, completed(letter), 'Zeynep K.', later), isNotArchived('crm'));
        });
      });

      context('when the item is not archived', () => {
        it('refuses with INTAKE_NOT_ARCHIVED and changes nothing', async () => {
          const numbered = await sequence(db, 2031);
          await assert.rejects(sink.archive.reExamine(record.itemId, { ...completed(record), itemId: record.itemId }, 'Zeynep K.', later), isNotArchived('crm'));
          const unknown = itemId('unknown');
          await assert.rejects(sink.archive.reExamine(unknown, { ...completed(letter), itemId: unknown }, 'Zeynep K.', later), isNotArchived(null));
          assert.equal(await sequence(db, 2031), numbered);
          assert.deepEqual((await sink.get(record.itemId))?.decision, record);
        });
      });

      context('when the new decision is still archive-only or of another item', () => {
        it('throws RangeError, a caller bug', async () => {
          await assert.rejects(sink.archive.reExamine(unreadable.itemId, unreadable, 'Zeynep K.', later), RangeError);
          await assert.rejects(sink.archive.reExamine(unreadable.itemId, completed(letter), 'Zeynep K.', later), RangeError);
        });
      });

      context('when two people complete the same fax at once', () => {
        it('numbers it once: one wins, the other is told it is no longer archived', async () => {
          const fax = archived('fax', '2031-07-01T09:00:00Z');
          await sink.record(fax, now);
          const numbered = await sequence(db, 2031);
          const results = await Promise.allSettled([
            sink.archive.reExamine(fax.itemId, completed(fax), 'Zeynep K.', later),
            sink.archive.reExamine(fax.itemId, completed(fax), 'Mehmet A.', later),
          ]);
          const won = results.filter((r) => r.status === 'fulfilled');
          const lost = results.filter((r): r is PromiseRejectedResult => r.status === 'rejected');
          assert.equal(won.length, 1);
          assert.equal(lost.length, 1);
          assert.ok(isNotArchived('crm')(lost[0]?.reason), String(lost[0]?.reason));
          assert.equal(await sequence(db, 2031), (numbered ?? 0) + 1);
          assert.equal((await sink.archive.show(fax.itemId))?.history.length, 1);
        });
      });
    });
  });
}

describe('migration 005_archive', () => {
  for (const backend of backends().filter((b) => b.name !== 'embedded PGlite (temp dir)')) {
    context(`on ${backend.name}, with rows recorded before it`, () => {
      let db: Db;

      after(async () => {
        await db?.close();
        await backend.cleanup();
      });

      it('backfills registry_number from the decision and gives every row an empty history', async () => {
        const opened = await openDb(await backend.prepare());
        db = opened.db;
        const migrations = await loadMigrations();
        const upTo = migrations.findIndex((m) => m.name === '005_archive.sql');
        assert.ok(upTo > 0);
        await migrate(db, migrations.slice(0, upTo), opened.schema);
        const fax = archived('fax', '2031-03-02T09:00:00Z', { registryNumber: 'EVR-2031/0007', read: 'ocr', pages: 1 });
        const web = decision('archive-only', '2031-03-02T10:00:00Z', { channel: 'webform' });
        for (const d of [fax, web]) {
          await db.query(
            `INSERT INTO applications (item_id, kind, channel, received_at, recorded_at, emergency, reasons, missing, decision)
              VALUES ($1, $2, $3, $4, $5, false, $6::text[], $7::text[], $8::jsonb)`,
            [d.itemId, d.kind, d.channel, d.receivedAt, now, d.reasons, d.missing, JSON.stringify(d)],
          );
        }
        assert.deepEqual(await migrate(db, migrations, opened.schema), migrations.slice(upTo).map((m) => m.name));
        const rows = await db.query<{ item_id: string; registry_number: string | null; history: unknown }>('SELECT item_id, registry_number, history FROM applications ORDER BY id');
        assert.deepEqual(rows, [
          { item_id: fax.itemId, registry_number: 'EVR-2031/0007', history: [] },
          { item_id: web.itemId, registry_number: null, history: [] },
        ]);
        const archive = await createSink(db).archive.list({ registryNumber: 'EVR-2031/0007', limit: 5 });
        assert.deepEqual(archive.items.map((i) => i.itemId), [fax.itemId]);
      });
    });
  }
});
