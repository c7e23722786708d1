/**
 * The extractor scored on the labelled Turkish texts (fixtures/extraction/): the development sets
 * it was tuned on, and the blind set written before tuning by someone who had not seen its code.
 * Prints right / precision / recall per field; the floors below keep what was reached.
 */
import assert from 'node:assert/strict';
import { readdirSync } from 'node:fs';
import { join } from 'node:path';
import { repoRoot } from '../../support/infra.js';
import { formatScore, loadSet, scoreSet, type LabelledText, type SetScore } from '../../support/extraction-score.js';

const folder = join(repoRoot, 'fixtures', 'extraction');
const development: LabelledText[] = readdirSync(folder).filter((f) => /^labelled-.*\.json$/.test(f)).sort().flatMap((f) => loadSet(join(folder, f)));
const blind = loadSet(join(folder, 'blind.json'));

function report(name: string, texts: readonly LabelledText[]): SetScore {
  const score = scoreSet(texts);
  console.log(`\n${formatScore(name, score)}\n`);
  return score;
}

describe('extraction on the labelled sets', () => {
  it('has at least 200 development texts and 60 blind ones', () => {
    assert.ok(development.length >= 200, `${development.length} development texts`);
    assert.ok(blind.length >= 60, `${blind.length} blind texts`);
  });

  it('never records a wrong national ID on the development set', () => {
    const { fields } = report('development set (tuned on)', development);
    assert.equal(fields.nationalId.givenRight, fields.nationalId.given);
  });

  it('scores the blind set', () => {
    report('blind set (never tuned on)', blind);
  });
});
