import assert from 'node:assert/strict';
import { inspect } from 'node:util';
import type { DecisionKind } from '../../schemas/types.generated.js';
import { openSink, type Sink, type SinkOptions } from '../../sink/index.js';
import { DbError } from '../../sink/db-errors.js';
import { backends } from './backends.js';
import { customer, decision } from './decision-fixture.js';

const now = new Date('2026-11-24T10:00:00.000Z');

// One database per backend for the whole suite (a fresh PGlite costs ~2 s), so tests that assert
// exact numbers each use a year no other test touches.
for (const backend of backends()) {
  describe(`sink on ${backend.name}`, () => {
    let options: SinkOptions;
    let sink: Sink;

    before(async () => {
      options = await backend.prepare();
      sink = await openSink(options);
    });

    after(async () => {
      await sink?.close();
      await backend.cleanup();
    });

    describe('record', () => {
      context('when crm decisions are recorded in a year', () => {
        it('numbers them YYYY-NNNNNN from 000001 upwards', async () => {
          const first = await sink.record(decision('crm', '2030-05-01T08:00:00Z'), now);
          const second = await sink.record(decision('crm', '2030-05-02T08:00:00Z'), now);
          assert.deepEqual(first, { applicationNumber: '2030-000001', recordedAt: now.toISOString(), firstWrite: true });
          assert.equal(second.applicationNumber, '2030-000002');
        });
      });

      context('when an item is received at 2026-12-31T22:30Z', () => {
        it('numbers it in 2027, the year it already is in Istanbul', async () => {
          const late = await sink.record(decision('crm', '2026-12-31T22:30:00Z'), now);
          const earlier = await sink.record(decision('crm', '2026-12-31T20:59:59Z'), now);
          assert.equal(late.applicationNumber, '2027-000001');
          assert.match(earlier.applicationNumber ?? '', /^2026-\d{6}$/);
        });
      });

      context('when a new year starts', () => {
        it('restarts the sequence at 000001', async () => {
          await sink.record(decision('crm', '2031-06-01T08:00:00Z'), now);
          await sink.record(decision('crm', '2031-06-02T08:00:00Z'), now);
          const next = await sink.record(decision('crm', '2032-01-01T08:00:00Z'), now);
          assert.equal(next.applicationNumber, '2032-000001');
        });
      });

      context('when a needs-info decision is recorded', () => {
        it('numbers it like a crm record, from the same sequence', async () => {
          const asked = await sink.record(decision('needs-info', '2033-02-01T08:00:00Z'), now);
          const complete = await sink.record(decision('crm', '2033-02-01T09:00:00Z'), now);
          assert.equal(asked.applicationNumber, '2033-000001');
          assert.equal(complete.applicationNumber, '2033-000002');
        });
      });

      context('when archive-only and ignored decisions are recorded', () => {
        it('records them without a number and takes none from the sequence', async () => {
          const archived = await sink.record(decision('archive-only', '2034-03-01T08:00:00Z'), now);
          const ignored = await sink.record(decision('ignored', '2034-03-01T08:05:00Z'), now);
          const numbered = await sink.record(decision('crm', '2034-03-01T08:10:00Z'), now);
          assert.deepEqual([archived.applicationNumber, archived.firstWrite], [null, true]);
          assert.deepEqual([ignored.applicationNumber, ignored.firstWrite], [null, true]);
          assert.equal(numbered.applicationNumber, '2034-000001');
        });
      });

      context('when the same item is recorded again', () => {
        it('returns the first write with firstWrite false and writes nothing', async () => {
          const item = decision('crm', '2035-01-10T08:00:00Z');
          const first = await sink.record(item, now);
          const again = await sink.record(item, new Date('2026-11-25T10:00:00.000Z'));
          const next = await sink.record(decision('crm', '2035-01-11T08:00:00Z'), now);
          assert.deepEqual(again, { applicationNumber: first.applicationNumber, recordedAt: first.recordedAt, firstWrite: false });
          assert.equal(next.applicationNumber, '2035-000002');
          assert.equal((await sink.list()).filter((a) => a.itemId === item.itemId).length, 1);
        });

        it('treats an unnumbered item the same way', async () => {
          const item = decision('archive-only');
          await sink.record(item, now);
          assert.deepEqual(await sink.record(item, now), { applicationNumber: null, recordedAt: now.toISOString(), firstWrite: false });
        });
      });

      context('when several writers record the same item at once', () => {
        it('writes it once, gives everyone its number, and loses no number', async () => {
          const item = decision('crm', '2036-04-01T08:00:00Z');
          const results = await Promise.all(Array.from({ length: 6 }, () => sink.record(item, now)));
          assert.equal(results.filter((r) => r.firstWrite).length, 1);
          assert.deepEqual(new Set(results.map((r) => r.applicationNumber)), new Set(['2036-000001']));
          // The losers' increments rolled back with their inserts: the next number follows on.
          const next = await sink.record(decision('crm', '2036-04-02T08:00:00Z'), now);
          assert.equal(next.applicationNumber, '2036-000002');
        });
      });

      context('when the database rejects the row', () => {
        it('throws a DbError that carries no customer data', async () => {
          const bogus = decision('crm', undefined, { kind: 'bogus' as DecisionKind });
          const error: unknown = await sink.record(bogus, now).then(() => null, (e: unknown) => e);
          assert.ok(error instanceof DbError, `expected a DbError, got ${String(error)}`);
          assert.equal(error.code, 'INTAKE_DB_REJECTED');
          assert.equal(error.sqlState, '23514');
          const text = inspect(error, { depth: 10 });
          for (const value of [customer.fullName, customer.nationalId, customer.phone, customer.email]) {
            assert.ok(value !== null && !text.includes(value), 'customer data leaked into the error');
          }
          assert.equal(await sink.get(bogus.itemId), null);
        });
      });
    });

    describe('get', () => {
      context('when the item was recorded', () => {
        it('reads back the decision exactly as recorded', async () => {
          const item = decision('crm', '2026-07-01T11:00:00.000Z', { emergency: true, enteredBy: 'agent-7' });
          const { applicationNumber } = await sink.record(item, now);
          assert.deepEqual(await sink.get(item.itemId), {
            itemId: item.itemId,
            applicationNumber,
            kind: 'crm',
            channel: 'webform',
            emergency: true,
            reasons: item.reasons,
            decision: item,
            recordedAt: now.toISOString(),
          });
        });
      });

      context('when the item was never recorded', () => {
        it('returns null', async () => {
          assert.equal(await sink.get('no-such-item'), null);
        });
      });
    });

    describe('list', () => {
      it('returns items in the order they were recorded', async () => {
        const items = [decision('ignored'), decision('crm'), decision('archive-only')];
        for (const item of items) await sink.record(item, now);
        const wanted = new Set(items.map((i) => i.itemId));
        const listed = (await sink.list()).filter((a) => wanted.has(a.itemId)).map((a) => a.itemId);
        assert.deepEqual(listed, items.map((i) => i.itemId));
      });

      it('filters by kind', async () => {
        const archived = decision('archive-only');
        await sink.record(archived, now);
        const listed = await sink.list({ kind: 'archive-only' });
        assert.ok(listed.length > 0 && listed.every((a) => a.kind === 'archive-only'));
        assert.ok(listed.some((a) => a.itemId === archived.itemId));
      });
    });

    describe('countByKind', () => {
      it('counts every kind, so nothing is silently dropped', async () => {
        const before = await sink.countByKind();
        for (const kind of ['crm', 'needs-info', 'archive-only', 'ignored', 'crm'] as const) await sink.record(decision(kind), now);
        const after = await sink.countByKind();
        assert.deepEqual(after, {
          crm: before.crm + 2,
          'needs-info': before['needs-info'] + 1,
          'archive-only': before['archive-only'] + 1,
          ignored: before.ignored + 1,
        });
      });
    });

    describe('ping', () => {
      it('resolves while the database answers', async () => {
        await sink.ping();
      });
    });

    if (backend.persistent) {
      describe('reopen', () => {
        context('when the sink is closed and opened again on the same storage', () => {
          it('finds the data, continues the sequence, and does not re-run migrations', async () => {
            const item = decision('crm', '2037-01-01T08:00:00Z');
            const first = await sink.record(item, now);
            await sink.close();
            await sink.close(); // idempotent
            sink = await openSink(options);
            assert.equal((await sink.get(item.itemId))?.applicationNumber, first.applicationNumber);
            assert.deepEqual(await sink.record(item, now), { ...first, firstWrite: false });
            assert.equal((await sink.record(decision('crm', '2037-01-02T08:00:00Z'), now)).applicationNumber, '2037-000002');
          });
        });
      });
    }
  });
}
