/**
 * `intake dlq`: flags and the reading of a dead letter (pure), then list, show, replay and drop on
 * the real broker and PostgreSQL, with dead letters as the normalizer, the OCR workers and the
 * e-mail and documents connectors write them.
 */
import assert from 'node:assert/strict';
import { spawnSync } from 'node:child_process';
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { pino } from 'pino';
import { deadLetterInfo, REPLAY_OF_HEADER } from '../../cli/dead-letter-info.js';
import { parsePosition, readDlqArgs, runDlq, SOME_LEFT_ALONE, type DlqCommand, type DlqDeps } from '../../cli/dlq.js';
import { progress } from '../../cli/progress.js';
import { deadLetter } from '../../normalizer/dead-letter.js';
import { IntakeError } from '../../runtime/errors.js';
import { createBus } from '../../runtime/kafka/bus.js';
import type { Bus, BrowsedMessage, IncomingMessage, OutgoingMessage } from '../../runtime/kafka/types.js';
import { openDeadLetterActions, type DeadLetterActions } from '../../sink/index.js';
import { databaseUrl, dropSchema, repoRoot, runId, testBrokers } from '../support/infra.js';
import { runTopics } from '../support/run-topics.js';
import { formItem } from '../normalizer/raw-item-fixture.js';
import { createTopics, publishTo } from '../support/test-topics.js';

const rawHeaders = { 'content-type': 'application/json', schema: 'raw-item/1', channel: 'webform' };
const blobRef = `sha256:${'b'.repeat(64)}`;

/** A mail over maxMessageBytes, as connectors/email/capture.ts sets it aside: its headers in the blob store. */
const tooLargeMail: OutgoingMessage = {
  key: `email:${'c'.repeat(32)}`, value: Buffer.alloc(0),
  headers: { 'content-type': 'message/rfc822', 'x-error-code': 'INTAKE_REQUEST_TOO_LARGE', 'x-error-message': 'the mail is 50000000 bytes, over maxMessageBytes; only its headers were fetched', 'x-source': 'email/INBOX', 'x-size': '50000000', 'x-blob': blobRef },
};
/** A drop-folder file over maxFileBytes, as connectors/documents/capture.ts sets it aside. */
const tooLargeFile: OutgoingMessage = {
  key: `document-file:${'d'.repeat(32)}`, value: Buffer.alloc(0),
  headers: { 'x-error-code': 'INTAKE_REQUEST_TOO_LARGE', 'x-error-message': 'the file is 90000000 bytes, over maxFileBytes (50000000); moved to failed/', 'x-source': 'documents/folder', 'x-file': 'Ayse Isik.pdf', 'x-size': '90000000' },
};

const asBrowsed = (m: OutgoingMessage, offset = '0'): BrowsedMessage => ({
  topic: 'dlq', partition: 0, offset, key: m.key, value: Buffer.isBuffer(m.value) ? m.value : Buffer.from(m.value), headers: m.headers ?? {}, timestamp: '2026-03-10T09:00:00.000Z',
});

async function all(bus: Bus, topic: string): Promise<BrowsedMessage[]> {
  const out: BrowsedMessage[] = [];
  for await (const message of bus.browse({ topic, start: { from: 'beginning' } })) out.push(message);
  return out;
}

