/**
 * Reads the known fields of a posted form, leniently: real front ends add fields of their own
 * (CAPTCHA tokens, tracking parameters) and send numbers as JSON numbers, and losing an application
 * costs more than a stray field. So:
 * - an unknown field is ignored and its name (never its value) noted;
 * - an unambiguous scalar is coerced (`5329613742` → `"5329613742"`, `"true"` or a tick → `true`);
 * - a known field of an unusable type (an array, an object, a fraction) is dropped and noted, and
 *   the application goes on without it (the decision asks for what is then missing);
 * - text the database could not store (a lone surrogate, NUL) is repaired and noted.
 * The field names come from application-form.schema.json. Only those names are ever assigned, so a
 * `__proto__` or `constructor` key never reaches a prototype.
 */
import formSchema from '../../schemas/application-form.schema.json' with { type: 'json' };
import type { ApplicationForm, FieldNotes } from '../../schemas/types.generated.js';
import type { FieldError } from '../../runtime/schemas.js';
import { storableText } from '../../runtime/storable-text.js';

type FieldKind = { type: 'string' } | { type: 'boolean' } | { type: 'enum'; values: readonly string[] };

const fieldKinds: ReadonlyMap<string, FieldKind> = new Map(
  Object.entries(formSchema.properties).map(([name, spec]): [string, FieldKind] => {
    if ('enum' in spec) return [name, { type: 'enum', values: spec.enum }];
    return [name, { type: spec.type === 'boolean' ? 'boolean' : 'string' }];
  }),
);

/** The form's field names, for parsers that must tell a known field given twice. */
export const knownFields: ReadonlySet<string> = new Set(fieldKinds.keys());

// A caller's field name is noted as given but bounded: it is their text, not ours.
const MAX_NOTED_NAMES = 20;
const MAX_NAME_LENGTH = 64;

const truthy = new Set(['true', 'on', '1', 'yes', 'evet']);
const falsy = new Set(['false', 'off', '0', 'no', 'hayır', 'hayir', '']);

function asText(value: unknown): string | undefined {
  if (typeof value === 'string') return value;
  // Digits sent as a JSON number: a phone, national ID or account number. Fractions, negatives
  // and numbers past 2^53 (already rounded by the parser) are not what anyone typed.
  if (typeof value === 'number' && Number.isSafeInteger(value) && value >= 0) return String(value);
  return undefined;
}

function asBoolean(value: unknown): boolean | undefined {
  if (typeof value === 'boolean') return value;
  if (value === 1 || value === 0) return value === 1;
  if (typeof value !== 'string') return undefined;
  const lowered = value.trim().toLocaleLowerCase('tr-TR');
  return truthy.has(lowered) ? true : falsy.has(lowered) ? false : undefined;
}

function notedName(name: string): string {
  return storableText(name).replace(/[\p{Cc}\p{Cf}]/gu, '').slice(0, MAX_NAME_LENGTH);
}

export interface ReadFields {
  form: ApplicationForm;
  notes: FieldNotes;
  /** Problems the sender must fix (a channel we do not have); the form is refused with 400. */
  errors: FieldError[];
}

/** Reads name/value pairs (a parsed JSON object's entries, or a urlencoded body's). */
export function readFields(entries: Iterable<[string, unknown]>): ReadFields {
  const form: Record<string, unknown> = {};
  const notes: FieldNotes = { unknown: [], dropped: [], repaired: [] };
  const errors: FieldError[] = [];
  for (const [name, value] of entries) {
    const kind = fieldKinds.get(name);
    if (kind === undefined) {
      const noted = notedName(name);
      if (notes.unknown.length < MAX_NOTED_NAMES && !notes.unknown.includes(noted)) notes.unknown.push(noted);
      continue;
    }
    if (value === null || value === undefined) continue; // a cleared field: absent
    if (kind.type === 'boolean') {
      const flag = asBoolean(value);
      if (flag === undefined) notes.dropped.push(name);
      else form[name] = flag;
      continue;
    }
    const text = asText(value);
    if (text === undefined) {
      notes.dropped.push(name);
      continue;
    }
    if (kind.type === 'enum' && !kind.values.includes(text)) {
      // The channel decides who may enter a form: never guessed, never silently made public.
      errors.push({ path: name, message: `must be one of: ${kind.values.join(', ')}` });
      continue;
    }
    const stored = storableText(text);
    if (stored !== text) notes.repaired.push(name);
    form[name] = stored;
  }
  return { form: form as ApplicationForm, notes, errors };
}

/** True when the notes say nothing. */
export function notesAreEmpty(notes: FieldNotes): boolean {
  return notes.unknown.length === 0 && notes.dropped.length === 0 && notes.repaired.length === 0;
}
