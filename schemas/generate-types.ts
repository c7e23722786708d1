/**
 * Derives `schemas/types.generated.ts` from the JSON Schemas in this folder, which stay the single
 * source of truth. `npm run schemas:types` rewrites the file; a test fails when the committed file
 * has drifted from what the schemas produce.
 */
import { readdir, readFile, writeFile } from 'node:fs/promises';
import { fileURLToPath } from 'node:url';
import { join } from 'node:path';
import { compile, type JSONSchema } from 'json-schema-to-typescript';

export const schemasDir = fileURLToPath(new URL('../../schemas/', import.meta.url));
export const typesFile = join(schemasDir, 'types.generated.ts');

const banner = '/* Generated from schemas/*.schema.json by `npm run schemas:types`. Do not edit. */';

/** Renders the TypeScript declarations for every schema, in a stable order. */
export async function renderTypes(): Promise<string> {
  const files = (await readdir(schemasDir)).filter((f) => f.endsWith('.schema.json')).sort();
  const parts: string[] = [banner];
  for (const file of files) {
    const schema = JSON.parse(await readFile(join(schemasDir, file), 'utf8')) as JSONSchema;
    const ts = await compile(schema, schema.title ?? file, {
      cwd: schemasDir,
      bannerComment: '',
      declareExternallyReferenced: false,
      // minItems is validation, not shape: as tuples it would repeat each item type.
      ignoreMinAndMaxItems: true,
      additionalProperties: false,
      style: { singleQuote: true, printWidth: 100 },
    });
    parts.push(ts.trim());
  }
  return parts.join('\n\n') + '\n';
}

if (import.meta.url === `file://${process.argv[1]}`) {
  await writeFile(typesFile, await renderTypes());
  console.log(`wrote ${typesFile}`);
}