describe('intake dlq', function () {
  this.timeout(60_000);

  describe('readDlqArgs', () => {
    const read = (args: string[], flags: Record<string, string | boolean | undefined> = {}) => readDlqArgs(args, flags, 'operator');
    const problems = (args: string[], flags: Record<string, string | boolean | undefined> = {}): string => {
      const reading = read(args, flags);
      return reading.ok ? '' : reading.message;
    };

    it('reads positions as PARTITION:OFFSET, once each', () => {
      assert.deepEqual(parsePosition(' 2:0042 '), { partition: 2, offset: '42' });
      assert.equal(parsePosition('2-42'), null);
      const reading = read(['replay', '0:1', '0:1', '1:5'], { by: 'Zeynep', reason: 'fixed in 1.4.2' });
      assert.ok(reading.ok);
      assert.deepEqual(reading.command, { action: 'replay', targets: [{ partition: 0, offset: '1' }, { partition: 1, offset: '5' }], dryRun: false, by: 'Zeynep', reason: 'fixed in 1.4.2' });
    });

    it('takes the operating-system user when --by is not given', () => {
      const reading = read(['replay'], { all: true, 'dry-run': true });
      assert.ok(reading.ok);
      assert.deepEqual(reading.command, { action: 'replay', targets: 'all', dryRun: true, by: 'operator', reason: null });
    });

    it('names every problem', () => {
      assert.match(problems(['replay']), /needs PARTITION:OFFSET\.\.\. or --all/);
      assert.match(problems(['replay', '0:1'], { all: true }), /not both/);
      assert.match(problems(['drop', '0:1']), /--reason must say why/);
      assert.match(problems(['drop', 'x']), /"x" is not PARTITION:OFFSET/);
      assert.match(problems(['show', '0:1', '0:2']), /needs one PARTITION:OFFSET/);
      assert.match(problems(['list'], { unmask: true, limit: '0' }), /--unmask does not go with dlq list\n--limit must be/);
      assert.match(problems(['purge']), /dlq needs one of: list, show, replay, drop/);
    });
  });

  describe('deadLetterInfo', () => {
    const inputs = new Set(['raw', 'ocr']);
    const item = formItem('webform');
    const original: IncomingMessage = { topic: 'raw', partition: 2, offset: '7', key: item.itemId, value: Buffer.from(JSON.stringify(item)), headers: rawHeaders };

    it('sends a normalizer dead letter back to the topic it came from', () => {
      const info = deadLetterInfo(asBrowsed(deadLetter(original, new IntakeError('INTAKE_DB_REJECTED', 'PostgreSQL error 23514'))), inputs);
      assert.deepEqual([info.errorCode, info.from, info.replay], ['INTAKE_DB_REJECTED', 'raw 2:7', { possible: true, topic: 'raw' }]);
    });

    it('explains why a mail, a file, a foreign topic\'s or an empty one cannot go back', () => {
      const mail = deadLetterInfo(asBrowsed(tooLargeMail), inputs).replay;
      assert.ok(!mail.possible && mail.reason === 'mail' && mail.why.includes(blobRef) && mail.why.includes('email/INBOX'), JSON.stringify(mail));
      const file = deadLetterInfo(asBrowsed(tooLargeFile), inputs).replay;
      assert.ok(!file.possible && file.reason === 'file' && file.why.includes('failed/'), JSON.stringify(file));
      assert.deepEqual(deadLetterInfo(asBrowsed(deadLetter({ ...original, topic: 'crm' }, new Error('x'))), inputs).replay.possible, false);
      const empty = deadLetterInfo(asBrowsed(deadLetter({ ...original, value: null }, new Error('x'))), inputs).replay;
      assert.ok(!empty.possible && empty.reason === 'no-value');
    });
  });

  describe('progress', () => {
    it('says nothing of short work, then at most a line a second, and the last count', () => {
      let clock = 0;
      const lines: string[] = [];
      const shown = progress('replayed', 500, (line) => lines.push(line), 1000, () => clock);
      shown.advance(100);
      clock = 1200;
      shown.advance(100);
      clock = 1500;
      shown.advance(100);
      clock = 2300;
      shown.advance(200);
      shown.done();
      assert.deepEqual(lines, ['replayed 200/500', 'replayed 500/500', 'replayed 500/500']);
      const quiet: string[] = [];
      const short = progress('replayed', 1, (line) => quiet.push(line), 1000, () => 0);
      short.advance(1);
      short.done();
      assert.deepEqual(quiet, []);
    });
  });

  describe('on the real broker and PostgreSQL', () => {
    const id = runId('dlq');
    const topics = runTopics(id);
    const work = mkdtempSync(join(tmpdir(), 'intake-dlq-'));
    const itemA = formItem('webform', { fullName: 'Ayşe Işık' });
    const itemB = formItem('webform');
    const ocrJob = { schemaVersion: 1, itemId: 'fax:1', channel: 'fax', connector: 'documents', sourceRef: 'x', receivedAt: '2026-03-10T09:00:00Z', document: { ref: blobRef, contentType: 'image/tiff', size: 10 } };
    const rawMessage = (item: typeof itemA, offset: string): IncomingMessage => ({ topic: topics.raw, partition: 0, offset, key: item.itemId, value: Buffer.from(JSON.stringify(item)), headers: rawHeaders });
    let brokers: string[];
    let bus: Bus;
    let actions: DeadLetterActions;
    let lines: string[];
    let deps: DlqDeps;

    const run = async (command: DlqCommand): Promise<{ code: number; out: Record<string, unknown>[] }> => {
      lines = [];
      const code = await runDlq(deps, command);
      return { code, out: lines.map((line) => JSON.parse(line) as Record<string, unknown>) };
    };
    const replay = (targets: 'all' | string[], by = 'zeynep'): Promise<{ code: number; out: Record<string, unknown>[] }> =>
      run({ action: 'replay', targets: targets === 'all' ? 'all' : targets.map((t) => parsePosition(t) ?? { partition: -1, offset: '-1' }), dryRun: false, by, reason: 'cause fixed' });

    before(async () => {
      ({ brokers } = await testBrokers());
      bus = createBus({ brokers, clientId: 'dlq-test', logger: pino({ level: 'silent' }), logLevel: 'silent' });
      await createTopics(bus, [topics.raw, topics.deadLetter, topics.ocr].map((name) => ({ name, partitions: 1 })));
      actions = await openDeadLetterActions({ databaseUrl, embeddedDir: null, pgSchema: id });
      deps = {
        bus, actions, deadLetterTopic: topics.deadLetter, inputTopics: new Set([topics.raw, topics.transcription, topics.ocr, topics.media]), now: () => new Date('2026-03-11T10:00:00Z'),
        out: (line) => lines.push(line), progress: () => undefined,
      };
      const ocrMessage: IncomingMessage = { topic: topics.ocr, partition: 0, offset: '3', key: 'fax:1', value: Buffer.from(JSON.stringify(ocrJob)), headers: { 'content-type': 'application/json', schema: 'ocr-job/1', channel: 'fax' } };
      await publishTo(bus, topics.deadLetter, [
        deadLetter(rawMessage(itemA, '7'), new IntakeError('INTAKE_DB_REJECTED', 'PostgreSQL error 23514 on applications')), // 0:0
        deadLetter(rawMessage(itemB, '8'), new IntakeError('INTAKE_INTERNAL', 'a bug')), // 0:1
        tooLargeMail, // 0:2
        tooLargeFile, // 0:3
        deadLetter(ocrMessage, new IntakeError('INTAKE_INTERNAL', 'the document made an invalid raw item')), // 0:4
      ]);
    });

    after(async () => {
      await actions?.close();
      await bus?.close();
      await dropSchema(id);
      rmSync(work, { recursive: true, force: true });
    });

    it('lists each dead letter with why it was set aside and whether it can go back', async () => {
      const { out: [doc] } = await run({ action: 'list', limit: 100, format: 'json' });
      const items = (doc as { items: ReturnType<typeof deadLetterInfo>[] }).items;
      assert.deepEqual(items.map((i) => [i.position, i.errorCode, i.replay.possible ? i.replay.topic : i.replay.reason]), [
        ['0:0', 'INTAKE_DB_REJECTED', topics.raw], ['0:1', 'INTAKE_INTERNAL', topics.raw], ['0:2', 'INTAKE_REQUEST_TOO_LARGE', 'mail'], ['0:3', 'INTAKE_REQUEST_TOO_LARGE', 'file'], ['0:4', 'INTAKE_INTERNAL', topics.ocr],
      ]);
      lines = [];
      await runDlq(deps, { action: 'list', limit: 2, format: 'table' });
      const table = lines.join('\n');
      assert.match(table, /5 dead letters kept, 0 handled \(replayed or dropped\); the first 2/);
      assert.match(table, new RegExp(`0:0 .+ INTAKE_DB_REJECTED +${topics.raw.replaceAll('.', '\\.')} 0:7 +to ${topics.raw.replaceAll('.', '\\.')} +-`));
      assert.doesNotMatch(table, /Ayse|Işık/);
    });

    it('shows one decoded and checked, personal data masked', async () => {
      const { out: [shown] } = await run({ action: 'show', position: { partition: 0, offset: '0' }, unmask: false });
      const message = (shown as { message: { schema: string; valid: boolean; value: { form: { fullName: string } } } }).message;
      assert.deepEqual([message.schema, message.valid, message.value.form.fullName], ['raw-item/1', true, 'A*** I***']);
      assert.equal((shown as { from: string }).from, `${topics.raw} 0:7`);
    });

    it('replays a normalizer dead letter: its bytes back to the raw topic with the same key, recorded', async () => {
      const { code, out } = await replay(['0:0']);
      assert.equal(code, 0);
      assert.deepEqual(out[0], { deadLetter: '0:0', result: 'replayed', to: topics.raw, key: itemA.itemId });
      const [sent, ...more] = await all(bus, topics.raw);
      assert.equal(more.length, 0);
      assert.equal(sent?.key, itemA.itemId);
      assert.deepEqual(sent?.value, Buffer.from(JSON.stringify(itemA)));
      assert.deepEqual(sent?.headers, { ...rawHeaders, [REPLAY_OF_HEADER]: `${topics.deadLetter}:0:0` });
      const recorded = (await actions.onTopic(topics.deadLetter)).get('0:0');
      assert.deepEqual(recorded, { topic: topics.deadLetter, partition: 0, offset: '0', action: 'replayed', by: 'zeynep', at: '2026-03-11T10:00:00.000Z', reason: 'cause fixed', replayedTo: topics.raw });
    });

    it('drops one with a reason, which hides it from replay', async () => {
      const { code, out } = await run({ action: 'drop', positions: [{ partition: 0, offset: '1' }], by: 'zeynep', reason: 'a test application' });
      assert.deepEqual([code, out], [0, [{ deadLetter: '0:1', result: 'dropped' }]]);
      assert.equal((await actions.onTopic(topics.deadLetter)).get('0:1')?.reason, 'a test application');
    });

    it('replays the rest with --all: the job to its topic, nothing twice, the others explained', async () => {
      const { code, out } = await replay('all');
      assert.equal(code, 0);
      assert.deepEqual(out.map((o) => [o.deadLetter, o.result, o.reason]), [['0:2', 'not-replayable', 'mail'], ['0:3', 'not-replayable', 'file'], ['0:4', 'replayed', undefined], [undefined, undefined, undefined]]);
      assert.deepEqual(out.at(-1), { replayed: 1, alreadyHandled: 2, notReplayable: 2 });
      assert.equal((await all(bus, topics.raw)).length, 1);
      assert.deepEqual((await all(bus, topics.ocr)).map((m) => m.key), ['fax:1']);
    });

    it('sends nothing on a second replay --all', async () => {
      const { out } = await replay('all');
      assert.deepEqual(out.at(-1), { replayed: 0, alreadyHandled: 3, notReplayable: 2 });
      assert.equal((await all(bus, topics.raw)).length, 1);
      assert.equal((await all(bus, topics.ocr)).length, 1);
    });

    it('leaves a named handled or unreplayable one alone, and exits 3', async () => {
      const { code, out } = await replay(['0:0', '0:3'], 'ahmet');
      assert.equal(code, SOME_LEFT_ALONE);
      assert.deepEqual(out.slice(0, 2).map((o) => [o.deadLetter, o.result, o.by]), [['0:0', 'already-replayed', 'zeynep'], ['0:3', 'not-replayable', undefined]]);
      assert.equal((await all(bus, topics.raw)).length, 1);
    });

    it('does nothing when a named one is not there', async () => {
      await assert.rejects(replay(['0:2', '0:99']), (error: unknown) => error instanceof IntakeError && error.code === 'INTAKE_KAFKA_NOT_FOUND' && /0:99/.test(error.message));
      await assert.rejects(run({ action: 'show', position: { partition: 3, offset: '0' }, unmask: false }), (error: unknown) => error instanceof IntakeError && error.code === 'INTAKE_KAFKA_NOT_FOUND');
    });

    it('lists what was done through the executable, on the configured topics and database', () => {
      const configFile = join(work, 'intake.json');
      writeFileSync(configFile, JSON.stringify({ dataDir: join(work, 'data'), kafka: { topics } }));
      const env = { PATH: process.env.PATH ?? '', INTAKE_CONFIG: configFile, KAFKA_BROKERS: brokers.join(','), DATABASE_URL: databaseUrl, INTAKE_DB_SCHEMA: id };
      const listed = spawnSync(process.execPath, [join(repoRoot, 'bin/intake.js'), 'dlq', 'list'], { encoding: 'utf8', env });
      assert.equal(listed.status, 0, listed.stderr);
      assert.match(listed.stdout, /5 dead letters kept, 3 handled/);
      assert.match(listed.stdout, /0:1 .+ dropped by zeynep 2026-03-11 13:00: a test application/);
      assert.match(listed.stdout, /no: a mail: an unreadable mail/);
      const dry = spawnSync(process.execPath, [join(repoRoot, 'bin/intake.js'), 'dlq', 'replay', '--all', '--dry-run'], { encoding: 'utf8', env });
      assert.equal(dry.status, 0, dry.stderr);
      assert.deepEqual(JSON.parse(dry.stdout.trim().split('\n').at(-1) ?? ''), { wouldReplay: 0, alreadyHandled: 3, notReplayable: 2 });
    });
  });
});
