import assert from 'node:assert/strict';
import { deadLetter } from '../../normalizer/dead-letter.js';
import { IntakeError } from '../../runtime/errors.js';
import type { IncomingMessage } from '../../runtime/kafka/types.js';

const nationalId = '70226422252';

function message(overrides: Partial<IncomingMessage> = {}): IncomingMessage {
  return {
    topic: 'intake.raw.v1',
    partition: 2,
    offset: '41',
    key: 'webform:0000000000000000000000000000002a',
    value: Buffer.from(`{"nationalId":"${nationalId}"`),
    headers: { 'x-trace-id': 't-1' },
    ...overrides,
  };
}

describe('deadLetter', () => {
  context('when the error is an IntakeError', () => {
    it('keeps key and original bytes and puts code, message and origin in headers', () => {
      const original = message();
      const letter = deadLetter(original, new IntakeError('INTAKE_MESSAGE_INVALID', 'raw message is not JSON'));
      assert.equal(letter.key, original.key);
      assert.deepEqual(letter.value, original.value);
      assert.deepEqual(letter.headers, {
        'x-trace-id': 't-1',
        'x-error-code': 'INTAKE_MESSAGE_INVALID',
        'x-error-message': 'raw message is not JSON',
        'x-original-topic': 'intake.raw.v1',
        'x-original-partition': '2',
        'x-original-offset': '41',
      });
    });
  });

  context('when the error is foreign and its text quotes personal data', () => {
    it('records INTAKE_INTERNAL and only the error name', () => {
      const letter = deadLetter(message(), new TypeError(`cannot read nationalId ${nationalId}`));
      assert.equal(letter.headers?.['x-error-code'], 'INTAKE_INTERNAL');
      assert.equal(letter.headers?.['x-error-message'], 'TypeError');
      assert.ok(!JSON.stringify(letter.headers).includes(nationalId));
    });
  });

  context('when something other than an Error was thrown', () => {
    it('records INTAKE_INTERNAL and a generic name, not the thrown value', () => {
      for (const thrown of [nationalId, null, undefined, 42]) {
        const letter = deadLetter(message(), thrown);
        assert.equal(letter.headers?.['x-error-code'], 'INTAKE_INTERNAL');
        assert.equal(letter.headers?.['x-error-message'], 'Error');
      }
    });
  });

  context('when the message has no key and no value', () => {
    it('keys it by topic/partition/offset and sends empty bytes', () => {
      const letter = deadLetter(message({ key: null, value: null }), new IntakeError('INTAKE_MESSAGE_INVALID', 'raw message is not JSON'));
      assert.equal(letter.key, 'intake.raw.v1/2/41');
      assert.deepEqual(letter.value, Buffer.alloc(0));
    });
  });

  context('when the error message is very long', () => {
    it('cuts the header at 1000 characters', () => {
      const letter = deadLetter(message(), new IntakeError('INTAKE_MESSAGE_INVALID', 'x'.repeat(5000)));
      assert.equal(letter.headers?.['x-error-message']?.length, 1000);
    });
  });

  context('when the original headers try to set the error headers', () => {
    it('overwrites them with the real ones', () => {
      const letter = deadLetter(message({ headers: { 'x-error-code': 'FAKE', 'x-original-offset': '0' } }), new IntakeError('INTAKE_MESSAGE_INVALID', 'bad'));
      assert.equal(letter.headers?.['x-error-code'], 'INTAKE_MESSAGE_INVALID');
      assert.equal(letter.headers?.['x-original-offset'], '41');
    });
  });
});
