/** `intake_open_past_deadline`'s query: the open half of the reports' overdue, per unit. */
import assert from 'node:assert/strict';
import type { Decision, DecisionKind } from '../../schemas/types.generated.js';
import type { Sink } from '../../sink/index.js';
import { backends } from './backends.js';
import { decision } from './decision-fixture.js';
import { linkDuplicate, openSinkWithDb, resolveRecord } from './report-fixture.js';

const now = new Date('2040-03-10T00:00:00.000Z');

for (const backend of backends()) {
  describe(`sink.openPastDeadline on ${backend.name}`, () => {
    let sink: Sink;

    before(async () => {
      const opened = await openSinkWithDb(await backend.prepare());
      sink = opened.sink;
      const record = async (kind: DecisionKind, deadline: string | null, overrides: Partial<Decision> = {}): Promise<string> => {
        const d = decision(kind, '2040-03-01T09:00:00Z', { deadline, ...overrides });
        await sink.record(d, now);
        return d.itemId;
      };
      // Counted: open crm and needs-info records whose deadline has passed.
      const first = await record('crm', '2040-03-04T09:00:00.000Z', { unit: 'metering' });
      await record('needs-info', '2040-03-05T09:00:00.000Z', { unit: 'metering' });
      await record('crm', '2040-03-09T23:59:59.000Z', { unit: 'billing-collection' });
      // Not counted: a deadline still ahead, a resolved record, a linked repeat, no deadline, an archived letter.
      await record('crm', '2040-03-10T00:00:01.000Z', { unit: 'metering' });
      await resolveRecord(opened.db, await record('crm', '2040-03-04T09:00:00.000Z', { unit: 'metering' }), '2040-03-06T09:00:00Z');
      await linkDuplicate(opened.db, await record('crm', '2040-03-04T09:00:00.000Z', { unit: 'metering' }), first);
      await record('crm', null, { unit: 'metering' });
      await record('archive-only', '2040-03-04T09:00:00.000Z');
    });

    after(async () => {
      await sink?.close();
      await backend.cleanup();
    });

    it('counts the open records past their deadline at `now`, per unit', async () => {
      const rows = await sink.openPastDeadline(now);
      assert.deepEqual([...rows].sort((a, b) => a.unit.localeCompare(b.unit)), [{ unit: 'billing-collection', open: 1 }, { unit: 'metering', open: 2 }]);
    });

    it('counts none before any deadline passed', async () => {
      assert.deepEqual(await sink.openPastDeadline(new Date('2040-03-01T00:00:00Z')), []);
    });
  });
}
