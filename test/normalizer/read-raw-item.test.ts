import assert from 'node:assert/strict';
import { readRawItem } from '../../normalizer/read-raw-item.js';
import type { IntakeError } from '../../runtime/errors.js';
import { expectIntakeError } from '../support/intake-error.js';
import { formItem, rawItem, validNationalId } from './raw-item-fixture.js';

/** Asserts that `fn` throws INTAKE_MESSAGE_INVALID, not retriable, and returns the error. */
function invalid(fn: () => unknown): IntakeError {
  const caught = expectIntakeError(fn, 'INTAKE_MESSAGE_INVALID');
  assert.equal(caught.retriable, false);
  return caught;
}

describe('readRawItem', () => {
  context('when the message is a valid raw item', () => {
    it('returns it', () => {
      const item = formItem('webform', { proposedSolution: 'Sayaç değişsin.' });
      assert.deepEqual(readRawItem(Buffer.from(JSON.stringify(item))), item);
    });

    it('accepts free text with attachments', () => {
      const item = rawItem('email', {
        text: { subject: 'Fatura', body: 'Merhaba', sender: 'ayse@example.com', autoSubmitted: false },
        attachments: [{ ref: `sha256:${'0'.repeat(64)}`, contentType: 'image/tiff', size: 10 }],
      });
      assert.deepEqual(readRawItem(Buffer.from(JSON.stringify(item))), item);
    });
  });

  context('when the message is not JSON', () => {
    it('throws INTAKE_MESSAGE_INVALID without quoting the bytes', () => {
      const error = invalid(() => readRawItem(Buffer.from(`{"form":{"nationalId":"${validNationalId}"`)));
      assert.match(error.message, /not JSON/);
      assert.ok(!error.message.includes(validNationalId));
    });

    it('throws INTAKE_MESSAGE_INVALID for a message without a value', () => {
      invalid(() => readRawItem(null));
      invalid(() => readRawItem(Buffer.alloc(0)));
    });
  });

  context('when the message is JSON but not a raw item', () => {
    it('names the path of the bad field, never its value', () => {
      const item = { ...formItem('webform'), form: { nationalId: Number(validNationalId) } };
      const error = invalid(() => readRawItem(Buffer.from(JSON.stringify(item))));
      assert.match(error.message, /form\.nationalId/);
      assert.ok(!error.message.includes(validNationalId), error.message);
      assert.ok(!JSON.stringify(error.details).includes(validNationalId));
    });

    it('does not quote a personal value that breaks a pattern', () => {
      const item = { ...rawItem('webform'), itemId: `webform:${validNationalId}` };
      const error = invalid(() => readRawItem(Buffer.from(JSON.stringify(item))));
      assert.match(error.message, /itemId/);
      assert.ok(!error.message.includes(validNationalId), error.message);
    });

    it('does not quote a personal value that is too long', () => {
      const long = `${validNationalId} ${validNationalId}`;
      const item = { ...formItem('webform'), form: { nationalId: long } };
      const error = invalid(() => readRawItem(Buffer.from(JSON.stringify(item))));
      assert.match(error.message, /form\.nationalId/);
      assert.ok(!error.message.includes(validNationalId), error.message);
    });

    it('names unknown and missing fields', () => {
      const item: Record<string, unknown> = { ...rawItem('webform'), tckn: validNationalId };
      delete item.attachments;
      const error = invalid(() => readRawItem(Buffer.from(JSON.stringify(item))));
      assert.match(error.message, /tckn is not a known field/);
      assert.match(error.message, /attachments is required/);
      assert.ok(!error.message.includes(validNationalId), error.message);
    });

    it('rejects a JSON value that is not an object', () => {
      for (const value of ['null', '[]', '"x"', '42']) invalid(() => readRawItem(Buffer.from(value)));
    });

    it('rejects another schema version', () => {
      const error = invalid(() => readRawItem(Buffer.from(JSON.stringify({ ...rawItem('sms'), schemaVersion: 2 }))));
      assert.match(error.message, /schemaVersion/);
    });
  });
});
