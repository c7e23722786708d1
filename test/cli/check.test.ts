/** `intake check` as a user runs it: the real executable, its exit codes and its one JSON object. */
import assert from 'node:assert/strict';
import { spawnSync } from 'node:child_process';
import { join } from 'node:path';
import { fixturesRoot } from '../support/fixtures.js';
import { repoRoot } from '../support/infra.js';

function intake(...args: string[]): { status: number | null; stdout: string; stderr: string } {
  const run = spawnSync(process.execPath, [join(repoRoot, 'bin/intake.js'), ...args], { encoding: 'utf8', env: { PATH: process.env.PATH ?? '' } });
  return { status: run.status, stdout: run.stdout, stderr: run.stderr };
}

describe('intake check', () => {
  context('when the file is a web-form application', () => {
    it('prints one JSON object with the contract keys and exits 0', () => {
      const run = intake('check', join(fixturesRoot, 'webform/complete-subscriber.http'), '--channel', 'webform');
      assert.equal(run.status, 0, run.stderr);
      const report = JSON.parse(run.stdout) as Record<string, unknown>;
      assert.deepEqual(Object.keys(report), ['decision', 'emergency', 'customer', 'description', 'proposedSolution', 'caseRef', 'contactPerson', 'topic', 'unit', 'resolutionHours', 'reasons']);
      assert.deepEqual(Object.keys(report.customer as object), ['fullName', 'nationalId', 'contractAccountNumber', 'phone', 'email', 'district', 'address']);
      assert.equal(report.decision, 'crm');
    });
  });

  context('when the web form would refuse the file', () => {
    it('decides rejected, lists the field errors and exits 0', () => {
      const run = intake('check', join(fixturesRoot, 'webform/invalid-json.http'), '--channel', 'webform');
      assert.equal(run.status, 0);
      assert.equal((JSON.parse(run.stdout) as { decision: string }).decision, 'rejected');
    });
  });

  context('when the file cannot be read', () => {
    it('exits 2 with a message on stderr', () => {
      const run = intake('check', '/nonexistent/file.http', '--channel', 'webform');
      assert.equal(run.status, 2);
      assert.match(run.stderr, /INTAKE_INPUT_UNREADABLE/);
      assert.equal(run.stdout, '');
    });
  });

  context('when a fax or letter is checked', () => {
    it('reads the scan as the OCR workers do (a PDF\'s own text here) and prints its decision and reading', () => {
      const run = intake('check', join(fixturesRoot, 'scans/text-layer-pdf.pdf'), '--channel', 'letter');
      assert.equal(run.status, 0, run.stderr);
      const report = JSON.parse(run.stdout) as { decision: string; document: { read: string; pages: number; original: { ref: string } } };
      assert.equal(report.decision, 'crm');
      assert.deepEqual({ ...report.document, original: undefined }, { read: 'text-layer', pages: 1, confidence: 1, original: undefined });
      assert.match(report.document.original.ref, /^sha256:[0-9a-f]{64}$/);
    });

    it('archives a file that is no document, with the reason', () => {
      const run = intake('check', join(fixturesRoot, 'webform/complete-subscriber.http'), '--channel', 'fax');
      assert.equal(run.status, 0, run.stderr);
      const report = JSON.parse(run.stdout) as { decision: string; reasons: string[]; document: { read: string; problem: string; original: unknown } };
      assert.equal(report.decision, 'archive-only');
      assert.ok(report.reasons.includes('DOCUMENT_UNREADABLE'));
      assert.deepEqual({ ...report.document, original: undefined }, { read: 'unreadable', pages: 0, problem: 'unsupported-format', original: undefined });
    });
  });

  context('when an e-mail is checked', () => {
    it('reads the .eml as the e-mail connector does and prints its decision', () => {
      const run = intake('check', join(fixturesRoot, 'email/attachment-pdf-bill.eml'), '--channel', 'email');
      assert.equal(run.status, 0, run.stderr);
      const report = JSON.parse(run.stdout) as { decision: string; customer: { nationalId: string | null } };
      assert.equal(report.decision, 'crm');
      assert.equal(report.customer.nationalId, '72217900794');
    });
  });

  context('when an SMS is checked', () => {
    it('reads the inbound-message fields (a flat JSON object of strings) as the Twilio connector does and prints its decision', () => {
      const run = intake('check', join(fixturesRoot, 'sms/ascii-turkish-high-bill-tc.sms.json'), '--channel', 'sms');
      assert.equal(run.status, 0, run.stderr);
      const report = JSON.parse(run.stdout) as { decision: string; emergency: boolean; customer: { nationalId: string | null; phone: string | null } };
      assert.equal(report.decision, 'needs-info');
      assert.equal(report.emergency, false);
      assert.equal(report.customer.nationalId, '12345678950');
      assert.equal(report.customer.phone, '+905339876543');
    });

    it('decides rejected, exit 0, for a file that is no inbound-message payload', () => {
      const run = intake('check', join(fixturesRoot, 'webform/complete-subscriber.http'), '--channel', 'sms');
      assert.equal(run.status, 0, run.stderr);
      const report = JSON.parse(run.stdout) as { decision: string; reasons: string[] };
      assert.equal(report.decision, 'rejected');
      assert.deepEqual(report.reasons, ['INTAKE_INPUT_UNREADABLE']);
    });
  });

  context('when a voicemail is checked', () => {
    it('reads the callback fields (a flat JSON object of strings) as the Twilio connector does, TranscriptionText as the text, and prints its decision', () => {
      const run = intake('check', join(fixturesRoot, 'voicemail/gas-smell-emergency.voicemail.json'), '--channel', 'voicemail');
      assert.equal(run.status, 0, run.stderr);
      const report = JSON.parse(run.stdout) as { decision: string; emergency: boolean; customer: { phone: string | null }; description: string | null };
      assert.equal(report.emergency, true);
      assert.equal(report.customer.phone, '+905441234567');
      assert.match(report.description ?? '', /gaz kokusu/);
    });

    it('decides rejected, exit 0, for a file that is no voicemail callback', () => {
      const run = intake('check', join(fixturesRoot, 'sms/ascii-turkish-high-bill-tc.sms.json'), '--channel', 'voicemail');
      assert.equal(run.status, 0, run.stderr);
      const report = JSON.parse(run.stdout) as { decision: string; reasons: string[] };
      assert.equal(report.decision, 'rejected');
      assert.deepEqual(report.reasons, ['INTAKE_REQUEST_INVALID']);
    });
  });

  context('when the channel is not one of the known ones', () => {
    it('exits 2 with the usage', () => {
      const run = intake('check', 'x', '--channel', 'pigeon');
      assert.equal(run.status, 2);
      assert.match(run.stderr, /--channel must be one of/);
    });
  });

  context('when the configuration has a bad value', () => {
    it('stops with a message naming the key and the variable', () => {
      const run = spawnSync(process.execPath, [join(repoRoot, 'bin/intake.js'), 'check', 'x', '--channel', 'webform'], { encoding: 'utf8', env: { PATH: process.env.PATH ?? '', KAFKA_BROKERS: 'not a broker' } });
      assert.equal(run.status, 2);
      assert.match(run.stderr, /kafka\.brokers\.0 \(from KAFKA_BROKERS\)/);
    });
  });
});
