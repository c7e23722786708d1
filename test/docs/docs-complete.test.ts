/** The catalogues and their documentation cannot drift apart. */
import assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import reasonCodes from '../../schemas/reason-code.schema.json' with { type: 'json' };
import { envBindings } from '../../runtime/config.js';
import { errorCatalogue } from '../../runtime/errors.js';
import { schemaDocuments } from '../../runtime/schemas.js';
import { repoRoot } from '../support/infra.js';

const doc = (name: string): string => readFileSync(join(repoRoot, 'docs', name), 'utf8');

function leafPaths(node: Record<string, unknown>, prefix: string[] = []): string[] {
  const resolved = (typeof node.$ref === 'string' ? schemaDocuments.get(node.$ref) : node) as Record<string, unknown>;
  const viaAllOf = ((resolved.allOf as Record<string, unknown>[] | undefined) ?? []).flatMap((s) => leafPaths(s, prefix));
  const properties = resolved.properties as Record<string, Record<string, unknown>> | undefined;
  if (!properties) return viaAllOf.length > 0 ? viaAllOf : [prefix.join('.')];
  return Object.entries(properties).flatMap(([key, child]) => leafPaths(child, [...prefix, key]));
}

describe('docs', () => {
  it('errors.md documents every error code of the catalogue', () => {
    for (const code of Object.keys(errorCatalogue)) assert.match(doc('errors.md'), new RegExp(`\`${code}\``), code);
  });
  it('reason-codes.md documents every reason code', () => {
    for (const code of reasonCodes.enum) assert.match(doc('reason-codes.md'), new RegExp(`\`${code}\``), code);
  });
  it('configuration.md documents every configuration key and variable', () => {
    const text = doc('configuration.md');
    for (const path of leafPaths(schemaDocuments.get('config.schema.json') as Record<string, unknown>)) assert.ok(text.includes(`\`${path}\``), path);
    for (const binding of envBindings) if (binding.variable) assert.ok(text.includes(binding.variable), binding.variable);
  });
});
