/** Asserts that `actual` holds every key of `expected` with an equal value; objects are compared key by key. */
import assert from 'node:assert/strict';

export function assertSubset(actual: unknown, expected: unknown, path = '$'): void {
  if (typeof expected === 'object' && expected !== null && !Array.isArray(expected)) {
    assert.ok(typeof actual === 'object' && actual !== null, `${path} should be an object`);
    for (const [key, value] of Object.entries(expected)) {
      assertSubset((actual as Record<string, unknown>)[key], value, `${path}.${key}`);
    }
    return;
  }
  assert.deepEqual(actual, expected, `${path} differs`);
}
