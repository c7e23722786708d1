import assert from 'node:assert/strict';
import type { Decision, DecisionKind } from '../../schemas/types.generated.js';
import type { Db } from '../../sink/db.js';
import { IntakeError } from '../../runtime/errors.js';
import type { ReportDimension, ReportRow, Sink, SinkOptions } from '../../sink/index.js';
import { backends } from './backends.js';
import { decision } from './decision-fixture.js';
import { linkDuplicate, openSinkWithDb, resolveRecord } from './report-fixture.js';

// March 2040 in Istanbul (UTC+3): [2040-03-01T00:00+03:00, 2040-04-01T00:00+03:00).
const from = new Date('2040-02-29T21:00:00.000Z');
const to = new Date('2040-03-31T21:00:00.000Z');
const now = new Date('2040-03-10T00:00:00.000Z');

function make(kind: DecisionKind, receivedAt: string, district: string | null, overrides: Partial<Decision> = {}): Decision {
  const base = decision(kind, receivedAt, overrides);
  return { ...base, customer: { ...base.customer, district } };
}

const zero = { total: 0, crm: 0, needsInfo: 0, archiveOnly: 0, ignored: 0, emergencies: 0, linkedDuplicates: 0, open: 0, overdue: 0, medianResolutionHours: null };

function row(key: string, counts: Partial<ReportRow>): ReportRow {
  return { key, ...zero, ...counts };
}

/**
 * The month's applications, with what each one tests. Deadlines are received + 72 h (the
 * fixture's resolution time) unless said otherwise.
 */
async function seed(sink: Sink, db: Db): Promise<void> {
  const at = new Date('2040-03-10T00:00:00Z');
  const record = async (d: Decision): Promise<string> => (await sink.record(d, at), d.itemId);
  // Open, deadline 03-04 09:00: a breach at `now`.
  const first = await record(make('crm', '2040-03-01T09:00:00Z', 'Kadıköy'));
  // Open, deadline 03-12 09:00: not yet a breach at `now`.
  await record(make('crm', '2040-03-09T09:00:00Z', 'Kadıköy'));
  // A repeat of `first`, open and past its deadline, yet counted only as a linked duplicate.
  await linkDuplicate(db, await record(make('crm', '2040-03-02T09:00:00Z', 'Kadıköy')), first);
  await record(make('archive-only', '2040-03-03T09:00:00Z', 'Kadıköy'));
  // Resolved 03-06, a day after its deadline: a breach whatever `now` is; 96 h to resolve.
  await resolveRecord(db, await record(make('needs-info', '2040-03-02T09:00:00Z', 'Üsküdar')), '2040-03-06T09:00:00Z');
  // Resolved within its deadline: 24 h.
  await resolveRecord(db, await record(make('crm', '2040-03-02T09:00:00Z', 'Üsküdar', { channel: 'phone' })), '2040-03-03T09:00:00Z');
  // A gas smell, resolved in half an hour.
  await resolveRecord(db, await record(make('crm', '2040-03-05T10:00:00Z', 'Beşiktaş', {
    channel: 'phone', emergency: true, topic: { main: 'Acil', sub: 'Gaz kokusu' }, unit: 'Acil Müdahale', resolutionHours: 1, deadline: '2040-03-05T11:00:00.000Z',
  })), '2040-03-05T10:30:00Z');
  await record(make('ignored', '2040-03-04T09:00:00Z', null, { channel: 'email' }));
  // No district; deadline 03-16.
  await record(make('crm', '2040-03-06T09:00:00Z', null, { deadline: '2040-03-16T09:00:00.000Z' }));
  // Exactly at `from`: inside. Deadline 03-03 21:00: a breach at `now`.
  await record(make('crm', '2040-02-29T21:00:00.000Z', 'Şişli'));
  // Exactly at `to`, and just before `from`: outside.
  await record(make('crm', '2040-03-31T21:00:00.000Z', 'Şişli'));
  await record(make('crm', '2040-02-29T20:59:59.999Z', 'Şişli'));
  // Turkish order puts Çatalca before Esenyurt; code-point order would not. Deadlines 03-12 12:00.
  await record(make('crm', '2040-03-09T12:00:00Z', 'Esenyurt'));
  await record(make('crm', '2040-03-09T12:00:00Z', 'Çatalca'));
}

