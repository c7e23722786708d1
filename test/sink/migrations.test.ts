import assert from 'node:assert/strict';
import { IntakeError } from '../../runtime/errors.js';
import { openSink, type SinkOptions } from '../../sink/index.js';
import type { Db } from '../../sink/db.js';
import { migrate } from '../../sink/migrate.js';
import { loadMigrations, type Migration } from '../../sink/migration-files.js';
import { openDb } from '../../sink/open-db.js';
import { findApplication } from '../../sink/applications-table.js';
import { recordDecision } from '../../sink/record-decision.js';
import { backends, type Backend } from './backends.js';
import { decision, itemId } from './decision-fixture.js';

async function appliedNames(db: Db): Promise<string[]> {
  return (await db.query<{ name: string }>('SELECT name FROM schema_migrations ORDER BY name')).map((r) => r.name);
}

async function tableExists(db: Db, table: string): Promise<boolean> {
  const [row] = await db.query<{ found: string | null }>('SELECT to_regclass($1)::text AS found', [table]);
  return row?.found !== null && row?.found !== undefined;
}

describe('migrations', () => {
  let shipped: Migration[];

  before(async () => {
    shipped = await loadMigrations();
  });

  describe('loadMigrations', () => {
    it('finds the shipped .sql files from the compiled code, in order', () => {
      assert.equal(shipped[0]?.name, '001_init.sql');
      assert.deepEqual(shipped.map((m) => m.name), [...shipped.map((m) => m.name)].sort());
    });
  });

  for (const backend of backends()) {
    describe(`migrate on ${backend.name}`, () => {
      let options: SinkOptions;
      let db: Db;
      let schema: string | null;

      before(async () => {
        options = await backend.prepare();
        ({ db, schema } = await openDb(options));
      });

      after(async () => {
        await db?.close();
        await backend.cleanup();
      });

      context('when run twice', () => {
        it('applies every migration once and then nothing', async () => {
          assert.deepEqual(await migrate(db, shipped, schema), shipped.map((m) => m.name));
          assert.deepEqual(await migrate(db, shipped, schema), []);
          assert.deepEqual(await appliedNames(db), shipped.map((m) => m.name));
        });
      });

      context('when records were written before the decision became json (007)', () => {
        it('reads each back as it was recorded, and the unqueried indexes are gone', async () => {
          const before007 = shipped.filter((m) => m.name < '007');
          const own = backends().find((b) => b.name === backend.name) as Backend;
          const fresh = await openDb(await own.prepare());
          try {
            await migrate(fresh.db, before007, fresh.schema);
            const recorded = decision('crm', '2026-03-10T09:00:00.000Z', { itemId: itemId('before-007') });
            await recordDecision(fresh.db, recorded, new Date('2026-03-10T09:00:01.000Z'));
            assert.deepEqual(await migrate(fresh.db, shipped, fresh.schema), shipped.filter((m) => m.name >= '007').map((m) => m.name));
            assert.deepEqual((await findApplication(fresh.db, recorded.itemId))?.decision, recorded);
            const [column] = await fresh.db.query<{ type: string }>(`SELECT data_type AS type FROM information_schema.columns WHERE table_name = 'applications' AND column_name = 'decision' AND table_schema = current_schema()`);
            assert.equal(column?.type, 'json');
            for (const index of ['unit', 'topic', 'district', 'channel', 'kind']) assert.equal(await tableExists(fresh.db, `applications_${index}_idx`), false);
          } finally {
            await fresh.db.close();
            await own.cleanup();
          }
        });
      });

      context('when a migration fails half-way', () => {
        const broken: Migration = { name: '900_broken.sql', sql: 'CREATE TABLE broken_probe (x int);\nSELECT 1/0;' };

        it('reports INTAKE_DB_MIGRATION_FAILED naming it, and leaves no trace of it', async () => {
          await assert.rejects(migrate(db, [...shipped, broken], schema), (error: unknown) => {
            assert.ok(error instanceof IntakeError);
            assert.equal(error.code, 'INTAKE_DB_MIGRATION_FAILED');
            assert.equal(error.details.migration, '900_broken.sql');
            return true;
          });
          assert.equal(await tableExists(db, 'broken_probe'), false);
          assert.deepEqual(await appliedNames(db), shipped.map((m) => m.name));
        });

        it('applies the fixed migration on the next start', async () => {
          const fixed = { ...broken, sql: 'CREATE TABLE broken_probe (x int);' };
          assert.deepEqual(await migrate(db, [...shipped, fixed], schema), ['900_broken.sql']);
          assert.equal(await tableExists(db, 'broken_probe'), true);
        });
      });
    });
  }

  describe('on PostgreSQL, when two processes start at once on an empty schema', () => {
    const [postgres] = backends();
    after(async () => {
      await postgres?.cleanup();
    });

    it('lets both start, and migrates once', async () => {
      assert.ok(postgres !== undefined);
      const options = await postgres.prepare();
      const sinks = await Promise.all([openSink(options), openSink(options), openSink(options)]);
      try {
        const { db } = await openDb(options);
        try {
          assert.deepEqual(await appliedNames(db), shipped.map((m) => m.name));
        } finally {
          await db.close();
        }
      } finally {
        await Promise.all(sinks.map((s) => s.close()));
      }
    });
  });

  describe('on embedded PGlite, when a second sink opens a dir already in use', () => {
    const dirBackend = backends()[2];
    after(async () => {
      await dirBackend?.cleanup();
    });

    it('refuses with INTAKE_INFRA_FAILED instead of sharing it', async () => {
      assert.ok(dirBackend !== undefined && dirBackend.persistent);
      const options = await dirBackend.prepare();
      const first = await openSink(options);
      try {
        await assert.rejects(openSink(options), (error: unknown) => error instanceof IntakeError && error.code === 'INTAKE_INFRA_FAILED');
      } finally {
        await first.close();
      }
      const again = await openSink(options);
      await again.close();
    });
  });
});
