/** `intake archive`: the pure parts (flags, re-examination, masking), then the real executable. */
import assert from 'node:assert/strict';
import { spawn, spawnSync } from 'node:child_process';
import { randomBytes } from 'node:crypto';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type { Decision, RawItem } from '../../schemas/types.generated.js';
import { defaultCatalogue } from '../../normalizer/catalogue/index.js';
import { decide } from '../../normalizer/decide.js';
import { openSink, type ArchiveEntry, type Sink } from '../../sink/index.js';
import { readArchiveArgs } from '../../cli/archive.js';
import { maskEntry } from '../../cli/archive-mask.js';
import { reDecide, reExaminationItem, refusedFields } from '../../cli/archive-reexamine.js';
import { databaseUrl, dropSchema, repoRoot, runId } from '../support/infra.js';
import { decision } from '../sink/decision-fixture.js';

const recordedAt = new Date('2026-03-20T00:00:00.000Z');
/** A made-up national ID that passes the checksum. */
const nationalId = '70226422252';
const contractAccount = '1234567890';
const options = { catalogue: defaultCatalogue, duplicateWindowHours: 72, minFieldConfidence: 0.6 };

/** A scanned letter as the document connector publishes it: OCR text with a name, a phone and a bill complaint, no IDs. */
function letterItem(receivedAt: string, registryNumber?: string): RawItem {
  return {
    schemaVersion: 1,
    itemId: `letter:${randomBytes(16).toString('hex')}`,
    channel: 'letter',
    receivedAt,
    connector: 'documents',
    sourceRef: 'test',
    text: { source: 'ocr', confidence: 0.9, body: 'Sayın Yetkili,\nFaturam bu ay çok yüksek geldi, sayacın kontrol edilmesini arz ederim.\nAdı Soyadı: Ayşe Işık\nTel: 0532 123 45 67\nAdres: Moda Cad. No 5 Kadıköy' },
    document: { format: 'pdf', pages: 1, read: 'ocr', ...(registryNumber === undefined ? {} : { registryNumber }) },
    attachments: [{ ref: `sha256:${'a'.repeat(64)}`, contentType: 'application/pdf', size: 1024 }],
  };
}

/** The letter's decision: a subscriber ("faturam") without contract account or national ID, so archived. */
function archivedLetter(receivedAt: string, registryNumber?: string): Decision {
  const d = decide(letterItem(receivedAt, registryNumber));
  assert.equal(d.kind, 'archive-only');
  assert.deepEqual(d.missing, ['contractAccountNumber', 'nationalId']);
  return d;
}

