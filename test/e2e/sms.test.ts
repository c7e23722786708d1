/**
 * SMS end to end on real infrastructure: `intake daemon` as a child process with the Twilio
 * webhook behind a "proxy" (Twilio calls the public URL; the request reaches the local port), a
 * real Kafka broker and the real PostgreSQL. The fixtures are posted as Twilio posts them, signed
 * over the public URL (`intake replay`), and each lands as `intake check` decides it, once.
 */
import assert from 'node:assert/strict';
import { mkdtempSync, readFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { checkFile } from '../../cli/check.js';
import { replayDir } from '../../cli/replay.js';
import { twilioReplayTarget } from '../../connectors/twilio/replay.js';
import { loadConfig } from '../../runtime/config.js';
import { openSink, type Sink } from '../../sink/index.js';
import { consumerLag } from '../support/consumer-lag.js';
import { freePort, startDaemonProcess, stopDaemonProcess, type DaemonProcess } from '../support/daemon-process.js';
import { runEnv, writeRunConfig } from '../support/e2e-run.js';
import type { Expected } from '../support/fixtures.js';
import { fixturesRoot } from '../support/fixtures.js';
import { databaseUrl, runId, testBrokers } from '../support/infra.js';
import { runTopics } from '../support/run-topics.js';
import { readTopics, type TopicReader } from '../support/topic-reader.js';
import { waitFor } from '../support/wait-for.js';

const authToken = 'e2e-twilio-auth-token-0123456789';

describe('SMS end to end (Twilio webhook, real Kafka, PostgreSQL)', function () {
  this.timeout(240_000);
  const id = runId('sms');
  const topics = runTopics(id);
  const work = mkdtempSync(join(tmpdir(), 'intake-sms-'));
  const configFile = join(work, 'intake.json');
  const dir = join(fixturesRoot, 'sms');
  let stopBrokers: () => Promise<void>;
  let brokers: string[];
  let sink: Sink;
  let reader: TopicReader;
  let daemon: DaemonProcess | null = null;
  let env: Record<string, string>;
  let results: Awaited<ReturnType<typeof replayDir>>;

  before(async () => {
    ({ brokers, stop: stopBrokers } = await testBrokers());
    writeRunConfig(configFile, { id, work, topics }, {
      // The media URLs of the fixtures name api.twilio.com, which this machine does not reach: the
      // media workers give up on each at once, and the MMS is recorded with notes in their place.
      connectors: { twilio: { enabled: true, port: await freePort(), publicBaseUrl: 'https://intake.example.com/hooks', accountSid: `AC${'0'.repeat(32)}`, media: { consumerGroup: `${id}-media`, timeoutMs: 1000, attempts: 1 } } },
    });
    env = runEnv(id, brokers, { INTAKE_TWILIO_AUTH_TOKEN: authToken });
    sink = await openSink({ databaseUrl, embeddedDir: null, pgSchema: id });
    daemon = await startDaemonProcess({ configFile, env, port: await freePort(), logFile: join(work, 'daemon.log') });
    reader = await readTopics(brokers, [topics.emergency, topics.crm, topics.needsInfo, topics.ignored, topics.deadLetter]);
    const config = loadConfig({ file: configFile, env });
    results = await replayDir(dir, { endpoint: '', staffApiKey: null, mailbox: null, twilio: twilioReplayTarget(config.connectors.twilio) });
  });

  after(async () => {
    await stopDaemonProcess(daemon);
    await reader?.stop();
    await sink?.close();
    await stopBrokers?.();
  });

  it('answers each signed payload as its fixture says, and records each accepted one once, as `intake check` decides it', async () => {
    const config = loadConfig({});
    assert.ok(results.length >= 12);
    for (const r of results) {
      const name = r.file.slice(dir.length + 1, -'.sms.json'.length);
      const expected = JSON.parse(readFileSync(join(dir, `${name}.expected.json`), 'utf8')) as Expected;
      assert.equal(r.status, expected.status, name);
      if (r.status !== 200) continue;
      const stored = await waitFor(`${name} recorded`, () => sink.get(r.itemId ?? ''), 60_000, 200);
      const checked = await checkFile(r.file, 'sms', config, new Date(), null);
      assert.equal(stored.kind, checked.decision, name);
      assert.equal(stored.emergency, checked.emergency, name);
      if (stored.emergency) assert.ok(reader.messages.some((m) => m.topic === topics.emergency && m.key === r.itemId), `${name}: alert`);
    }
  });

  it('records nothing new when Twilio retries the same messages', async () => {
    const before = await sink.countByKind();
    const config = loadConfig({ file: configFile, env });
    const again = await replayDir(dir, { endpoint: '', staffApiKey: null, mailbox: null, twilio: twilioReplayTarget(config.connectors.twilio) });
    assert.deepEqual(again.map((r) => r.itemId), results.map((r) => r.itemId));
    // Whatever the retries published has been consumed once the normalizer has no lag left.
    await waitFor('the normalizer to catch up', async () => ((await consumerLag(brokers, `${id}-normalizer`, topics.raw)) === 0 ? true : null), 60_000, 100);
    assert.deepEqual(await sink.countByKind(), before);
  });

  it('refuses a request signed over the URL it reached instead of the public one', async () => {
    const config = loadConfig({ file: configFile, env });
    const target = twilioReplayTarget(config.connectors.twilio);
    assert.ok(target !== null);
    const local = await replayDir(dir, { endpoint: '', staffApiKey: null, mailbox: null, twilio: { ...target, publicBaseUrl: target.endpoint } });
    assert.ok(local.every((r) => r.status === 403 || r.status === 413 || r.status === 415), JSON.stringify(local.map((r) => r.status)));
  });
});
