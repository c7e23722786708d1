/**
 * The only module that reads configuration: one JSON file plus the environment variables named by
 * `x-env` in `schemas/config.schema.json`. Defaults are applied, unknown keys rejected, every error
 * reported with its path, and the result frozen. Secrets (`x-secret`) are never echoed.
 */
import { readFileSync } from 'node:fs';
import type { IntakeConfig } from '../schemas/types.generated.js';
import { IntakeError } from './errors.js';
import { fieldErrors, schemaDocuments, validateConfig } from './schemas.js';

/**
 * The configuration after defaults: every key of config.schema.json has a default, so none is
 * optional any more (a nullable key stays nullable).
 */
export type Defaulted<T> = T extends readonly (infer U)[] ? readonly Defaulted<U>[] : T extends object ? { readonly [K in keyof T]-?: Defaulted<T[K]> } : T;
export type Config = Defaulted<IntakeConfig>;

/** A key of the configuration that an environment variable may set. */
export interface EnvBinding { path: string[]; variable: string; type: string; secret: boolean }

interface SchemaNode {
  type?: string | string[];
  properties?: Record<string, SchemaNode>;
  allOf?: SchemaNode[];
  $ref?: string;
  'x-env'?: string;
  'x-secret'?: boolean;
}

function walk(node: SchemaNode, path: string[], out: EnvBinding[]): void {
  const resolved = node.$ref ? (schemaDocuments.get(node.$ref) as SchemaNode) : node;
  for (const sub of resolved.allOf ?? []) walk(sub, path, out);
  if (resolved['x-env'] || resolved['x-secret']) {
    const types = Array.isArray(resolved.type) ? resolved.type : [resolved.type ?? 'string'];
    out.push({ path, variable: resolved['x-env'] ?? '', type: types.find((t) => t !== 'null') ?? 'string', secret: resolved['x-secret'] === true });
  }
  for (const [key, child] of Object.entries(resolved.properties ?? {})) walk(child, [...path, key], out);
}

/** Every key settable from the environment or marked secret, read off the schema. */
export const envBindings: readonly EnvBinding[] = (() => {
  const out: EnvBinding[] = [];
  walk(schemaDocuments.get('config.schema.json') as SchemaNode, [], out);
  return out;
})();

/** Dotted paths of the secret keys; they feed log redaction. */
export const secretPaths: readonly string[] = envBindings.filter((b) => b.secret).map((b) => b.path.join('.'));

/** A value that is not a JSON object is handed on as it is, so validation names the key (never the value). */
function parseJsonObject(raw: string): unknown {
  try {
    return JSON.parse(raw) as unknown;
  } catch {
    return raw;
  }
}

function parseEnvValue(binding: EnvBinding, raw: string): unknown {
  switch (binding.type) {
    case 'array':
      return raw.split(',').map((s) => s.trim()).filter((s) => s !== '');
    case 'integer':
    case 'number':
      return /^-?\d+(\.\d+)?$/.test(raw.trim()) ? Number(raw) : raw;
    case 'boolean':
      return raw === 'true' ? true : raw === 'false' ? false : raw;
    case 'object': {
      // A JSON object where a value holds a comma (a password).
      if (raw.trim().startsWith('{')) return parseJsonObject(raw);
      // name=value,name=value; a value may itself contain '='.
      const entries = raw.split(',').filter((s) => s.trim() !== '').map((pair) => {
        const at = pair.indexOf('=');
        return at < 0 ? [pair.trim(), ''] : [pair.slice(0, at).trim(), pair.slice(at + 1).trim()];
      });
      return Object.fromEntries(entries);
    }
    default:
      return raw;
  }
}

function setPath(target: Record<string, unknown>, path: string[], value: unknown): void {
  let node = target;
  for (const key of path.slice(0, -1)) {
    const next = node[key];
    if (typeof next !== 'object' || next === null || Array.isArray(next)) node[key] = {};
    node = node[key] as Record<string, unknown>;
  }
  node[path[path.length - 1] as string] = value;
}

function deepFreeze<T>(value: T): T {
  if (typeof value === 'object' && value !== null) {
    for (const child of Object.values(value)) deepFreeze(child);
    Object.freeze(value);
  }
  return value;
}

/** Where JSON.parse failed (when it says), as line and column, without any of the text around it. */
function jsonFaultPosition(text: string, error: unknown): string {
  const position = /position (\d+)/.exec((error as Error).message)?.[1];
  if (position === undefined) return '';
  const before = text.slice(0, Number(position));
  return ` at line ${before.split('\n').length}, column ${before.length - before.lastIndexOf('\n')}`;
}

function readFile(file: string): Record<string, unknown> {
  let text: string;
  try {
    text = readFileSync(file, 'utf8');
  } catch (cause) {
    throw new IntakeError('INTAKE_CONFIG_UNREADABLE', `cannot read config file ${file}: ${(cause as NodeJS.ErrnoException).code ?? 'error'}`, { cause });
  }
  let parsed: unknown;
  try {
    parsed = JSON.parse(text);
  } catch (error) {
    // JSON.parse quotes the text around the fault, which may be a secret: say only where it is.
    throw new IntakeError('INTAKE_CONFIG_UNREADABLE', `config file ${file} is not valid JSON${jsonFaultPosition(text, error)}`);
  }
  if (typeof parsed !== 'object' || parsed === null || Array.isArray(parsed)) {
    throw new IntakeError('INTAKE_CONFIG_INVALID', `config file ${file} must hold a JSON object`);
  }
  return parsed as Record<string, unknown>;
}

/**
 * Reads, validates and freezes the configuration.
 * @param options.file a JSON file, or null for the embedded defaults
 * @param options.env the process environment (passed in: nothing else reads it)
 * @throws IntakeError INTAKE_CONFIG_UNREADABLE, INTAKE_CONFIG_INVALID (every bad key, by path)
 */
export function loadConfig(options: { file?: string | null; env?: Readonly<Record<string, string | undefined>> } = {}): Config {
  const env = options.env ?? {};
  const file = options.file ?? null;
  const candidate = file ? readFile(file) : {};
  const fromEnv = new Map<string, string>();
  for (const binding of envBindings) {
    const raw = binding.variable ? env[binding.variable] : undefined;
    if (raw === undefined || raw === '') continue;
    setPath(candidate, binding.path, parseEnvValue(binding, raw));
    fromEnv.set(binding.path.join('.'), binding.variable);
  }
  if (!validateConfig(candidate)) {
    const problems = fieldErrors(validateConfig.errors).map((e) => {
      const variable = [...fromEnv].find(([path]) => e.path === path || e.path.startsWith(`${path}.`))?.[1];
      return `${e.path}${variable ? ` (from ${variable})` : ''}: ${e.message}`;
    });
    throw new IntakeError('INTAKE_CONFIG_INVALID', `invalid configuration${file ? ` in ${file}` : ''}:\n  ${problems.join('\n  ')}`, {
      details: { problems },
    });
  }
  // Every key has a default (a test keeps config.schema.json so), which makes the cast sound.
  return deepFreeze(candidate) as Config;
}