describe('intake archive', () => {
  describe('readArchiveArgs', () => {
    const read = (args: string[], flags: Record<string, string | boolean | undefined> = {}) => readArchiveArgs(args, flags);
    const message = (reading: ReturnType<typeof read>): string => (reading.ok ? '' : reading.message);

    it('reads list with its defaults, dates as intake report reads them', () => {
      const reading = read(['list'], { from: '2026-03-01', channel: 'letter' });
      assert.ok(reading.ok);
      assert.deepEqual(reading.command, { action: 'list', format: 'table', query: { from: new Date('2026-02-28T21:00:00Z'), to: null, channel: 'letter', registryNumber: null, limit: 100 } });
    });

    it('names every bad flag of list', () => {
      const text = message(read(['list'], { from: '2026-02-30', to: 'tomorrow', channel: 'sms', 'registry-number': 'a b', limit: '0', format: 'csv' }));
      for (const flag of ['--from', '--to', '--channel', '--registry-number', '--limit', '--format']) assert.match(text, new RegExp(`${flag} must`));
    });

    it('refuses a flag of another command instead of ignoring it', () => {
      assert.match(message(read(['list'], { 'national-id': nationalId })), /--national-id does not go with archive list/);
      assert.match(message(read(['show', 'x'], { by: 'Zeynep' })), /--by does not go with archive show/);
    });

    it('needs an ITEM_ID, --by and something supplied for complete, and never echoes a value', () => {
      assert.match(message(read(['complete'], { by: 'Zeynep', 'national-id': nationalId })), /needs one ITEM_ID/);
      assert.match(message(read(['complete', 'x'], { 'national-id': nationalId })), /--by must name/);
      assert.match(message(read(['complete', 'x'], { by: 'Zeynep' })), /at least one of: --full-name/);
      const long = message(read(['complete', 'x'], { by: 'Zeynep', 'national-id': '1'.repeat(21), phone: ' ' }));
      assert.match(long, /--national-id must be at most 20 characters/);
      assert.match(long, /--phone must not be empty/);
      assert.doesNotMatch(long, /11111/);
    });

    it('reads complete with the supplied fields trimmed', () => {
      const reading = read(['complete', 'letter:1'], { by: ' Zeynep K. ', 'national-id': ` ${nationalId} `, 'contract-account': contractAccount });
      assert.ok(reading.ok);
      assert.deepEqual(reading.command, { action: 'complete', itemId: 'letter:1', by: 'Zeynep K.', supplied: { nationalId, contractAccountNumber: contractAccount } });
    });

    it('refuses an unknown action', () => {
      assert.match(message(read(['delete', 'x'])), /archive needs one of: list, show, complete/);
    });
  });

  describe('re-examination', () => {
    const stored = archivedLetter('2026-03-10T09:00:00Z', 'EVR-2026/0042');

    it('builds the same item again: id, channel, receipt, the stored fields with the supplied ones over them, the scan reading', () => {
      const item = reExaminationItem(stored, { nationalId, phone: '0533 000 00 00' });
      assert.deepEqual([item.itemId, item.channel, item.receivedAt], [stored.itemId, 'letter', stored.receivedAt]);
      assert.deepEqual(item.form, { fullName: 'Ayşe Işık', nationalId, phone: '0533 000 00 00', address: stored.customer.address, district: 'Kadıköy', isSubscriber: true, description: stored.description });
      assert.deepEqual(item.document, { format: 'unknown', pages: 1, read: 'ocr', registryNumber: 'EVR-2026/0042' });
    });

    context('when everything missing is supplied', () => {
      it('is a crm record, RE_EXAMINED, keeping where unchanged fields came from and the scan reading', async () => {
        const decided = await reDecide(stored, { nationalId, contractAccountNumber: contractAccount }, null, options);
        assert.equal(decided.kind, 'crm');
        assert.deepEqual(decided.missing, []);
        assert.equal(decided.reasons.at(-1), 'RE_EXAMINED');
        assert.ok(decided.reasons.includes('DOCUMENT_REGISTERED'));
        assert.equal(decided.topic?.main, 'billing');
        assert.deepEqual(decided.provenance.nationalId, { source: 'form', confidence: 1 });
        assert.deepEqual(decided.provenance.fullName, stored.provenance.fullName);
        assert.deepEqual(decided.document, stored.document);
        assert.deepEqual(refusedFields(decided, { nationalId, contractAccountNumber: contractAccount }), []);
      });
    });

    context('when something is still missing', () => {
      it('stays archive-only and says what', async () => {
        const decided = await reDecide(stored, { nationalId }, null, options);
        assert.equal(decided.kind, 'archive-only');
        assert.deepEqual(decided.missing, ['contractAccountNumber']);
      });
    });

    context('when a supplied value fails its check', () => {
      it('names it as refused', async () => {
        const supplied = { nationalId: '12345678901', contractAccountNumber: contractAccount };
        assert.deepEqual(refusedFields(await reDecide(stored, supplied, null, options), supplied), ['nationalId']);
      });
    });
  });

  describe('maskEntry', () => {
    it('masks names, IDs, phones, addresses and the text, keeping references', () => {
      const d = decision('crm');
      const entry: ArchiveEntry = {
        itemId: d.itemId, channel: 'fax', receivedAt: d.receivedAt, recordedAt: d.receivedAt, registryNumber: 'EVR-1', missing: [], reasons: d.reasons,
        emergency: false, document: null, kind: 'crm', applicationNumber: '2026-000001', decision: d,
        history: [{ decision: { ...d, kind: 'archive-only' }, recordedAt: d.receivedAt, reExaminedAt: d.receivedAt, reExaminedBy: 'Zeynep K.' }],
      };
      const masked = maskEntry(entry);
      const text = JSON.stringify(masked);
      for (const value of ['Ayşe', 'Yılmaz', '10000000146', '5321234567', 'ayse@example.com', 'Moda', 'Faturam', 'Sayacın']) assert.ok(!text.includes(value), value);
      assert.deepEqual(masked.decision.customer, { fullName: 'A*** Y***', nationalId: '*********46', contractAccountNumber: '********90', phone: '***********67', email: 'a***@example.com', district: 'Kadıköy', address: '[11 characters]', isSubscriber: true });
      assert.equal(masked.history[0]?.decision.customer.nationalId, '*********46');
      assert.deepEqual([masked.itemId, masked.registryNumber, masked.applicationNumber, masked.history[0]?.reExaminedBy], [d.itemId, 'EVR-1', '2026-000001', 'Zeynep K.']);
    });
  });

  describe('the executable', function () {
    this.timeout(120_000);

    type Run = { status: number | null; stdout: string; stderr: string };
    const bin = join(repoRoot, 'bin/intake.js');
    const intake = (env: Record<string, string>, ...args: string[]): Run => {
      const run = spawnSync(process.execPath, [bin, 'archive', ...args], { encoding: 'utf8', env: { PATH: process.env.PATH ?? '', ...env } });
      return { status: run.status, stdout: run.stdout, stderr: run.stderr };
    };
    const intakeAsync = (env: Record<string, string>, ...args: string[]): Promise<Run> => new Promise((done, fail) => {
      const child = spawn(process.execPath, [bin, 'archive', ...args], { env: { PATH: process.env.PATH ?? '', ...env } });
      let stdout = '';
      let stderr = '';
      child.stdout.on('data', (chunk: Buffer) => { stdout += chunk.toString('utf8'); });
      child.stderr.on('data', (chunk: Buffer) => { stderr += chunk.toString('utf8'); });
      child.on('error', fail);
      child.on('close', (status) => done({ status, stdout, stderr }));
    });
    const supplyAll = ['--by', 'Zeynep K.', '--national-id', nationalId, '--contract-account', contractAccount];

    describe('on PostgreSQL (DATABASE_URL, INTAKE_DB_SCHEMA)', () => {
      const schema = runId('archive_cli');
      const env = { DATABASE_URL: databaseUrl, INTAKE_DB_SCHEMA: schema };
      let sink: Sink;
      const march2 = archivedLetter('2026-03-02T09:00:00Z', 'EVR-2026/0042');
      const march5 = archivedLetter('2026-03-09T09:00:00Z');
      const april = { ...archivedLetter('2026-04-02T09:00:00Z'), channel: 'fax' as const };
      const record = decision('crm', '2026-03-03T09:00:00Z');

      before(async () => {
        sink = await openSink({ databaseUrl, embeddedDir: null, pgSchema: schema });
        for (const d of [march2, record, march5, april]) await sink.record(d, recordedAt);
      });

      after(async () => {
        await sink?.close();
        await dropSchema(schema);
      });

      context('list', () => {
        it('filters by period, channel and registry number, as JSON', () => {
          const ids = (...args: string[]): string[] => {
            const run = intake(env, 'list', '--format', 'json', ...args);
            assert.equal(run.status, 0, run.stderr);
            return (JSON.parse(run.stdout) as { items: Array<{ itemId: string }> }).items.map((i) => i.itemId);
          };
          assert.deepEqual(ids(), [march2.itemId, march5.itemId, april.itemId]);
          assert.deepEqual(ids('--from', '2026-03-01', '--to', '2026-04-01'), [march2.itemId, march5.itemId]);
          assert.deepEqual(ids('--channel', 'fax'), [april.itemId]);
          assert.deepEqual(ids('--registry-number', 'EVR-2026/0042'), [march2.itemId]);
        });

        it('prints a table of references and what was missing, no personal data', () => {
          const run = intake(env, 'list', '--to', '2026-04-01');
          assert.equal(run.status, 0, run.stderr);
          assert.match(run.stdout, /^archived faxes and letters received before 2026-04-01 00:00 \(Istanbul time\): 2\n/);
          assert.match(run.stdout, /2026-03-02 12:00 +letter +EVR-2026\/0042 +ocr, 1 p\. +contractAccountNumber,nationalId +letter:/);
          for (const value of ['Ayşe', 'Işık', '532', 'Moda']) assert.ok(!run.stdout.includes(value), value);
        });

        it('exits 2 naming a bad flag', () => {
          const run = intake(env, 'list', '--channel', 'email');
          assert.equal(run.status, 2);
          assert.match(run.stderr, /--channel must be one of: fax, letter/);
          assert.equal(run.stdout, '');
        });
      });

      context('show', () => {
        it('prints the entry with personal data masked, whole with --unmask', () => {
          const masked = intake(env, 'show', march5.itemId);
          assert.equal(masked.status, 0, masked.stderr);
          const entry = JSON.parse(masked.stdout) as ArchiveEntry;
          assert.deepEqual([entry.kind, entry.missing, entry.history], ['archive-only', ['contractAccountNumber', 'nationalId'], []]);
          assert.equal(entry.decision.customer.fullName, 'A*** I***');
          assert.ok(!masked.stdout.includes('+905321234567'));
          const whole = intake(env, 'show', march5.itemId, '--unmask');
          assert.equal((JSON.parse(whole.stdout) as ArchiveEntry).decision.customer.phone, '+905321234567');
        });

        it('exits 1 with INTAKE_NOT_ARCHIVED for a record never archived', () => {
          const run = intake(env, 'show', record.itemId);
          assert.equal(run.status, 1);
          assert.match(run.stderr, /INTAKE_NOT_ARCHIVED: .* \(it is crm\)/);
        });
      });

      context('complete', () => {
        it('changes nothing and exits 3 when data is still missing', async () => {
          const run = intake(env, 'complete', march2.itemId, '--by', 'Zeynep K.', '--national-id', nationalId);
          assert.equal(run.status, 3, run.stderr);
          assert.deepEqual(JSON.parse(run.stdout), { itemId: march2.itemId, changed: false, kind: 'archive-only', missing: ['contractAccountNumber'], reasons: ['PAPER_INCOMPLETE_ARCHIVED', 'MISSING_CONTRACT_ACCOUNT', 'DOCUMENT_REGISTERED', 'RE_EXAMINED'] });
          const entry = await sink.archive.show(march2.itemId);
          assert.deepEqual([entry?.kind, entry?.decision, entry?.history], ['archive-only', march2, []]);
        });

        it('changes nothing and exits 2 naming a supplied field the checks refuse, without its value', async () => {
          const run = intake(env, 'complete', march2.itemId, '--by', 'Zeynep K.', '--national-id', '12345678901', '--contract-account', contractAccount);
          assert.equal(run.status, 2);
          assert.match(run.stderr, /--national-id was refused by the checks \(INVALID_NATIONAL_ID\); nothing was changed/);
          assert.ok(!run.stderr.includes('12345678901'));
          assert.equal((await sink.archive.show(march2.itemId))?.kind, 'archive-only');
        });

        it('turns an archived letter into a crm record with the next number, its history kept', async () => {
          const run = intake(env, 'complete', march2.itemId, ...supplyAll);
          assert.equal(run.status, 0, run.stderr);
          const done = JSON.parse(run.stdout) as { changed: boolean; kind: string; applicationNumber: string; reasons: string[]; reExaminedBy: string };
          // The crm record of 3 March took 2026-000001.
          assert.deepEqual([done.changed, done.kind, done.applicationNumber, done.reExaminedBy], [true, 'crm', '2026-000002', 'Zeynep K.']);
          assert.ok(done.reasons.includes('RE_EXAMINED'));
          const entry = await sink.archive.show(march2.itemId);
          assert.equal(entry?.kind, 'crm');
          assert.equal(entry?.decision.customer.nationalId, nationalId);
          assert.equal(entry?.registryNumber, 'EVR-2026/0042');
          assert.deepEqual(entry?.history.map((h) => [h.decision, h.reExaminedBy]), [[march2, 'Zeynep K.']]);
          const next = await sink.record(decision('crm', '2026-03-25T09:00:00Z'), recordedAt);
          assert.equal(next.applicationNumber, '2026-000003');
          // Still found by its number and shown with its history, no longer listed.
          const list = intake(env, 'list', '--format', 'json', '--registry-number', 'EVR-2026/0042');
          assert.deepEqual((JSON.parse(list.stdout) as { items: unknown[] }).items, []);
          const shown = JSON.parse(intake(env, 'show', march2.itemId).stdout) as ArchiveEntry;
          assert.deepEqual([shown.kind, shown.history.length, shown.history[0]?.decision.kind], ['crm', 1, 'archive-only']);
        });

        it('refuses an item that is not archived: exit 1, INTAKE_NOT_ARCHIVED, nothing changed', async () => {
          const run = intake(env, 'complete', record.itemId, ...supplyAll);
          assert.equal(run.status, 1);
          assert.match(run.stderr, /INTAKE_NOT_ARCHIVED/);
          assert.deepEqual((await sink.get(record.itemId))?.decision, record);
        });

        it('numbers once when two people complete the same letter at once', async () => {
          const runs = await Promise.all([intakeAsync(env, 'complete', march5.itemId, ...supplyAll), intakeAsync(env, 'complete', march5.itemId, ...supplyAll)]);
          const statuses = runs.map((r) => r.status).sort();
          assert.deepEqual(statuses, [0, 1], runs.map((r) => r.stderr).join('\n'));
          const loser = runs.find((r) => r.status === 1);
          assert.match(loser?.stderr ?? '', /INTAKE_NOT_ARCHIVED/);
          const winner = JSON.parse(runs.find((r) => r.status === 0)?.stdout ?? '{}') as { applicationNumber: string };
          assert.equal(winner.applicationNumber, '2026-000004');
          assert.equal((await sink.archive.show(march5.itemId))?.history.length, 1);
          assert.equal((await sink.record(decision('crm', '2026-03-26T09:00:00Z'), recordedAt)).applicationNumber, '2026-000005');
        });
      });
    });

    describe('on the embedded database under dataDir', () => {
      let work: string;

      before(() => {
        work = mkdtempSync(join(tmpdir(), 'intake-archive-'));
      });

      after(() => {
        rmSync(work, { recursive: true, force: true });
      });

      it('completes an archived fax that the daemon recorded there', async () => {
        const fax = { ...archivedLetter('2026-03-02T09:00:00Z'), channel: 'fax' as const };
        const sink = await openSink({ databaseUrl: null, embeddedDir: join(work, 'db') });
        await sink.record(fax, recordedAt);
        await sink.close();
        const env = { INTAKE_DATA_DIR: work };
        const listed = intake(env, 'list', '--channel', 'fax', '--format', 'json');
        assert.equal(listed.status, 0, listed.stderr);
        assert.deepEqual((JSON.parse(listed.stdout) as { items: Array<{ itemId: string }> }).items.map((i) => i.itemId), [fax.itemId]);
        const run = intake(env, 'complete', fax.itemId, ...supplyAll);
        assert.equal(run.status, 0, run.stderr);
        assert.equal((JSON.parse(run.stdout) as { applicationNumber: string }).applicationNumber, '2026-000001');
      });
    });
  });
});
