/**
 * The daemon's operator endpoints on the reports port, wired to every stage (real Kafka, real
 * PostgreSQL): an application posted to the web form shows in `/metrics`, `/readyz` names each
 * stage, `/healthz` needs no token.
 */
import assert from 'node:assert/strict';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { pino } from 'pino';
import { startDaemon, type RunningDaemon } from '../../cli/daemon.js';
import { loadConfig, type Config } from '../../runtime/config.js';
import { databaseUrl, dropSchema, runId, testBrokers } from '../support/infra.js';
import { parseExposition, sampleValue } from '../support/prometheus-text.js';
import { waitFor } from '../support/wait-for.js';

describe('daemon operator endpoints (real Kafka, real PostgreSQL)', function () {
  this.timeout(180_000);
  const id = runId('daemon_operator');
  const work = mkdtempSync(join(tmpdir(), 'intake-daemon-operator-'));
  const token = 'daemon-operator-token-0123456789';
  const bearer = { authorization: `Bearer ${token}` };
  let stopBrokers: () => Promise<void>;
  let daemon: RunningDaemon | null = null;

  before(async () => {
    let brokers: string[];
    ({ brokers, stop: stopBrokers } = await testBrokers());
    const config = loadConfig({
      file: null,
      env: { INTAKE_DATA_DIR: work, KAFKA_BROKERS: brokers.join(','), DATABASE_URL: databaseUrl, INTAKE_DB_SCHEMA: id, INTAKE_WEBFORM_PORT: '0', INTAKE_REPORTS_PORT: '0', INTAKE_OPERATOR_TOKENS: `prometheus=${token}` },
    });
    const topics = Object.fromEntries(Object.keys(config.kafka.topics).map((name) => [name, `${id}.${name}`])) as Config['kafka']['topics'];
    daemon = await startDaemon({
      ...config,
      kafka: { ...config.kafka, topics, partitions: 1 },
      normalizer: { ...config.normalizer, consumerGroup: `${id}-normalizer`, sessionTimeoutMs: 6000 },
      transcription: { ...config.transcription, enabled: false },
      ocr: { ...config.ocr, enabled: false },
    }, pino({ level: 'silent' }));
  });

  after(async () => {
    await daemon?.stop();
    await stopBrokers?.();
    await dropSchema(id);
    rmSync(work, { recursive: true, force: true });
  });

  const reports = (): string => daemon?.reports?.endpoint() ?? '';
  const webform = (): string => daemon?.connectors.find((c) => c.id === 'webform')?.endpoint?.() ?? '';

  it('answers /healthz without a token, and /readyz and /metrics only with one', async () => {
    assert.equal((await fetch(`${reports()}/healthz`)).status, 200);
    assert.equal((await fetch(`${reports()}/readyz`)).status, 401);
    assert.equal((await fetch(`${reports()}/metrics`)).status, 401);
  });

  it('is ready once the normalizer joined, with Kafka and the database checked and the disabled stages left aside', async () => {
    const stages = await waitFor('every stage ready', async () => {
      const response = await fetch(`${reports()}/readyz`, { headers: bearer });
      return response.status === 200 ? (await response.json() as { stages: Record<string, string> }).stages : null;
    }, 60_000, 200);
    assert.deepEqual(
      [stages.kafka, stages.database, stages.capture, stages['capture:webform'], stages.normalizer, stages.ocr, stages.transcription, stages.media, stages.acknowledgements],
      ['ready', 'ready', 'ready', 'ready', 'ready', 'disabled', 'disabled', 'disabled', 'disabled'],
    );
  });

  it('counts an application from capture to its outcome, and reads the raw queue from Kafka', async () => {
    const response = await fetch(`${webform()}/v1/applications`, {
      method: 'POST', headers: { 'content-type': 'application/json' },
      body: JSON.stringify({ fullName: 'Ayşe Yılmaz', phone: '05321234567', nationalId: '70226422252', description: 'Faturam yüksek geldi.' }),
    });
    assert.equal(response.status, 202);
    const samples = await waitFor('the outcome counted', async () => {
      const scraped = parseExposition(await (await fetch(`${reports()}/metrics`, { headers: bearer })).text());
      return (sampleValue(scraped, 'intake_outcomes_total', { kind: 'crm' }) ?? 0) + (sampleValue(scraped, 'intake_outcomes_total', { kind: 'needs-info' }) ?? 0) >= 1 ? scraped : null;
    }, 60_000, 200);
    assert.equal(sampleValue(samples, 'intake_items_captured_total', { channel: 'webform' }), 1);
    assert.equal(sampleValue(samples, 'intake_stage_duration_seconds_count', { stage: 'record' }), 1);
    assert.equal(sampleValue(samples, 'intake_ready', { stage: 'kafka' }), 1);
    assert.ok(sampleValue(samples, 'intake_queue_depth', { queue: 'raw' }) !== undefined, 'the raw queue read from Kafka');
    assert.ok(sampleValue(samples, 'intake_consumer_lag', { group: `${id}-normalizer`, topic: `${id}.raw`, partition: '0' }) !== undefined);
    assert.ok(samples.some((s) => s.name === 'nodejs_eventloop_lag_seconds'));
  });
});
