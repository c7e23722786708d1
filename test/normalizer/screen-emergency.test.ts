/** The screen a connector runs at capture agrees with the decision's, on every labelled text. */
import assert from 'node:assert/strict';
import { readdirSync } from 'node:fs';
import { join } from 'node:path';
import { candidateFields } from '../../normalizer/candidate-fields.js';
import { screenFields, screenItemForEmergency } from '../../normalizer/screen-emergency.js';
import { loadSet, rawItemOf } from '../support/extraction-score.js';
import { fixturesRoot } from '../support/fixtures.js';

describe('screenItemForEmergency', () => {
  const dir = join(fixturesRoot, 'extraction');
  const items = readdirSync(dir).filter((f) => f.endsWith('.json')).sort().flatMap((f) => loadSet(join(dir, f))).map(rawItemOf);

  it(`finds what the decision's screen finds, reading only the own words (${items.length} texts)`, () => {
    let emergencies = 0;
    for (const item of items) {
      const atCapture = screenItemForEmergency(item);
      assert.deepEqual(atCapture, screenFields(candidateFields({ ...item })), item.itemId);
      if (atCapture.emergency) emergencies++;
    }
    assert.ok(emergencies > 0, 'some labelled texts report gas');
  });
});
