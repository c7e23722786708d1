/**
 * End to end on real infrastructure: `intake daemon` as a child process, a real Kafka broker, the
 * real PostgreSQL. Fixtures travel over HTTP through the web-form connector, the raw topic, the
 * normalizer and the sink; outcomes and dead letters are read back off their topics.
 */
import assert from 'node:assert/strict';
import { mkdtempSync, readFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { spawn } from 'node:child_process';
import fc from 'fast-check';
import { pino } from 'pino';
import { replayDir } from '../../cli/replay.js';
import { readSubscriberFile } from '../../cli/subscriber-file.js';
import { createBus } from '../../runtime/kafka/bus.js';
import type { Bus } from '../../runtime/kafka/types.js';
import { validateEmergencyAlert, validateOutcome } from '../../runtime/schemas.js';
import { openSink, type Sink } from '../../sink/index.js';
import { fixturesRoot, loadFixtures } from '../support/fixtures.js';
import { freePort, startDaemonProcess, stopDaemonProcess, type DaemonProcess } from '../support/daemon-process.js';
import { runEnv, writeRunConfig } from '../support/e2e-run.js';
import { consumerLag } from '../support/consumer-lag.js';
import { formRequest, type GeneratedRequest } from '../support/form-arbitraries.js';
import { databaseUrl, repoRoot, runId, testBrokers } from '../support/infra.js';
import { runTopics } from '../support/run-topics.js';
import { readTopics, type TopicReader } from '../support/topic-reader.js';
import { waitFor } from '../support/wait-for.js';

const staffKey = 'e2e-staff-key-0123456789';

describe('pipeline end to end (real Kafka, real PostgreSQL)', function () {
  this.timeout(240_000);
  const id = runId('e2e');
  const topics = runTopics(id);
  const work = mkdtempSync(join(tmpdir(), 'intake-e2e-'));
  const configFile = join(work, 'intake.json');
  let brokers: string[];
  let stopBrokers: () => Promise<void>;
  let sink: Sink;
  let bus: Bus;
  let reader: TopicReader;
  let daemon: DaemonProcess | null = null;
  let env: Record<string, string>;

  const start = async (): Promise<DaemonProcess> =>
    startDaemonProcess({ configFile, env, port: await freePort(), logFile: join(work, 'daemon.log') });

  before(async () => {
    ({ brokers, stop: stopBrokers } = await testBrokers());
    writeRunConfig(configFile, { id, work, topics });
    env = runEnv(id, brokers, { INTAKE_STAFF_API_KEYS: `e2e-agent=${staffKey}` });
    // The registry is loaded before the daemon decides anything, as an operator would.
    sink = await openSink({ databaseUrl, embeddedDir: null, pgSchema: id });
    await sink.importSubscribers(await readSubscriberFile(join(fixturesRoot, 'subscribers/synthetic.json')), new Date());
    daemon = await start();
    bus = createBus({ brokers, clientId: 'e2e', logger: pino({ level: 'silent' }), logLevel: 'silent' });
    reader = await readTopics(brokers, [topics.emergency, topics.crm, topics.needsInfo, topics.archiveOnly, topics.ignored, topics.deadLetter]);
  });

  after(async () => {
    await stopDaemonProcess(daemon);
    await reader?.stop();
    await bus?.close();
    await sink?.close();
    await stopBrokers?.();
  });

  context('when the web-form fixtures are replayed over HTTP', () => {
    const fixtures = loadFixtures('webform', '.http');
    let results: Awaited<ReturnType<typeof replayDir>>;

    before(async () => {
      results = await replayDir(join(fixturesRoot, 'webform'), { endpoint: daemon?.endpoint ?? '', staffApiKey: staffKey, mailbox: null });
    });

    for (const fixture of fixtures) {
      it(`${fixture.name}: answers ${fixture.expected.status}${fixture.expected.status === 202 ? ` and records it as ${fixture.expected.check.decision}` : ' and records nothing'}`, async () => {
        const result = results.find((r) => r.file === fixture.file);
        assert.equal(result?.status, fixture.expected.status, JSON.stringify(result?.body));
        if (fixture.expected.status !== 202) {
          assert.equal(result?.itemId, null);
          return;
        }
        const itemId = result?.itemId ?? '';
        const stored = await waitFor(`${fixture.name} in the database`, () => sink.get(itemId));
        assert.equal(stored.kind, fixture.expected.check.decision);
        assert.deepEqual(stored.reasons, fixture.expected.check.reasons);
        if (stored.kind === 'crm' || stored.kind === 'needs-info') assert.match(stored.applicationNumber ?? '', /^\d{4}-\d{6}$/);
        else assert.equal(stored.applicationNumber, null);

        const outcome = await waitFor(`${fixture.name} outcome`, async () => reader.messages.find((m) => m.key === itemId && m.topic !== topics.deadLetter && m.topic !== topics.emergency));
        const topicOfKind = { crm: topics.crm, 'needs-info': topics.needsInfo, 'archive-only': topics.archiveOnly, ignored: topics.ignored }[stored.kind];
        assert.equal(outcome.topic, topicOfKind);
        const body = JSON.parse(String(outcome.value)) as unknown;
        assert.ok(validateOutcome(body), 'the outcome matches outcome.schema.json');
        assert.equal(body.applicationNumber, stored.applicationNumber);
      });
    }

    it('replaying them again records nothing new (Idempotency-Key)', async () => {
      const before = await sink.countByKind();
      const again = await replayDir(join(fixturesRoot, 'webform'), { endpoint: daemon?.endpoint ?? '', staffApiKey: staffKey, mailbox: null });
      assert.deepEqual(again.map((r) => r.itemId), results.map((r) => r.itemId));
      // Whatever the replay published has been consumed once the normalizer has no lag left.
      await waitFor('the normalizer to catch up', async () => ((await consumerLag(brokers, `${id}-normalizer`, topics.raw)) === 0 ? true : null), 60_000, 100);
      assert.deepEqual(await sink.countByKind(), before);
    });
  });

  context('when an application reports a gas smell', () => {
    it('answers with the 187 message and puts the alert on the emergency topic, recorded for dispatch', async () => {
      const post = (body: object, key: string) => fetch(`${daemon?.endpoint ?? ''}/v1/applications`, { method: 'POST', headers: { 'content-type': 'application/json', 'idempotency-key': key }, body: JSON.stringify(body) });
      const response = await post({ fullName: 'Kerem Aksoy', phone: '05449876543', nationalId: '16408280098', address: 'Kuzguncuk Mah. Üsküdar/İstanbul', description: 'Bodrum katta gaz kacagi var, koku geliyor!' }, `${id}-gas`);
      assert.equal(response.status, 202);
      const answer = (await response.json()) as { itemId: string; emergency: boolean; message: string };
      assert.equal(answer.emergency, true);
      assert.match(answer.message, /187/);
      const alert = await waitFor('the emergency alert', async () => reader.messages.find((m) => m.topic === topics.emergency && m.key === answer.itemId));
      const body = JSON.parse(String(alert.value)) as unknown;
      assert.ok(validateEmergencyAlert(body));
      assert.ok(body.evidence.length > 0);
      const stored = await waitFor('the emergency record', () => sink.get(answer.itemId));
      assert.equal(stored.emergency, true);
      assert.equal(stored.decision.unit, 'emergency-dispatch');
      assert.equal(stored.decision.customer.district, 'Üsküdar');
    });
  });

  context('when the same person sends the same complaint again within the window', () => {
    it('links the repeat to the first record instead of numbering a second application', async () => {
      const post = (body: object, key: string) => fetch(`${daemon?.endpoint ?? ''}/v1/applications`, { method: 'POST', headers: { 'content-type': 'application/json', 'idempotency-key': key }, body: JSON.stringify(body) });
      const person = { fullName: 'Derya Koç', phone: '05057778899', nationalId: '52660684816' };
      const first = (await (await post({ ...person, description: 'Sokağımızdaki kazı iki haftadır kapatılmadı, yol çamur içinde.' }, `${id}-dup-1`)).json()) as { itemId: string };
      const firstRecord = await waitFor('the first record', () => sink.get(first.itemId));
      const again = (await (await post({ ...person, email: 'derya@example.com', description: 'Kazı yapılan sokak hala kapatılmadı, iki haftadır yol çamur.' }, `${id}-dup-2`)).json()) as { itemId: string };
      const repeat = await waitFor('the repeat', () => sink.get(again.itemId));
      assert.equal(repeat.applicationNumber, null);
      assert.deepEqual(repeat.decision.linkedTo, { itemId: first.itemId, applicationNumber: firstRecord.applicationNumber });
      assert.ok(repeat.reasons.includes('DUPLICATE_LINKED'));
    });
  });

  context('when the raw topic carries a message that cannot be processed', () => {
    it('dead-letters it with the original bytes and the error in headers, and goes on with the next', async () => {
      const publisher = bus.publisher();
      const garbage = Buffer.from('not json at all {');
      const invalid = Buffer.from(JSON.stringify({ schemaVersion: 1, itemId: 'nope', nationalId: '70226422252' }));
      // One key for all three, so they share a partition: the valid one must not wait behind the bad ones.
      await publisher.publish(topics.raw, [
        { key: 'poison', value: garbage },
        { key: 'poison', value: invalid },
        { key: 'poison', value: JSON.stringify({ schemaVersion: 1, itemId: 'webform:00000000000000000000000000e2e001', channel: 'webform', receivedAt: '2026-11-24T08:00:00.000Z', connector: 'webform', sourceRef: 'e2e', form: { fullName: 'Ece Tan', phone: '05321234567', nationalId: '70226422252', description: 'Sayaç arızası' }, attachments: [] }) },
      ]);
      await publisher.close();
      const letters = await waitFor('two dead letters', async () => {
        const found = reader.messages.filter((m) => m.topic === topics.deadLetter);
        return found.length >= 2 ? found : null;
      });
      assert.deepEqual(letters[0]?.value, garbage);
      assert.deepEqual(letters[1]?.value, invalid);
      for (const letter of letters) {
        assert.equal(letter.headers['x-error-code'], 'INTAKE_MESSAGE_INVALID');
        assert.equal(letter.headers['x-original-topic'], topics.raw);
        assert.doesNotMatch(letter.headers['x-error-message'] ?? '', /70226422252/);
      }
      const stored = await waitFor('the valid item behind them', () => sink.get('webform:00000000000000000000000000e2e001'));
      assert.equal(stored.kind, 'crm');
    });
  });

  context('when thousands of generated requests arrive, hostile ones among them (finding 1, fuzz)', () => {
    it('records every request it answered 202, and dead-letters none of them', async () => {
      const requests = fc.sample(formRequest, { numRuns: 3000, seed: 20261128 });
      const deadLettersBefore = reader.messages.filter((m) => m.topic === topics.deadLetter).length;
      const accepted: string[] = [];
      const statuses = new Map<number, number>();
      const endpoint = (daemon as DaemonProcess).endpoint;
      let next = 0;
      const client = async (): Promise<void> => {
        for (let n = next++; n < requests.length; n = next++) {
          const { contentType, body } = requests[n] as GeneratedRequest;
          const response = await fetch(`${endpoint}/v1/applications`, { method: 'POST', headers: { 'content-type': contentType, 'idempotency-key': `${id}-fuzz-${n}` }, body: new Uint8Array(body) });
          statuses.set(response.status, (statuses.get(response.status) ?? 0) + 1);
          const answer = (await response.json()) as { itemId?: string };
          if (response.status === 202 && answer.itemId !== undefined) accepted.push(answer.itemId);
        }
      };
      await Promise.all(Array.from({ length: 16 }, client));
      const refused = [...statuses.keys()].filter((status) => status !== 202 && status !== 400 && status !== 415);
      assert.deepEqual(refused, [], `answers other than 202, 400 and 415: ${JSON.stringify([...statuses])}`);
      assert.ok(accepted.length > 1000, `only ${accepted.length} accepted`);
      const wanted = new Set(accepted);
      await waitFor('every accepted fuzz item recorded', async () => {
        const recorded = (await sink.list()).filter((r) => wanted.has(r.itemId)).length;
        return recorded === wanted.size ? recorded : null;
      }, 120_000, 500);
      assert.equal(reader.messages.filter((m) => m.topic === topics.deadLetter).length, deadLettersBefore, 'no accepted item was dead-lettered');
    });
  });

  context('when the daemon is killed with SIGKILL while items are in flight', () => {
    it('records every accepted item exactly once after a restart', async () => {
      // A different person each time, so that duplicate linking (tested above) stays out of this test.
      const form = (n: number) => JSON.stringify({ fullName: 'Deniz Kaya', phone: `0532${String(1_000_000 + n)}`, description: `Yük testi başvurusu ${n}` });
      const keys = Array.from({ length: 200 }, (_, n) => `${id}-kill-${n}`);
      const accepted = new Map<string, string>();
      const post = async (endpoint: string, key: string, n: number): Promise<void> => {
        try {
          const response = await fetch(`${endpoint}/v1/applications`, { method: 'POST', headers: { 'content-type': 'application/json', 'idempotency-key': key }, body: form(n) });
          if (response.status === 202) accepted.set(key, ((await response.json()) as { itemId: string }).itemId);
        } catch {
          // The connection died with the daemon: the client will retry with the same key.
        }
      };
      const first = daemon as DaemonProcess;
      const inFlight = keys.map((key, n) => new Promise<void>((done) => setTimeout(() => void post(first.endpoint, key, n).then(done), n * 10)));
      await waitFor('some items accepted', async () => (accepted.size >= 30 ? true : null), 60_000, 5);
      first.child.kill('SIGKILL');
      await first.exited;
      await Promise.all(inFlight);
      const acceptedBeforeKill = new Map(accepted);
      assert.ok(acceptedBeforeKill.size < keys.length, 'the kill came while items were still arriving');

      daemon = await start();
      // Finding 3: capture answers while the normalizer still waits out the dead member's session.
      const ready = (await (await fetch(`${daemon.endpoint}/readyz`)).json()) as { stages: Record<string, string> };
      assert.deepEqual([ready.stages.capture, ready.stages['capture:webform'], ready.stages.normalizer], ['ready', 'ready', 'starting']);
      // Clients retry what got no answer, with the same Idempotency-Key.
      for (const [n, key] of keys.entries()) if (!accepted.has(key)) await post(daemon.endpoint, key, n);
      assert.equal(accepted.size, keys.length);
      for (const [key, itemId] of acceptedBeforeKill) assert.equal(accepted.get(key), itemId, 'a retried key keeps its item id');

      const ids = [...accepted.values()];
      await waitFor('every accepted item recorded', async () => {
        const rows = await Promise.all(ids.map((itemId) => sink.get(itemId)));
        return rows.every((r) => r !== null) ? rows : null;
      }, 120_000, 500);
      const all = await sink.list();
      const mine = all.filter((r) => ids.includes(r.itemId));
      assert.equal(mine.length, ids.length, 'exactly one record per accepted item');
      const numbers = mine.map((r) => r.applicationNumber);
      assert.equal(new Set(numbers).size, numbers.length, 'application numbers are unique');
    });
  });

  context('when the daemon receives SIGTERM', () => {
    it('stops accepting, drains, commits and exits 0', async () => {
      const running = daemon as DaemonProcess;
      running.child.kill('SIGTERM');
      const { code } = await running.exited;
      assert.equal(code, 0);
      await assert.rejects(fetch(`${running.endpoint}/healthz`));
    });
  });

  context('when SIGTERM arrives while the normalizer is still rejoining after a crash', () => {
    it('exits 0 and consumes nothing after it stopped', async () => {
      const first = await start();
      await waitFor('the normalizer to join', async () => ((await fetch(`${first.endpoint}/readyz?stage=normalizer`)).ok ? true : null), 60_000, 100);
      first.child.kill('SIGKILL');
      await first.exited;
      const logFile = join(work, 'rejoining.log');
      const second = await startDaemonProcess({ configFile, env, port: await freePort(), logFile });
      const ready = (await (await fetch(`${second.endpoint}/readyz`)).json()) as { stages: Record<string, string> };
      assert.equal(ready.stages.normalizer, 'starting');
      second.child.kill('SIGTERM');
      assert.equal((await second.exited).code, 0);
      const afterStop = readFileSync(logFile, 'utf8').split('"msg":"stopped"')[1] ?? '';
      assert.doesNotMatch(afterStop, /joined the group|"msg":"decided"|dead-lettered/);
    });
  });

  context('finding 8: when SIGTERM arrives during start-up', () => {
    it('stops what has started and exits 0 instead of dying mid-way', async () => {
      // Nothing listens at this broker address, so start-up is still trying to reach Kafka. The log is on stderr.
      const child = spawn(process.execPath, [join(repoRoot, 'bin/intake.js'), 'daemon', '--config', configFile], {
        env: { PATH: process.env.PATH ?? '', ...env, KAFKA_BROKERS: `127.0.0.1:${await freePort()}`, INTAKE_WEBFORM_PORT: String(await freePort()), INTAKE_REPORTS_PORT: '0' },
        stdio: ['ignore', 'pipe', 'pipe'],
      });
      let output = '';
      child.stderr.on('data', (chunk: Buffer) => { output += chunk.toString('utf8'); });
      const exited = new Promise<number | null>((done) => child.once('exit', (code) => done(code)));
      await waitFor('the daemon to say it is starting', async () => (output.includes('"msg":"starting"') ? true : null), 30_000, 20);
      child.kill('SIGTERM');
      assert.equal(await exited, 0);
      assert.match(output, /"msg":"stopped"/);
    });
  });

  context('after all of it', () => {
    it('the daemon log holds ids, codes and counts, but no personal data', () => {
      const log = readFileSync(join(work, 'daemon.log'), 'utf8');
      assert.match(log, /"msg":"decided"/);
      const personal = [/70226422252/, /52000220674/, /\+?90?5321234567/, /0532 123 45 67/, /ayse\.yilmaz@/i, /Ayşe|Yılmaz|YILMAZ|Deniz Kaya|Öztürk/, /Caferağa/, new RegExp(staffKey)];
      for (const pattern of personal) assert.doesNotMatch(log, pattern);
    });
  });
});
