/** The sink as the normalizer's batch store: one transaction per batch, look-ups for a whole batch. */
import assert from 'node:assert/strict';
import { createSink } from '../../sink/crm-sink.js';
import type { Db } from '../../sink/db.js';
import { migrate } from '../../sink/migrate.js';
import { loadMigrations } from '../../sink/migration-files.js';
import { openDb } from '../../sink/open-db.js';
import { RECENT_SQL } from '../../sink/recent-applications.js';
import type { Sink } from '../../sink/index.js';
import { backends } from './backends.js';
import { customer, decision } from './decision-fixture.js';

const now = new Date('2026-11-28T10:00:00.000Z');

for (const backend of backends().filter((b) => b.name !== 'embedded PGlite (temp dir)')) {
  describe(`sink recordAll and batch look-ups on ${backend.name}`, () => {
    let db: Db;
    let sink: Sink;

    before(async () => {
      const opened = await openDb(await backend.prepare());
      db = opened.db;
      await migrate(db, await loadMigrations(), opened.schema);
      sink = createSink(db);
    });

    after(async () => {
      await db?.close();
      await backend.cleanup();
    });

    context('when a batch is recorded', () => {
      it('numbers its crm and needs-info records in order without gaps, and only those', async () => {
        const batch = [decision('crm', '2047-01-01T08:00:00Z'), decision('archive-only', '2047-01-01T08:01:00Z'), decision('needs-info', '2047-01-01T08:02:00Z'), decision('crm', '2047-01-01T08:03:00Z')];
        const recorded = await sink.recordAll(batch, now);
        assert.deepEqual(recorded.map((r) => r.applicationNumber), ['2047-000001', null, '2047-000002', '2047-000003']);
        assert.ok(recorded.every((r) => r.firstWrite));
        assert.deepEqual(await Promise.all(batch.map(async (d) => (await sink.get(d.itemId))?.applicationNumber ?? null)), ['2047-000001', null, '2047-000002', '2047-000003']);
      });
    });

    context('when a batch holds items recorded before, and one item twice', () => {
      it('reads back the first writes, writes each item once and takes no number for a repeat', async () => {
        const earlier = decision('crm', '2048-01-01T08:00:00Z');
        await sink.recordAll([earlier], now);
        const fresh = decision('crm', '2048-01-01T09:00:00Z');
        const changed = { ...earlier, kind: 'needs-info' as const };
        const recorded = await sink.recordAll([changed, fresh, fresh], new Date('2026-11-29T00:00:00Z'));
        assert.deepEqual(recorded.map((r) => [r.applicationNumber, r.firstWrite]), [['2048-000001', false], ['2048-000002', true], ['2048-000002', false]]);
        assert.equal(recorded[0]?.decision.kind, 'crm');
        assert.equal(recorded[0]?.recordedAt, now.toISOString());
        const next = await sink.recordAll([decision('crm', '2048-01-02T08:00:00Z')], now);
        assert.equal(next[0]?.applicationNumber, '2048-000003');
      });
    });

    context('when a batch holds a repeat linked to a first record of the same batch', () => {
      it('gives the repeat the number the first one gets, and none of its own', async () => {
        const first = decision('crm', '2052-01-01T08:00:00Z');
        const repeat = { ...decision('crm', '2052-01-01T09:00:00Z'), linkedTo: { itemId: first.itemId, applicationNumber: null } };
        const recorded = await sink.recordAll([first, repeat], now);
        assert.deepEqual(recorded.map((r) => r.applicationNumber), ['2052-000001', null]);
        assert.deepEqual(recorded[1]?.decision.linkedTo, { itemId: first.itemId, applicationNumber: '2052-000001' });
        assert.deepEqual((await sink.get(repeat.itemId))?.decision.linkedTo, { itemId: first.itemId, applicationNumber: '2052-000001' });
      });

      it('looks the number up when the repeat is recorded alone, after its first record', async () => {
        const first = decision('crm', '2053-01-01T08:00:00Z');
        await sink.recordAll([first], now);
        const [repeat] = await sink.recordAll([{ ...decision('crm', '2053-01-01T09:00:00Z'), linkedTo: { itemId: first.itemId, applicationNumber: null } }], now);
        assert.deepEqual([repeat?.applicationNumber, repeat?.decision.linkedTo?.applicationNumber], [null, '2053-000001']);
      });
    });

    context('when a batch of one is an item recorded before', () => {
      it('reads back the first write, as a larger batch does', async () => {
        const first = decision('crm', '2050-01-01T08:00:00Z');
        await sink.recordAll([first], now);
        const [again] = await sink.recordAll([{ ...first, kind: 'needs-info' }], new Date('2026-11-29T00:00:00Z'));
        assert.deepEqual([again?.firstWrite, again?.decision.kind, again?.applicationNumber, again?.recordedAt], [false, 'crm', '2050-000001', now.toISOString()]);
      });
    });

    context('when the registry is asked for several accounts', () => {
      it('answers the ones it has in one map', async () => {
        await sink.importSubscribers([{ contractAccountNumber: '9100000001', nationalId: '10000000146', fullName: 'Ayşe Yılmaz', phone: '+905321234567' }], now);
        const found = await sink.findSubscribers(['9100000001', '9100000002']);
        assert.deepEqual([...found.keys()], ['9100000001']);
        assert.equal(found.get('9100000001')?.fullName, 'Ayşe Yılmaz');
      });
    });

    context('when the first records of several people are looked up', () => {
      it('finds numbered ones of any of them in the window, oldest first, and not linked repeats', async () => {
        const phone = '+905550000001';
        const first = decision('crm', '2049-01-01T08:00:00Z', { customer: { ...customer, nationalId: null, email: null, phone } });
        const other = decision('needs-info', '2049-01-01T07:00:00Z', { customer: { ...customer, nationalId: null, phone: null, email: 'x@example.com' } });
        await sink.recordAll([first, other], now);
        const repeat = decision('crm', '2049-01-01T09:00:00Z', { customer: first.customer, linkedTo: { itemId: first.itemId, applicationNumber: '2049-000001' } });
        await sink.recordAll([repeat], now);
        const found = await sink.recentApplicationsOf([{ nationalId: null, phone, email: null }, { nationalId: null, phone: null, email: 'x@example.com' }], new Date('2049-01-01T00:00:00Z'), new Date('2049-01-02T00:00:00Z'));
        assert.deepEqual(found.map((r) => r.itemId), [other.itemId, first.itemId]);
      });
    });

    context('when records are looked up by application number (a follow-up)', () => {
      it('finds the numbered ones and leaves out numbers never given', async () => {
        const first = decision('crm', '2051-01-01T08:00:00Z');
        const [recorded] = await sink.recordAll([first], now);
        const found = await sink.applicationsByNumber([recorded?.applicationNumber ?? '', '2051-999999']);
        assert.deepEqual([...found.keys()], ['2051-000001']);
        assert.equal(found.get('2051-000001')?.itemId, first.itemId);
        assert.equal(found.get('2051-000001')?.nationalId, first.customer.nationalId);
      });
    });

    // EXPLAIN's text is PostgreSQL's; PGlite runs the same planner on the same migrations.
    if (backend.name.startsWith('PostgreSQL')) context('the duplicate look-up', () => {
      it('is answered from the first-record indexes, not by reading all of a person\'s rows', async () => {
        await db.transaction(async (tx) => {
          // Tiny test tables favour a sequential scan; off, the planner shows whether an index fits.
          await tx.query('SET LOCAL enable_seqscan = off');
          const plan = await tx.query<{ 'QUERY PLAN': string }>(`EXPLAIN ${RECENT_SQL}`, [['10000000146'], ['+905321234567'], ['a@example.com'], new Date('2026-01-01'), new Date('2026-02-01')]);
          const text = plan.map((row) => row['QUERY PLAN']).join('\n');
          for (const index of ['applications_first_by_national_id_idx', 'applications_first_by_phone_idx', 'applications_first_by_email_idx']) assert.match(text, new RegExp(index));
        });
      });
    });
  });
}
