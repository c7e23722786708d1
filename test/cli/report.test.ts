/** `intake report` as a user runs it: the real executable against PostgreSQL and the embedded database. */
import assert from 'node:assert/strict';
import { spawnSync } from 'node:child_process';
import { mkdirSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { openSink, type Sink } from '../../sink/index.js';
import { databaseUrl, dropSchema, repoRoot, runId } from '../support/infra.js';
import { decision } from '../sink/decision-fixture.js';

const recordedAt = new Date('2026-03-10T00:00:00.000Z');
const oddUnit = 'Sayaç, "Okuma" Birimi';
const march = ['--from', '2026-03-01', '--to', '2026-04-01'];

function intake(env: Record<string, string>, ...args: string[]): { status: number | null; stdout: string; stderr: string } {
  const run = spawnSync(process.execPath, [join(repoRoot, 'bin/intake.js'), 'report', ...args], { encoding: 'utf8', env: { PATH: process.env.PATH ?? '', ...env } });
  return { status: run.status, stdout: run.stdout, stderr: run.stderr };
}

describe('intake report', function () {
  this.timeout(60_000);

  describe('on PostgreSQL (DATABASE_URL, INTAKE_DB_SCHEMA)', () => {
    const schema = runId('report_cli');
    const env = { DATABASE_URL: databaseUrl, INTAKE_DB_SCHEMA: schema };
    let sink: Sink;

    before(async () => {
      sink = await openSink({ databaseUrl, embeddedDir: null, pgSchema: schema });
      await sink.record(decision('crm', '2026-03-02T09:00:00Z'), recordedAt);
      await sink.record(decision('crm', '2026-03-03T09:00:00Z'), recordedAt);
      await sink.record(decision('crm', '2026-03-04T09:00:00Z', { unit: oddUnit }), recordedAt);
      // Outside March in Istanbul: 2026-04-01 00:30 there.
      await sink.record(decision('crm', '2026-03-31T21:30:00Z'), recordedAt);
    });

    after(async () => {
      await sink?.close();
      await dropSchema(schema);
    });

    context('when asked for JSON', () => {
      it('prints { by, from, to, generatedAt, rows, total } and exits 0', () => {
        const run = intake(env, '--by', 'unit', ...march, '--format', 'json');
        assert.equal(run.status, 0, run.stderr);
        const doc = JSON.parse(run.stdout) as { by: string; from: string; to: string; generatedAt: string; rows: Array<{ key: string; total: number }>; total: { key: string; total: number } };
        assert.deepEqual(Object.keys(doc), ['by', 'from', 'to', 'generatedAt', 'rows', 'total']);
        assert.deepEqual([doc.by, doc.from, doc.to], ['unit', '2026-02-28T21:00:00.000Z', '2026-03-31T21:00:00.000Z']);
        assert.ok(!Number.isNaN(Date.parse(doc.generatedAt)));
        assert.deepEqual(doc.rows.map((r) => [r.key, r.total]), [['Müşteri Hizmetleri', 2], [oddUnit, 1]]);
        assert.deepEqual([doc.total.key, doc.total.total], ['(total)', 3]);
      });
    });

    context('when asked for CSV', () => {
      it('quotes a key holding a comma and quotes, RFC 4180, with a header', () => {
        const run = intake(env, '--by', 'unit', ...march, '--format', 'csv');
        assert.equal(run.status, 0, run.stderr);
        const lines = run.stdout.split('\r\n');
        assert.equal(lines[0], 'unit,total,crm,needsInfo,archiveOnly,ignored,emergencies,linkedDuplicates,open,overdue,medianResolutionHours');
        assert.ok(lines[2]?.startsWith('"Sayaç, ""Okuma"" Birimi",1,1,'), lines[2]);
        assert.ok(lines[3]?.startsWith('(total),3,3,'), lines[3]);
        assert.equal(lines[4], '');
      });
    });

    context('when no format is given', () => {
      it('prints an aligned table', () => {
        const run = intake(env, '--by', 'unit', ...march);
        assert.equal(run.status, 0, run.stderr);
        const lines = run.stdout.split('\n');
        const heading = lines.findIndex((line) => line.startsWith('unit '));
        assert.ok(heading > 0, run.stdout);
        // Every count column ends where its heading ends.
        const totalEnd = (lines[heading] ?? '').indexOf('total') + 'total'.length;
        assert.equal(lines[heading + 2]?.slice(0, totalEnd), `${'Müşteri Hizmetleri'.padEnd(totalEnd - 1)}2`);
      });
    });

    context('when --by is not a dimension', () => {
      it('exits 2 naming the flag, printing nothing on stdout', () => {
        const run = intake(env, '--by', 'district');
        assert.equal(run.status, 2);
        assert.match(run.stderr, /--by must be one of: region, unit, topic, channel/);
        assert.equal(run.stdout, '');
      });
    });

    context('when a date or the format is bad', () => {
      it('exits 2 naming each bad flag', () => {
        const run = intake(env, '--by', 'unit', '--from', '2026-02-30', '--to', 'tomorrow', '--format', 'xml');
        assert.equal(run.status, 2);
        for (const flag of ['--from', '--to', '--format']) assert.match(run.stderr, new RegExp(`${flag} must`));
      });
    });

    context('when --by is missing', () => {
      it('exits 2', () => {
        assert.equal(intake(env).status, 2);
      });
    });
  });

  describe('on the embedded database under dataDir', () => {
    let work: string;

    beforeEach(() => {
      work = mkdtempSync(join(tmpdir(), 'intake-report-'));
    });

    afterEach(() => {
      rmSync(work, { recursive: true, force: true });
    });

    context('when the daemon is not running', () => {
      it('reads dataDir/db, as the daemon writes it', async () => {
        const sink = await openSink({ databaseUrl: null, embeddedDir: join(work, 'db') });
        await sink.record(decision('crm', '2026-03-02T09:00:00Z'), recordedAt);
        await sink.close();
        const run = intake({ INTAKE_DATA_DIR: work }, '--by', 'region', '--format', 'json');
        assert.equal(run.status, 0, run.stderr);
        assert.deepEqual((JSON.parse(run.stdout) as { rows: Array<{ key: string }> }).rows.map((r) => r.key), ['Kadıköy']);
      });
    });

    context('when another process holds the data dir', () => {
      it('exits 1 pointing at the HTTP API and DATABASE_URL', () => {
        // What a running daemon leaves: a PostgreSQL data dir and our lock naming a live process.
        mkdirSync(join(work, 'db'));
        writeFileSync(join(work, 'db', 'PG_VERSION'), '17\n');
        writeFileSync(join(work, 'db', 'gas-intake-sink.lock'), String(process.pid));
        const run = intake({ INTAKE_DATA_DIR: work, INTAKE_REPORTS_PORT: '9181' }, '--by', 'unit');
        assert.equal(run.status, 1);
        assert.match(run.stderr, new RegExp(`pid ${process.pid}`));
        assert.match(run.stderr, /GET http:\/\/127\.0\.0\.1:9181\/v1\/reports\?by=unit/);
        assert.match(run.stderr, /DATABASE_URL/);
        assert.equal(run.stdout, '');
      });
    });

    context('when there is no embedded database yet', () => {
      it('exits 1 saying so instead of creating an empty one', () => {
        const run = intake({ INTAKE_DATA_DIR: work }, '--by', 'unit');
        assert.equal(run.status, 1);
        assert.match(run.stderr, /no embedded database in .*db/);
      });
    });
  });
});
