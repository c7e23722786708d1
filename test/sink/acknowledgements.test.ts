/** The acknowledgement claims: at most one per application, whoever asks and however often. */
import assert from 'node:assert/strict';
import type { AcknowledgementClaim } from '../../acknowledge/store-port.js';
import { createSink } from '../../sink/crm-sink.js';
import type { Db } from '../../sink/db.js';
import { migrate } from '../../sink/migrate.js';
import { loadMigrations } from '../../sink/migration-files.js';
import { openDb } from '../../sink/open-db.js';
import { IntakeError } from '../../runtime/errors.js';
import type { Sink, SinkOptions } from '../../sink/index.js';
import { backends } from './backends.js';
import { decision } from './decision-fixture.js';

const now = new Date('2026-03-10T09:05:00.000Z');

interface Row { state: string; attempts: number; error_code: string | null; application_number: string; finished_at: Date | null }

for (const backend of backends().filter((b) => b.name !== 'embedded PGlite (temp dir)')) {
  describe(`sink acknowledgement claims on ${backend.name}`, () => {
    let options: SinkOptions;
    let db: Db;
    let sink: Sink;

    /** A recorded e-mail application and the claim of its acknowledgement. */
    async function recorded(receivedAt: string): Promise<AcknowledgementClaim> {
      const [r] = await sink.recordAll([decision('crm', receivedAt, { channel: 'email' })], now);
      assert.ok(r?.applicationNumber);
      return { itemId: r.decision.itemId, channel: 'email', applicationNumber: r.applicationNumber };
    }

    const row = async (claim: AcknowledgementClaim): Promise<Row | undefined> =>
      (await db.query<Row>('SELECT state, attempts, error_code, application_number, finished_at FROM acknowledgements WHERE item_id = $1 AND channel = $2', [claim.itemId, claim.channel]))[0];

    before(async () => {
      options = await backend.prepare();
      const opened = await openDb(options);
      db = opened.db;
      await migrate(db, await loadMigrations(), opened.schema);
      sink = createSink(db);
    });

    after(async () => {
      await db?.close();
      await backend.cleanup();
    });

    context('when an acknowledgement is claimed twice', () => {
      it('gives it to the first claim only, also after it was sent', async () => {
        const claim = await recorded('2060-01-01T08:00:00Z');
        assert.equal(await sink.claimAcknowledgement(claim, now), true);
        assert.equal(await sink.claimAcknowledgement(claim, now), false);
        await sink.finishAcknowledgement(claim, { state: 'sent', attempts: 2 }, now);
        assert.equal(await sink.claimAcknowledgement(claim, now), false);
        assert.deepEqual(await row(claim), { state: 'sent', attempts: 2, error_code: null, application_number: claim.applicationNumber, finished_at: now });
      });
    });

    context('when several claim the same acknowledgement at once', () => {
      it('gives it to exactly one', async () => {
        const claim = await recorded('2060-01-02T08:00:00Z');
        const results = await Promise.all(Array.from({ length: 8 }, () => sink.claimAcknowledgement(claim, now)));
        assert.equal(results.filter(Boolean).length, 1);
      });
    });

    context('when sending failed for good', () => {
      it('records the error code, and the claim stays taken', async () => {
        const claim = await recorded('2060-01-03T08:00:00Z');
        await sink.claimAcknowledgement(claim, now);
        await sink.finishAcknowledgement(claim, { state: 'failed', attempts: 4, errorCode: 'INTAKE_SMTP_UNAVAILABLE' }, now);
        assert.deepEqual(await row(claim), { state: 'failed', attempts: 4, error_code: 'INTAKE_SMTP_UNAVAILABLE', application_number: claim.applicationNumber, finished_at: now });
        assert.equal(await sink.claimAcknowledgement(claim, now), false);
      });
    });

    context('when a claim was never finished (a crash between claim and send)', () => {
      it('stays claimed, so it is never sent by anyone else', async () => {
        const claim = await recorded('2060-01-04T08:00:00Z');
        await sink.claimAcknowledgement(claim, now);
        assert.equal(await sink.claimAcknowledgement(claim, now), false);
        assert.equal((await row(claim))?.state, 'claimed');
      });
    });

    context('when another item claims an application number already acknowledged', () => {
      it('refuses it: one acknowledgement per application', async () => {
        const first = await recorded('2060-01-05T08:00:00Z');
        const other = await recorded('2060-01-05T09:00:00Z');
        assert.equal(await sink.claimAcknowledgement(first, now), true);
        assert.equal(await sink.claimAcknowledgement({ ...other, applicationNumber: first.applicationNumber }, now), false);
      });
    });

    context('when the item was never recorded', () => {
      it('refuses the claim with INTAKE_DB_REJECTED', async () => {
        await assert.rejects(sink.claimAcknowledgement({ itemId: 'email:never-recorded', channel: 'email', applicationNumber: '2060-999999' }, now), (e: unknown) => e instanceof IntakeError && e.code === 'INTAKE_DB_REJECTED' && !e.retriable);
      });
    });

    if (backend.name.startsWith('PostgreSQL')) context('when two daemons claim the same acknowledgement at once', () => {
      it('gives it to exactly one of them', async () => {
        const other = await openDb(options);
        try {
          const otherSink = createSink(other.db);
          const claim = await recorded('2060-01-06T08:00:00Z');
          const results = await Promise.all([sink, otherSink, sink, otherSink].map((s) => s.claimAcknowledgement(claim, now)));
          assert.equal(results.filter(Boolean).length, 1);
        } finally {
          await other.db.close();
        }
      });
    });
  });
}