for (const backend of backends()) {
  describe(`sink.report on ${backend.name}`, () => {
    let options: SinkOptions;
    let sink: Sink;

    before(async () => {
      options = await backend.prepare();
      const opened = await openSinkWithDb(options);
      sink = opened.sink;
      await seed(sink, opened.db);
    });

    after(async () => {
      await sink?.close();
      await backend.cleanup();
    });

    const march = (by: ReportDimension, at = now) => sink.report({ by, from, to, now: at });

    context('when split by region', () => {
      it('counts each district, most applications first, ties in Turkish order, no district as (unknown)', async () => {
        const report = await march('region');
        assert.deepEqual(report.rows, [
          row('Kadıköy', { total: 3, crm: 2, archiveOnly: 1, linkedDuplicates: 1, open: 2, overdue: 1 }),
          row('(unknown)', { total: 2, crm: 1, ignored: 1, open: 1 }),
          row('Üsküdar', { total: 2, crm: 1, needsInfo: 1, overdue: 1, medianResolutionHours: 60 }),
          row('Beşiktaş', { total: 1, crm: 1, emergencies: 1, medianResolutionHours: 0.5 }),
          row('Çatalca', { total: 1, crm: 1, open: 1 }),
          row('Esenyurt', { total: 1, crm: 1, open: 1 }),
          row('Şişli', { total: 1, crm: 1, open: 1, overdue: 1 }),
        ]);
      });

      it('adds a grand total row over every key', async () => {
        const { total } = await march('region');
        assert.deepEqual(total, row('(total)', {
          total: 11, crm: 8, needsInfo: 1, archiveOnly: 1, ignored: 1, emergencies: 1, linkedDuplicates: 1, open: 6, overdue: 3, medianResolutionHours: 24,
        }));
      });
    });

    context('when split by unit, topic or channel', () => {
      it('keys by unit, (none) for records without one', async () => {
        const { rows } = await march('unit');
        assert.deepEqual(rows.map((r) => [r.key, r.total, r.linkedDuplicates]), [['Müşteri Hizmetleri', 8, 1], ['(none)', 2, 0], ['Acil Müdahale', 1, 0]]);
      });

      it('keys by main/sub topic, (none) for records without one', async () => {
        const { rows } = await march('topic');
        assert.deepEqual(rows.map((r) => [r.key, r.total]), [['Fatura/Yüksek fatura', 8], ['(none)', 2], ['Acil/Gaz kokusu', 1]]);
      });

      it('keys by channel', async () => {
        const { rows } = await march('channel');
        assert.deepEqual(rows.map((r) => [r.key, r.total]), [['webform', 7], ['phone', 2], ['email', 1], ['fax', 1]]);
      });

      it('gives the same grand total whatever the split', async () => {
        const totals = await Promise.all((['region', 'unit', 'topic', 'channel'] as const).map(async (by) => (await march(by)).total));
        for (const total of totals) assert.deepEqual(total, totals[0]);
      });
    });

    context('when linked duplicates are in the period', () => {
      it('counts them in linkedDuplicates only: not in total, open or overdue', async () => {
        const kadikoy = (await march('region')).rows.find((r) => r.key === 'Kadıköy');
        // Three applications and one repeat; the repeat is open and past its deadline.
        assert.deepEqual([kadikoy?.total, kadikoy?.crm, kadikoy?.linkedDuplicates, kadikoy?.open, kadikoy?.overdue], [3, 2, 1, 2, 1]);
      });
    });

    context('when SLA breaches are judged at another now', () => {
      it('counts nothing open as a breach before the first deadline, but still a late resolution', async () => {
        const { total } = await march('region', new Date('2040-03-01T00:00:00Z'));
        assert.equal(total.overdue, 1);
      });

      it('counts every open record whose deadline has passed', async () => {
        const { total } = await march('region', new Date('2040-03-20T00:00:00Z'));
        assert.equal(total.overdue, 7);
        assert.equal(total.open, 6);
      });

      it('does not count a deadline equal to now as passed', async () => {
        const { rows } = await march('region', new Date('2040-03-04T09:00:00.000Z'));
        assert.equal(rows.find((r) => r.key === 'Kadıköy')?.overdue, 0);
      });
    });

    context('when the period is bounded', () => {
      it('includes a record received exactly at from and excludes one received exactly at to', async () => {
        const sisli = (await march('region')).rows.find((r) => r.key === 'Şişli');
        assert.equal(sisli?.total, 1);
      });

      it('counts everything with no bounds', async () => {
        const { total } = await sink.report({ by: 'region', now });
        assert.equal(total.total, 13);
      });

      it('counts from the first record with only to', async () => {
        const { rows, total } = await sink.report({ by: 'region', to: from, now });
        assert.deepEqual([rows.map((r) => r.key), total.total], [['Şişli'], 1]);
      });

      it('counts up to the last record with only from', async () => {
        const { total } = await sink.report({ by: 'region', from, now });
        assert.equal(total.total, 12);
      });

      it('gives no rows and a zero total for an empty period', async () => {
        const report = await sink.report({ by: 'unit', from: new Date('2041-01-01T00:00:00Z'), to: new Date('2041-02-01T00:00:00Z'), now });
        assert.deepEqual(report, { rows: [], total: row('(total)', {}) });
      });
    });

    context('when the query is malformed', () => {
      it('rejects an unknown dimension with INTAKE_REQUEST_INVALID', async () => {
        await assert.rejects(sink.report({ by: 'district' as ReportDimension, now }), (e: unknown) => e instanceof IntakeError && e.code === 'INTAKE_REQUEST_INVALID');
      });

      it('rejects from not before to', async () => {
        await assert.rejects(sink.report({ by: 'unit', from: to, to: from, now }), (e: unknown) => e instanceof IntakeError && e.details.field === 'from');
      });

      it('rejects an invalid Date', async () => {
        await assert.rejects(sink.report({ by: 'unit', from: new Date('nope'), now }), (e: unknown) => e instanceof IntakeError && e.details.field === 'from');
      });
    });
  });
}
