import assert from 'node:assert/strict';
import { readFile } from 'node:fs/promises';
import { renderTypes, typesFile } from '../../schemas/generate-types.js';

describe('schemas/types.generated.ts', () => {
  it('is what the JSON Schemas produce (run `npm run schemas:types` after editing a schema)', async function () {
    this.timeout(30000);
    assert.equal(await readFile(typesFile, 'utf8'), await renderTypes());
  });
});
