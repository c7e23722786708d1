/**
 * Issue 6, finding 1 ("202, then lost") as a property: whatever the form parser accepts becomes a
 * raw item that matches its schema and a decision whose every string the database can store.
 */
import assert from 'node:assert/strict';
import fc from 'fast-check';
import { parseForm } from '../../../connectors/webform/parse-form.js';
import { formToRawItem } from '../../../connectors/webform/to-raw-item.js';
import { decide } from '../../../normalizer/decide.js';
import { validateDecision, validateRawItem } from '../../../runtime/schemas.js';
import { isStorableText } from '../../../runtime/storable-text.js';
import { formRequest } from '../../support/form-arbitraries.js';

function everyString(value: unknown, visit: (text: string) => void): void {
  if (typeof value === 'string') visit(value);
  else if (Array.isArray(value)) for (const v of value) everyString(v, visit);
  else if (value !== null && typeof value === 'object') for (const [k, v] of Object.entries(value)) { visit(k); everyString(v, visit); }
}

describe('connectors/webform parseForm (property)', () => {
  it('never throws, and answers 400 or 415 when it refuses', () => {
    fc.assert(fc.property(formRequest, ({ contentType, body }) => {
      const parsed = parseForm(contentType, body);
      if (!parsed.ok) assert.ok(parsed.status === 400 || parsed.status === 415);
    }), { numRuns: 2000 });
  });

  it('finding 1: any accepted form yields a schema-valid raw item and a decision the database can store', () => {
    fc.assert(fc.property(formRequest, ({ contentType, body }) => {
      const parsed = parseForm(contentType, body);
      if (!parsed.ok) return;
      const item = formToRawItem(parsed.form, { itemId: 'webform:0123456789abcdef0123456789abcdef', receivedAt: new Date('2026-11-28T10:00:00Z'), enteredBy: null, notes: parsed.notes });
      assert.ok(validateRawItem(item), JSON.stringify(validateRawItem.errors));
      const decision = decide(item);
      assert.ok(validateDecision(decision), JSON.stringify(validateDecision.errors));
      everyString(decision, (text) => assert.ok(isStorableText(text), 'a string the database would refuse'));
    }), { numRuns: 2000 });
  });

  it('never lets a key reach a prototype', () => {
    fc.assert(fc.property(formRequest, ({ contentType, body }) => {
      const parsed = parseForm(contentType, body);
      if (parsed.ok) assert.equal(Object.getPrototypeOf(parsed.form), Object.prototype);
    }), { numRuns: 1000 });
    assert.equal(({} as Record<string, unknown>).polluted, undefined);
    assert.equal(({} as Record<string, unknown>).isSubscriber, undefined);
  });
});
