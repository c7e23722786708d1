/**
 * The extractor scored on the labelled Turkish texts (fixtures/extraction/): the development sets
 * it was tuned on, and the blind set written before tuning by someone who had not seen its code.
 * Prints right / precision / recall per field; the floors below keep what was reached.
 */
import assert from 'node:assert/strict';
import { readdirSync } from 'node:fs';
import { join } from 'node:path';
import { repoRoot } from '../../support/infra.js';
import { formatScore, loadSet, SCORED_FIELDS, scoreSet, type LabelledText, type ScoredField, type SetScore } from '../../support/extraction-score.js';

const folder = join(repoRoot, 'fixtures', 'extraction');
const development: LabelledText[] = readdirSync(folder).filter((f) => /^labelled-.*\.json$/.test(f)).sort().flatMap((f) => loadSet(join(folder, f)));
const blind = loadSet(join(folder, 'blind.json'));

/**
 * Share of texts each field is right on, as reached (development, after tuning) and as scored
 * once (blind, 2026-11-29): a change that reads worse fails here. Issue 7's targets are higher.
 */
const FLOORS: Record<'development' | 'blind', Record<ScoredField, number>> = {
  development: { fullName: 0.91, nationalId: 0.98, contractAccountNumber: 0.95, phone: 0.93, email: 0.99, address: 0.92, district: 0.89, proposedSolution: 1, caseRef: 0.97, contactPerson: 0.93, description: 0.89 },
  blind: { fullName: 0.85, nationalId: 0.97, contractAccountNumber: 0.96, phone: 0.93, email: 1, address: 0.9, district: 0.85, proposedSolution: 1, caseRef: 0.97, contactPerson: 0.89, description: 0.92 },
};

function assertFloors(score: SetScore, floors: Record<ScoredField, number>): void {
  for (const field of SCORED_FIELDS) {
    const s = score.fields[field];
    assert.ok(s.right / s.total >= floors[field], `${field}: ${s.right}/${s.total} right, floor ${floors[field]}`);
  }
}

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

  it('never records a wrong national ID on the development set, and reads no field worse than before', () => {
    const score = report('development set (tuned on)', development);
    assert.equal(score.fields.nationalId.givenRight, score.fields.nationalId.given);
    assertFloors(score, FLOORS.development);
  });

  it('reads no field of the blind set worse than when it was scored', () => {
    assertFloors(report('blind set (never tuned on)', blind), FLOORS.blind);
  });
});
