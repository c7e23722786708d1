/**
 * `intake report` reads, never migrates: against a schema that is missing or behind it stops with
 * INTAKE_DB_NOT_MIGRATED and changes nothing, and it runs as a PostgreSQL role that may only SELECT
 * (`reports.databaseUrl`, INTAKE_REPORTS_DATABASE_URL).
 */
import assert from 'node:assert/strict';
import { spawnSync } from 'node:child_process';
import { join } from 'node:path';
import pg from 'pg';
import { openSink } from '../../sink/index.js';
import { decision } from '../sink/decision-fixture.js';
import { databaseUrl, dropSchema, repoRoot, runId } from '../support/infra.js';

function intake(env: Record<string, string>, ...args: string[]): { status: number | null; stdout: string; stderr: string } {
  const run = spawnSync(process.execPath, [join(repoRoot, 'bin/intake.js'), 'report', ...args], { encoding: 'utf8', env: { PATH: process.env.PATH ?? '', ...env } });
  return { status: run.status, stdout: run.stdout, stderr: run.stderr };
}

/** Runs statements as the test database's superuser. */
async function admin<R extends pg.QueryResultRow>(sql: string, params: unknown[] = []): Promise<R[]> {
  const client = new pg.Client({ connectionString: databaseUrl });
  await client.connect();
  try {
    return (await client.query<R>(sql, params)).rows;
  } finally {
    await client.end();
  }
}

async function tablesIn(schema: string): Promise<string[]> {
  const rows = await admin<{ table_name: string }>('SELECT table_name FROM information_schema.tables WHERE table_schema = $1 ORDER BY 1', [schema]);
  return rows.map((r) => r.table_name);
}

/** The test database's URL as another role (trust auth on 127.0.0.1). */
function urlAs(role: string): string {
  const url = new URL(databaseUrl);
  url.username = role;
  url.password = '';
  return url.toString();
}

describe('intake report and the database schema', function () {
  this.timeout(60_000);

  context('when the schema was never migrated', () => {
    const schema = runId('report_unmigrated');

    after(async () => {
      await dropSchema(schema);
    });

    it('exits 1 with INTAKE_DB_NOT_MIGRATED and leaves an empty schema empty', async () => {
      await admin(`CREATE SCHEMA ${schema}`);
      const run = intake({ DATABASE_URL: databaseUrl, INTAKE_DB_SCHEMA: schema }, '--by', 'unit');
      assert.equal(run.status, 1);
      assert.match(run.stderr, /INTAKE_DB_NOT_MIGRATED: schema report_unmigrated_\w+ of the CRM database has no intake tables: start the daemon once/);
      assert.equal(run.stdout, '');
      assert.deepEqual(await tablesIn(schema), []);
    });

    it('does not create a schema that is not there', async () => {
      const missing = runId('report_missing');
      const run = intake({ DATABASE_URL: databaseUrl, INTAKE_DB_SCHEMA: missing }, '--by', 'unit');
      assert.equal(run.status, 1);
      assert.match(run.stderr, /INTAKE_DB_NOT_MIGRATED/);
      assert.deepEqual(await admin('SELECT 1 FROM information_schema.schemata WHERE schema_name = $1', [missing]), []);
    });
  });

  context('when the schema is behind this version', () => {
    const schema = runId('report_behind');

    after(async () => {
      await dropSchema(schema);
    });

    it('names the pending migration and does not run it', async () => {
      const sink = await openSink({ databaseUrl, embeddedDir: null, pgSchema: schema });
      await sink.close();
      const [last] = await admin<{ name: string }>(`SELECT name FROM ${schema}.schema_migrations ORDER BY name DESC LIMIT 1`);
      await admin(`DELETE FROM ${schema}.schema_migrations WHERE name = $1`, [last?.name]);
      const run = intake({ DATABASE_URL: databaseUrl, INTAKE_DB_SCHEMA: schema }, '--by', 'unit');
      assert.equal(run.status, 1);
      assert.match(run.stderr, new RegExp(`is behind this version \\(pending: ${(last?.name ?? '').replace('.', '\\.')}\\)`));
      assert.deepEqual(await admin(`SELECT 1 FROM ${schema}.schema_migrations WHERE name = $1`, [last?.name]), []);
    });
  });

  context('as a PostgreSQL role that may only read (INTAKE_REPORTS_DATABASE_URL)', () => {
    const schema = runId('report_ro');
    const reader = `${schema}_reader`;
    const stranger = `${schema}_stranger`;

    before(async () => {
      const sink = await openSink({ databaseUrl, embeddedDir: null, pgSchema: schema });
      try {
        const at = new Date('2026-03-10T00:00:00Z');
        await sink.record(decision('crm', '2026-03-02T09:00:00Z'), at);
        await sink.record(decision('crm', '2026-03-03T09:00:00Z', { unit: 'emergency-response' }), at);
      } finally {
        await sink.close();
      }
      await admin(`CREATE ROLE ${reader} LOGIN`);
      await admin(`GRANT USAGE ON SCHEMA ${schema} TO ${reader}`);
      await admin(`GRANT SELECT ON ALL TABLES IN SCHEMA ${schema} TO ${reader}`);
      // Allowed into the schema, but not to read its tables.
      await admin(`CREATE ROLE ${stranger} LOGIN`);
      await admin(`GRANT USAGE ON SCHEMA ${schema} TO ${stranger}`);
    });

    after(async () => {
      await dropSchema(schema);
      for (const role of [reader, stranger]) await admin(`DROP ROLE IF EXISTS ${role}`);
    });

    it('reports with no DATABASE_URL at all, the role being all it has', async () => {
      const run = intake({ INTAKE_REPORTS_DATABASE_URL: urlAs(reader), INTAKE_DB_SCHEMA: schema }, '--by', 'unit', '--from', '2026-03-01', '--format', 'json');
      assert.equal(run.status, 0, run.stderr);
      const doc = JSON.parse(run.stdout) as { rows: Array<{ key: string; total: number }>; total: { total: number } };
      assert.deepEqual(doc.rows.map((r) => [r.key, r.total]), [['emergency-response', 1], ['Müşteri Hizmetleri', 1]]);
      assert.equal(doc.total.total, 2);
    });

    it('prefers it to DATABASE_URL', async () => {
      const run = intake({ DATABASE_URL: 'postgres://nobody@127.0.0.1:1/none', INTAKE_REPORTS_DATABASE_URL: urlAs(reader), INTAKE_DB_SCHEMA: schema }, '--by', 'region');
      assert.equal(run.status, 0, run.stderr);
    });

    it('says which GRANT is missing when the role may not read the tables', () => {
      const run = intake({ INTAKE_REPORTS_DATABASE_URL: urlAs(stranger), INTAKE_DB_SCHEMA: schema }, '--by', 'unit');
      assert.equal(run.status, 1);
      assert.match(run.stderr, new RegExp(`INTAKE_DB_NOT_MIGRATED: the reports database user may not read .*GRANT USAGE ON SCHEMA ${schema} and SELECT ON ALL TABLES IN SCHEMA ${schema}`));
    });
  });
});
