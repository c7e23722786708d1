/** `intake peek`: its flags, how a message is shown, then the real broker, in-process and through the executable. */
import assert from 'node:assert/strict';
import { spawn } from 'node:child_process';
import { join } from 'node:path';
import { pino } from 'pino';
import { readPeekArgs, runPeek, DEFAULT_PEEK_LIMIT } from '../../cli/peek.js';
import { viewMessage, type MessageView } from '../../cli/message-view.js';
import { createBus } from '../../runtime/kafka/bus.js';
import type { Bus, BrowsedMessage } from '../../runtime/kafka/types.js';
import type { RawItem } from '../../schemas/types.generated.js';
import { repoRoot, runId, testBrokers } from '../support/infra.js';
import { formItem, validNationalId } from '../normalizer/raw-item-fixture.js';
import { createTopics, publishTo } from '../support/test-topics.js';

const rawHeaders = { 'content-type': 'application/json', schema: 'raw-item/1', channel: 'webform' };
const browsed = (value: string | Buffer | null, headers: Record<string, string> = rawHeaders): BrowsedMessage => ({
  topic: 't', partition: 0, offset: '0', key: 'k', headers, timestamp: '2026-03-10T09:00:00.000Z',
  value: value === null ? null : Buffer.isBuffer(value) ? value : Buffer.from(value),
});

