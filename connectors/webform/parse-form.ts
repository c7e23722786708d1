/**
 * Turns a posted body into an application form, or refuses it with field errors. Pure: the HTTP
 * server and `intake check` both use it. Refused (400) only for what the sender must fix and we
 * cannot read: bytes that are not valid in the declared charset, JSON that does not parse or nests
 * deeper than a form can, a body that is not an object, a known field given twice, a channel we do
 * not have, a value over its length limit. Everything else is read leniently (read-fields.ts).
 */
import type { ApplicationForm, FieldNotes } from '../../schemas/types.generated.js';
import { fieldErrors, validateApplicationForm, type FieldError } from '../../runtime/schemas.js';
import { charsetOf, decodeBytes, supportedCharsets } from './charset.js';
import { nestsWithin } from './json-depth.js';
import { knownFields, readFields } from './read-fields.js';
import { parseUrlEncoded } from './urlencoded.js';

export type ParsedForm =
  | { ok: true; form: ApplicationForm; notes: FieldNotes }
  | { ok: false; status: 400 | 415; errors: FieldError[] };

const formTypes = ['application/json', 'application/x-www-form-urlencoded'] as const;

/** A form is flat: fields and, at most, a stray array or object one level down to drop. */
const MAX_JSON_DEPTH = 16;

const refuse = (errors: FieldError[], status: 400 | 415 = 400): ParsedForm => ({ ok: false, status, errors });

function mediaTypeOf(contentType: string): string {
  return contentType.split(';')[0]?.trim().toLowerCase() ?? '';
}

function jsonEntries(body: Uint8Array, charset: string): { entries: Array<[string, unknown]> } | { errors: FieldError[] } {
  const text = decodeBytes(body, charset);
  if (text === null) return { errors: [{ path: '(body)', message: `is not valid ${charset}; declare the body's charset in Content-Type` }] };
  if (!nestsWithin(text, MAX_JSON_DEPTH)) return { errors: [{ path: '(body)', message: `nests deeper than ${MAX_JSON_DEPTH} levels; a form is an object of fields` }] };
  let parsed: unknown;
  try {
    parsed = JSON.parse(text);
  } catch {
    return { errors: [{ path: '(root)', message: 'is not valid JSON' }] };
  }
  if (typeof parsed !== 'object' || parsed === null || Array.isArray(parsed)) return { errors: [{ path: '(root)', message: 'must be an object of form fields' }] };
  return { entries: Object.entries(parsed) };
}

function urlEncodedEntries(body: Uint8Array, charset: string): { entries: Array<[string, unknown]> } | { errors: FieldError[] } {
  const { entries, errors } = parseUrlEncoded(body, charset);
  const seen = new Set<string>();
  for (const [name] of entries) {
    // Which of two national IDs is the customer's? Not ours to pick. Unknown repeats are ignored.
    if (knownFields.has(name) && seen.has(name) && !errors.some((e) => e.path === name)) errors.push({ path: name, message: 'is given more than once' });
    seen.add(name);
  }
  return errors.length > 0 ? { errors } : { entries };
}

/** Parses a raw body of the given content type (with its charset parameter, UTF-8 when none). */
export function parseForm(contentType: string, body: Uint8Array): ParsedForm {
  const type = mediaTypeOf(contentType);
  if (!(formTypes as readonly string[]).includes(type)) return refuse([{ path: '(content-type)', message: `must be ${formTypes.join(' or ')}` }], 415);
  const charset = charsetOf(contentType);
  if (charset === null) return refuse([{ path: '(content-type)', message: `charset must be one of: ${supportedCharsets.join(', ')}` }], 415);
  const read = type === 'application/json' ? jsonEntries(body, charset) : urlEncodedEntries(body, charset);
  if ('errors' in read) return refuse(read.errors);
  const { form, notes, errors } = readFields(read.entries);
  if (errors.length > 0) return refuse(errors);
  if (!validateApplicationForm(form)) return refuse(fieldErrors(validateApplicationForm.errors));
  return { ok: true, form, notes };
}
