/** The daemon runs the reports API over its own sink, behind operator tokens (real Kafka, real PostgreSQL). */
import assert from 'node:assert/strict';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import pg from 'pg';
import { pino } from 'pino';
import { startDaemon, type RunningDaemon } from '../../cli/daemon.js';
import { loadConfig, type Config } from '../../runtime/config.js';
import { openSink } from '../../sink/index.js';
import { decision } from '../sink/decision-fixture.js';
import { databaseUrl, dropSchema, runId, testBrokers } from '../support/infra.js';

describe('daemon reports API (real Kafka, real PostgreSQL)', function () {
  this.timeout(180_000);
  const id = runId('daemon_reports');
  const work = mkdtempSync(join(tmpdir(), 'intake-daemon-reports-'));
  const now = new Date('2026-03-10T00:00:00.000Z');
  const token = 'daemon-reports-token-0123456789';
  const bearer = { authorization: `Bearer ${token}` };
  let brokers: string[];
  let stopBrokers: () => Promise<void>;

  // Ports 0, this run's own topics and schema, and no consumer group to join: only the reports
  // API is under test here.
  const testConfig = (): Config => {
    const config = loadConfig({
      file: null,
      env: { INTAKE_DATA_DIR: work, KAFKA_BROKERS: brokers.join(','), DATABASE_URL: databaseUrl, INTAKE_DB_SCHEMA: id, INTAKE_WEBFORM_PORT: '0', INTAKE_REPORTS_PORT: '0', INTAKE_OPERATOR_TOKENS: `test=${token}` },
    });
    const topics = Object.fromEntries(Object.keys(config.kafka.topics).map((name) => [name, `${id}.${name}`])) as Config['kafka']['topics'];
    return { ...config, kafka: { ...config.kafka, topics, partitions: 1 }, normalizer: { ...config.normalizer, enabled: false } };
  };

  before(async () => {
    ({ brokers, stop: stopBrokers } = await testBrokers());
  });

  after(async () => {
    await stopBrokers?.();
    await dropSchema(id);
    rmSync(work, { recursive: true, force: true });
  });

  context('when reports are enabled (the default)', () => {
    let daemon: RunningDaemon | null = null;

    before(async () => {
      daemon = await startDaemon(testConfig(), pino({ level: 'silent' }), { now: () => now });
      await daemon.sink.record(decision('crm', '2026-03-02T09:00:00Z'), now);
    });

    after(async () => {
      await daemon?.stop();
    });

    it('serves GET /v1/reports from the daemon sink, judged at the daemon clock', async () => {
      const endpoint = daemon?.reports?.endpoint();
      assert.match(endpoint ?? '', /^http:\/\/127\.0\.0\.1:\d+$/);
      const response = await fetch(`${endpoint}/v1/reports?by=unit&from=2026-03-01&to=2026-04-01`, { headers: bearer });
      assert.equal(response.status, 200);
      const doc = (await response.json()) as { generatedAt: string; total: { total: number; overdue: number } };
      assert.deepEqual([doc.generatedAt, doc.total.total, doc.total.overdue], [now.toISOString(), 1, 1]);
    });

    it('refuses a request without an operator token', async () => {
      const response = await fetch(`${daemon?.reports?.endpoint()}/v1/reports?by=unit`);
      assert.equal(response.status, 401);
    });

    it('serves the overview with the Kafka gauges of the bus', async () => {
      const response = await fetch(`${daemon?.reports?.endpoint()}/v1/overview?hours=1`, { headers: bearer });
      assert.equal(response.status, 200);
      const doc = (await response.json()) as { kafka: { lag: Array<{ group: string; lag: number }> | null } | null };
      // The groups of the stages this daemon runs (the normalizer is off here), read from Kafka.
      assert.deepEqual(doc.kafka?.lag, [{ group: 'intake-ocr', lag: 0 }, { group: 'intake-transcription', lag: 0 }]);
    });

    it('stops the reports API with the daemon', async () => {
      const endpoint = daemon?.reports?.endpoint();
      await daemon?.stop();
      daemon = null;
      await assert.rejects(fetch(`${endpoint}/healthz`));
    });
  });

  context('when reports.databaseUrl names a role that may only read', () => {
    const role = `${id}_reader`;
    let daemon: RunningDaemon | null = null;
    const admin = async (sql: string): Promise<Array<Record<string, unknown>>> => {
      const client = new pg.Client({ connectionString: databaseUrl });
      await client.connect();
      try {
        return (await client.query<Record<string, unknown>>(sql)).rows;
      } finally {
        await client.end();
      }
    };

    before(async () => {
      // The daemon migrates at its start, before the reports open; the grants need the tables first.
      await (await openSink({ databaseUrl, embeddedDir: null, pgSchema: id })).close();
      await admin(`CREATE ROLE ${role} LOGIN`);
      await admin(`GRANT USAGE ON SCHEMA ${id} TO ${role}`);
      await admin(`GRANT SELECT ON ALL TABLES IN SCHEMA ${id} TO ${role}`);
      const config = testConfig();
      const url = new URL(databaseUrl);
      url.username = role;
      daemon = await startDaemon({ ...config, reports: { ...config.reports, databaseUrl: url.toString() } }, pino({ level: 'silent' }), { now: () => now });
    });

    after(async () => {
      await daemon?.stop();
      await dropSchema(id);
      await admin(`DROP ROLE IF EXISTS ${role}`);
    });

    it('reads the reports through that role', async () => {
      const response = await fetch(`${daemon?.reports?.endpoint()}/v1/reports?by=unit&from=2026-03-01&to=2026-04-01`, { headers: bearer });
      assert.equal(response.status, 200);
      assert.equal(((await response.json()) as { total: { total: number } }).total.total, 1);
      const sessions = await admin(`SELECT usename FROM pg_stat_activity WHERE application_name = 'gas-intake-reports' AND usename = '${role}'`);
      assert.ok(sessions.length > 0);
    });
  });

  context('when reports.enabled is false', () => {
    it('starts no reports server', async () => {
      const config = testConfig();
      const daemon = await startDaemon({ ...config, reports: { ...config.reports, enabled: false } }, pino({ level: 'silent' }));
      try {
        assert.equal(daemon.reports, null);
      } finally {
        await daemon.stop();
      }
    });
  });
});
