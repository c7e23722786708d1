import assert from 'node:assert/strict';
import { fieldValue, firstValue, readHead } from '../../../connectors/email/header-fields.js';

const everything = { maxBytes: 1024 * 1024, keep: (): boolean => true };

describe('connectors/email readHead', () => {
  it('reads folded fields with their byte ranges, and where the body begins', () => {
    const raw = Buffer.from('Subject: bir\r\n iki\r\nFrom: a@example.com\r\n\r\ngövde');
    const head = readHead(raw, 0, raw.length, everything);
    assert.deepEqual(head.fields.map((f) => f.name), ['subject', 'from']);
    assert.equal(firstValue(raw, head, 'subject'), 'bir iki');
    assert.equal(raw.toString('utf8', head.bodyStart), 'gövde');
    assert.equal(raw.toString('latin1', head.fields[0]?.start, head.fields[0]?.end), 'Subject: bir\r\n iki\r\n');
  });

  it('reads LF line endings and skips garbled lines', () => {
    const raw = Buffer.from('From sender Tue Dec  1 10:00:00 2026\nnot a field\nSubject: x\n\nbody');
    const head = readHead(raw, 0, raw.length, everything);
    assert.deepEqual(head.fields.map((f) => f.name), ['subject']);
    assert.equal(raw.toString('latin1', head.bodyStart), 'body');
  });

  it('takes a message without a blank line for all header', () => {
    const raw = Buffer.from('Subject: kesik\r\nContent-Type: multipart/mixed; bou');
    const head = readHead(raw, 0, raw.length, everything);
    assert.equal(head.bodyStart, raw.length);
    assert.equal(head.fields.length, 2);
  });

  it('past the byte bound collects only the first field of each kept name', () => {
    const filler = Array.from({ length: 100 }, (_, i) => `X-Stamp-${i}: ${'x'.repeat(50)}`).join('\r\n');
    const raw = Buffer.from(`Subject: a\r\n${filler}\r\nFrom: a@example.com\r\nFrom: b@example.com\r\nX-Late: 1\r\n\r\nbody`);
    const head = readHead(raw, 0, raw.length, { maxBytes: 1000, keep: (name) => name === 'from' });
    assert.equal(head.oversized, true);
    assert.deepEqual(head.fields.filter((f) => !f.name.startsWith('x-stamp')).map((f) => f.name), ['subject', 'from']);
    assert.equal(fieldValue(raw, head.fields.at(-1) ?? head.fields[0]!), 'a@example.com');
  });
});
