import assert from 'node:assert/strict';
import { IntakeError } from '../../runtime/errors.js';

/** Asserts that `fn` throws an IntakeError with `code` and returns it, for further checks. */
export function expectIntakeError(fn: () => unknown, code: IntakeError['code']): IntakeError {
  let caught: unknown;
  try {
    fn();
  } catch (error) {
    caught = error;
  }
  assert.ok(caught instanceof IntakeError, `expected an IntakeError, got ${String(caught)}`);
  assert.equal(caught.code, code, caught.message);
  return caught;
}
