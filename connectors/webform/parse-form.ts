/**
 * Turns a posted body into an application form, or field-level errors. Pure: the HTTP server and
 * `intake check` both use it. JSON keeps its types; a urlencoded form sends only strings, so
 * `isSubscriber` is read from the usual tick-box spellings.
 */
import type { ApplicationForm } from '../../schemas/types.generated.js';
import { fieldErrors, validateApplicationForm, type FieldError } from '../../runtime/schemas.js';

export type ParsedForm = { ok: true; form: ApplicationForm } | { ok: false; errors: FieldError[] };

const truthy = new Set(['true', 'on', '1', 'yes', 'evet']);
const falsy = new Set(['false', 'off', '0', 'no', 'hayır', 'hayir', '']);

/** Reads a urlencoded body's fields; a field given twice is an error, not a silent pick. */
export function fromUrlEncoded(body: string): { fields: Record<string, unknown>; errors: FieldError[] } {
  const fields: Record<string, unknown> = {};
  const errors: FieldError[] = [];
  for (const [name, value] of new URLSearchParams(body)) {
    if (name in fields) errors.push({ path: name, message: 'is given more than once' });
    else fields[name] = value;
  }
  const tick = fields.isSubscriber;
  if (typeof tick === 'string') {
    const lowered = tick.trim().toLocaleLowerCase('tr-TR');
    if (truthy.has(lowered)) fields.isSubscriber = true;
    else if (falsy.has(lowered)) fields.isSubscriber = false;
  }
  return { fields, errors };
}

/** Validates already-decoded fields against application-form.schema.json. */
export function validateForm(fields: unknown): ParsedForm {
  if (typeof fields !== 'object' || fields === null || Array.isArray(fields)) {
    return { ok: false, errors: [{ path: '(root)', message: 'must be an object of form fields' }] };
  }
  const copy = structuredClone(fields) as Record<string, unknown>;
  if (!validateApplicationForm(copy)) return { ok: false, errors: fieldErrors(validateApplicationForm.errors) };
  return { ok: true, form: copy };
}

/** Parses a raw body of the given content type. */
export function parseForm(contentType: string, body: string): ParsedForm {
  const type = contentType.split(';')[0]?.trim().toLowerCase() ?? '';
  if (type === 'application/x-www-form-urlencoded') {
    const { fields, errors } = fromUrlEncoded(body);
    if (errors.length > 0) return { ok: false, errors };
    return validateForm(fields);
  }
  if (type === 'application/json') {
    let parsed: unknown;
    try {
      parsed = JSON.parse(body);
    } catch {
      return { ok: false, errors: [{ path: '(root)', message: 'is not valid JSON' }] };
    }
    return validateForm(parsed);
  }
  return { ok: false, errors: [{ path: '(content-type)', message: 'must be application/json or application/x-www-form-urlencoded' }] };
}
