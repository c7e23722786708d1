/**
 * The inbound-message webhook's body: application/x-www-form-urlencoded in UTF-8. Parameters are
 * kept exactly as decoded, since the signature is computed over them: a name given twice keeps
 * all its values (the twilio library signs them sorted), and names go into an object without a
 * prototype, so `__proto__` or `constructor` are names like any other.
 */
export type FormParams = Record<string, string | string[]>;

function emptyParams(): FormParams {
  return Object.create(null) as FormParams;
}

/** Adds one name and value, keeping earlier values of the same name. */
function add(params: FormParams, name: string, value: string): void {
  const before = params[name];
  params[name] = before === undefined ? value : Array.isArray(before) ? [...before, value] : [before, value];
}

/** Decodes a urlencoded body (`+` is a space, `%XX` a UTF-8 byte). */
export function parseFormParams(body: Buffer): FormParams {
  const params = emptyParams();
  for (const [name, value] of new URLSearchParams(body.toString('utf8'))) add(params, name, value);
  return params;
}

/** The parameters of a flat object of strings (an `intake check` file); null when it is not one. */
export function formParamsOf(value: unknown): FormParams | null {
  if (typeof value !== 'object' || value === null || Array.isArray(value)) return null;
  const params = emptyParams();
  for (const [name, field] of Object.entries(value)) {
    if (typeof field !== 'string') return null;
    add(params, name, field);
  }
  return params;
}

/** The body Twilio would post for these parameters. */
export function encodeFormParams(params: FormParams): string {
  const search = new URLSearchParams();
  for (const [name, value] of Object.entries(params)) for (const one of Array.isArray(value) ? value : [value]) search.append(name, one);
  return search.toString();
}