describe('intake peek', function () {
  this.timeout(60_000);

  describe('readPeekArgs', () => {
    const command = (args: string[], flags: Record<string, string | boolean | undefined> = {}) => {
      const reading = readPeekArgs(args, flags);
      assert.ok(reading.ok, reading.ok ? '' : reading.message);
      return reading.command;
    };

    it('reads from the beginning, at most the default limit, masked', () => {
      assert.deepEqual(command(['intake.raw.v1']), { topic: 'intake.raw.v1', start: { from: 'beginning' }, follow: false, limit: DEFAULT_PEEK_LIMIT, unmask: false });
    });

    it('has no limit after --last N or with --follow unless one is given', () => {
      assert.deepEqual(command(['t'], { last: '5' }).start, { from: 'last', count: 5 });
      assert.equal(command(['t'], { last: '5' }).limit, null);
      assert.equal(command(['t'], { follow: true }).limit, null);
      assert.equal(command(['t'], { follow: true, limit: '3', unmask: true }).limit, 3);
    });

    it('names every problem', () => {
      const reading = readPeekArgs([], { limit: '0', last: 'x', 'from-beginning': true, reason: 'r' });
      assert.ok(!reading.ok);
      for (const problem of [/needs one TOPIC/, /--limit must be/, /--last must be/, /exclude each other/, /--reason does not go with peek/]) assert.match(reading.message, problem);
    });
  });

  describe('viewMessage', () => {
    const item = formItem('webform');

    it('checks a message against the schema its header names, and masks it', () => {
      const view = viewMessage(browsed(JSON.stringify(item)), false);
      assert.equal(view.schema, 'raw-item/1');
      assert.equal(view.valid, true);
      assert.equal((view.value as RawItem).form?.nationalId, `*********${validNationalId.slice(-2)}`);
    });

    it('names the paths that break the schema, never the values', () => {
      const view = viewMessage(browsed(JSON.stringify({ ...item, form: { ...item.form, nationalId: 42 } })), true);
      assert.equal(view.valid, false);
      assert.ok(view.errors?.some((e) => e.path === 'form.nationalId'), JSON.stringify(view.errors));
      assert.ok(!JSON.stringify(view.errors).includes('42'));
    });

    it('shows a message of an unknown schema as JSON, masked all the same', () => {
      const view = viewMessage(browsed('{"phone":"05321234567","kind":"x"}', {}), false);
      assert.deepEqual([view.schema, view.valid, view.value], ['unknown', null, { phone: '*********67', kind: 'x' }]);
    });

    it('shows text as its length and bytes as their count, unless unmasked', () => {
      assert.equal(viewMessage(browsed('Ayşe Işık yazdı', { schema: 'raw-item/1' }), false).value, '[15 characters]');
      assert.deepEqual(viewMessage(browsed('Ayşe Işık yazdı', { schema: 'raw-item/1' }), false).errors, [{ path: '(root)', message: 'is not JSON' }]);
      assert.equal(viewMessage(browsed(Buffer.from([0xff, 0xfe, 0x00])), false).value, '<3 bytes>');
      assert.equal(viewMessage(browsed(Buffer.from([0xff, 0xfe, 0x00])), true).value, 'base64://4A');
      assert.equal(viewMessage(browsed(null), false).value, null);
    });
  });

  describe('on the real broker', () => {
    const id = runId('peek');
    const topic = `${id}.raw`;
    const items = Array.from({ length: 5 }, () => formItem('webform', { fullName: 'Ayşe Işık', email: 'ayse.isik@example.com' }));
    let brokers: string[];
    let bus: Bus;

    const peek = async (flags: Record<string, string | boolean>): Promise<MessageView[]> => {
      const reading = readPeekArgs([topic], flags);
      assert.ok(reading.ok);
      const lines: string[] = [];
      await runPeek(bus, reading.command, (line) => lines.push(line));
      return lines.map((line) => JSON.parse(line) as MessageView);
    };

    before(async () => {
      ({ brokers } = await testBrokers());
      bus = createBus({ brokers, clientId: 'peek-test', logger: pino({ level: 'silent' }), logLevel: 'silent' });
      await createTopics(bus, [{ name: topic, partitions: 1 }]);
      await publishTo(bus, topic, items.map((item) => ({ key: item.itemId, value: JSON.stringify(item), headers: rawHeaders })));
    });

    after(async () => {
      await bus?.close();
    });

    it('masks personal data by default', async () => {
      const shown = await peek({});
      assert.deepEqual(shown.map((m) => m.key), items.map((i) => i.itemId));
      const text = JSON.stringify(shown);
      for (const value of ['Ayşe', 'Işık', 'ayse.isik', validNationalId, '123 45']) assert.ok(!text.includes(value), value);
      assert.equal((shown[0]?.value as RawItem).form?.fullName, 'A*** I***');
      assert.ok(shown.every((m) => m.valid === true && m.schema === 'raw-item/1'));
    });

    it('shows the messages as written with --unmask', async () => {
      const [first] = await peek({ unmask: true, last: '1' });
      assert.deepEqual(first?.value, items[4]);
    });

    it('ends by itself after --limit, through the executable', async () => {
      const bin = join(repoRoot, 'bin/intake.js');
      const child = spawn(process.execPath, [bin, 'peek', topic, '--limit', '2'], { env: { PATH: process.env.PATH ?? '', KAFKA_BROKERS: brokers.join(',') } });
      let stdout = '';
      let stderr = '';
      child.stdout.on('data', (chunk: Buffer) => { stdout += chunk.toString('utf8'); });
      child.stderr.on('data', (chunk: Buffer) => { stderr += chunk.toString('utf8'); });
      const status = await new Promise<number | null>((done) => child.on('close', done));
      assert.equal(status, 0, stderr);
      const lines = stdout.trim().split('\n').map((line) => JSON.parse(line) as MessageView);
      assert.deepEqual(lines.map((m) => m.offset), ['0', '1']);
    });

    it('exits 1 with INTAKE_KAFKA_NOT_FOUND for a topic that does not exist', async () => {
      const child = spawn(process.execPath, [join(repoRoot, 'bin/intake.js'), 'peek', `${id}.missing`], { env: { PATH: process.env.PATH ?? '', KAFKA_BROKERS: brokers.join(',') } });
      let stderr = '';
      child.stderr.on('data', (chunk: Buffer) => { stderr += chunk.toString('utf8'); });
      const status = await new Promise<number | null>((done) => child.on('close', done));
      assert.equal(status, 1);
      assert.match(stderr, /INTAKE_KAFKA_NOT_FOUND: no such topic/);
    });
  });
});
