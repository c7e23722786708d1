import assert from 'node:assert/strict';
import type { Decision } from '../../schemas/types.generated.js';
import { IntakeError } from '../../runtime/errors.js';
import type { Db } from '../../sink/db.js';
import type { OverviewQuery, Sink } from '../../sink/index.js';
import { backends } from './backends.js';
import { customer, decision } from './decision-fixture.js';
import { linkDuplicate, openSinkWithDb, resolveRecord } from './report-fixture.js';

// 2041-05-10 in Istanbul, hourly buckets from 09:00 to 12:00 UTC.
const window: OverviewQuery = { from: new Date('2041-05-10T09:00:00Z'), to: new Date('2041-05-10T12:00:00Z'), bucketSeconds: 3600, openLimit: 10 };
const gas = (receivedAt: string, district: string, deadline: string, overrides: Partial<Decision> = {}): Decision => {
  const base = decision('crm', receivedAt, { emergency: true, unit: 'emergency-response', deadline, ...overrides });
  return { ...base, customer: { ...customer, district } };
};

for (const backend of backends()) {
  describe(`sink.overview on ${backend.name}`, function () {
    this.timeout(60_000);
    let sink: Sink;
    let db: Db;
    const ids: Record<string, string> = {};

    before(async () => {
      ({ sink, db } = await openSinkWithDb(await backend.prepare()));
      const at = new Date('2041-05-10T12:00:00Z');
      const record = async (name: string, d: Decision): Promise<void> => {
        ids[name] = d.itemId;
        await sink.record(d, at);
      };
      await record('web-9', decision('crm', '2041-05-10T09:10:00Z'));
      await record('web-9b', decision('needs-info', '2041-05-10T09:59:59.999Z'));
      await record('fax-10', decision('archive-only', '2041-05-10T10:00:00Z'));
      await record('gas-late', gas('2041-05-10T11:30:00Z', 'Şişli', '2041-05-10T13:30:00Z', { channel: 'phone' }));
      await record('gas-overdue', gas('2041-05-10T09:20:00Z', 'Kadıköy', '2041-05-10T11:20:00Z'));
      await record('gas-resolved', gas('2041-05-10T09:30:00Z', 'Üsküdar', '2041-05-10T11:30:00Z'));
      await resolveRecord(db, ids['gas-resolved'] ?? '', '2041-05-10T10:00:00Z');
      await record('gas-repeat', gas('2041-05-10T09:40:00Z', 'Kadıköy', '2041-05-10T11:40:00Z'));
      await linkDuplicate(db, ids['gas-repeat'] ?? '', ids['gas-overdue'] ?? '');
      // Outside the window both ways; an open emergency all the same.
      await record('gas-old', gas('2041-05-09T08:00:00Z', 'Beykoz', '2041-05-09T10:00:00Z'));
      await record('web-12', decision('crm', '2041-05-10T12:00:00Z'));
    });

    after(async () => {
      await sink?.close();
      await backend.cleanup();
    });

    context('when items were received in and around the window', () => {
      it('counts them per bucket, channel and kind, linked repeats included, nothing outside', async () => {
        const { flow } = await sink.overview(window);
        assert.deepEqual(flow.map((f) => [f.bucket, f.channel, f.kind, f.items, f.emergencies]), [
          ['2041-05-10T09:00:00.000Z', 'webform', 'crm', 4, 3],
          ['2041-05-10T09:00:00.000Z', 'webform', 'needs-info', 1, 0],
          ['2041-05-10T10:00:00.000Z', 'fax', 'archive-only', 1, 0],
          ['2041-05-10T11:00:00.000Z', 'phone', 'crm', 1, 1],
        ]);
      });
    });

    context('when emergencies are open, resolved or repeats', () => {
      it('lists the open ones, soonest deadline first, whatever their receipt time, with no personal data', async () => {
        const { openEmergencies } = await sink.overview(window);
        assert.equal(openEmergencies.total, 3);
        assert.deepEqual(openEmergencies.items.map((e) => e.itemId), [ids['gas-old'], ids['gas-overdue'], ids['gas-late']]);
        const late = openEmergencies.items[2];
        assert.deepEqual(late && { ...late, applicationNumber: typeof late.applicationNumber }, {
          itemId: ids['gas-late'], applicationNumber: 'string', channel: 'phone', receivedAt: '2041-05-10T11:30:00.000Z',
          district: 'Şişli', unit: 'emergency-response', deadline: '2041-05-10T13:30:00.000Z',
        });
      });

      it('counts them all while listing at most openLimit', async () => {
        const { openEmergencies } = await sink.overview({ ...window, openLimit: 1 });
        assert.deepEqual([openEmergencies.total, openEmergencies.items.length], [3, 1]);
      });
    });

    context('when minute buckets are asked for', () => {
      it('starts each on a whole minute', async () => {
        const { flow } = await sink.overview({ ...window, bucketSeconds: 60 });
        assert.ok(flow.some((f) => f.bucket === '2041-05-10T09:59:00.000Z' && f.kind === 'needs-info'));
      });
    });

    context('when the query is malformed', () => {
      it('refuses it with INTAKE_REQUEST_INVALID naming the field', async () => {
        for (const [bad, field] of [[{ to: window.from }, 'from'], [{ bucketSeconds: 0 }, 'bucketSeconds'], [{ openLimit: 501 }, 'openLimit']] as const) {
          await assert.rejects(sink.overview({ ...window, ...bad }), (e: unknown) => e instanceof IntakeError && e.code === 'INTAKE_REQUEST_INVALID' && e.details.field === field);
        }
      });
    });
  });
}
