/**
 * The extractor scored on the labelled Turkish texts (fixtures/extraction/): the development sets
 * it was tuned on, and five blind sets, each written before a round of tuning by someone who had
 * seen neither the code nor the other sets. Prints right / precision / recall per field; the
 * floors below keep what was reached, so a change that reads worse fails here.
 */
import assert from 'node:assert/strict';
import { readdirSync } from 'node:fs';
import { join } from 'node:path';
import { repoRoot } from '../../support/infra.js';
import { formatScore, loadSet, SCORED_FIELDS, scoreSet, type LabelledText, type ScoredField, type SetScore } from '../../support/extraction-score.js';

const folder = join(repoRoot, 'fixtures', 'extraction');
const development: LabelledText[] = readdirSync(folder).filter((f) => /^labelled-.*\.json$/.test(f)).sort().flatMap((f) => loadSet(join(folder, f)));
const blind = loadSet(join(folder, 'blind.json'));
const blind2 = loadSet(join(folder, 'blind-2.json'));
const blind3 = loadSet(join(folder, 'blind-3.json'));
const blind4 = loadSet(join(folder, 'blind-4.json'));
const blind5 = loadSet(join(folder, 'blind-5.json'));

/**
 * Share of texts each field is right on, as reached on 2026-11-29 after the fifth round of
 * tuning: development as tuned; blind-5 as scored that once; the earlier blind sets as re-scored
 * then, their misses never read. Issue 7's targets: 95% every field on a blind set, no wrong ID.
 */
const FLOORS: Record<'development' | 'blind' | 'blind2' | 'blind3' | 'blind4' | 'blind5', Record<ScoredField, number>> = {
  development: { fullName: 0.94, nationalId: 0.99, contractAccountNumber: 0.98, phone: 0.96, email: 0.98, address: 0.96, district: 0.96, proposedSolution: 0.99, caseRef: 0.99, contactPerson: 0.95, description: 0.97 },
  blind: { fullName: 0.89, nationalId: 1, contractAccountNumber: 0.98, phone: 0.96, email: 1, address: 0.97, district: 0.94, proposedSolution: 1, caseRef: 1, contactPerson: 0.94, description: 0.98 },
  blind2: { fullName: 0.91, nationalId: 0.97, contractAccountNumber: 0.98, phone: 0.97, email: 1, address: 0.91, district: 0.91, proposedSolution: 1, caseRef: 1, contactPerson: 0.96, description: 0.93 },
  blind3: { fullName: 0.88, nationalId: 0.97, contractAccountNumber: 0.97, phone: 0.96, email: 1, address: 0.97, district: 0.97, proposedSolution: 1, caseRef: 1, contactPerson: 0.96, description: 0.96 },
  blind4: { fullName: 0.91, nationalId: 0.98, contractAccountNumber: 0.98, phone: 0.95, email: 1, address: 0.93, district: 0.93, proposedSolution: 0.97, caseRef: 1, contactPerson: 0.93, description: 0.93 },
  blind5: { fullName: 0.97, nationalId: 1, contractAccountNumber: 0.98, phone: 0.95, email: 1, address: 0.97, district: 0.96, proposedSolution: 1, caseRef: 1, contactPerson: 0.97, description: 1 },
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
  it('has at least 200 development texts and 60 in each blind set', () => {
    assert.ok(development.length >= 200, `${development.length} development texts`);
    assert.ok(blind.length >= 60, `${blind.length} blind texts`);
    assert.ok(blind2.length >= 60, `${blind2.length} second blind texts`);
    assert.ok(blind3.length >= 60, `${blind3.length} third blind texts`);
    assert.ok(blind4.length >= 60, `${blind4.length} fourth blind texts`);
    assert.ok(blind5.length >= 60, `${blind5.length} fifth blind texts`);
  });

  it('never records a wrong national ID on the development set, and reads no field worse than before', () => {
    const score = report('development set (tuned on)', development);
    assert.equal(score.fields.nationalId.givenRight, score.fields.nationalId.given);
    assertFloors(score, FLOORS.development);
  });

  it('reads no field of the first blind set worse than when it was re-scored', () => {
    assertFloors(report('blind set (never tuned on, scored after each round)', blind), FLOORS.blind);
  });

  it('reads no field of the second blind set worse than when it was re-scored', () => {
    assertFloors(report('blind-2 set (never tuned on, scored after the second and third rounds)', blind2), FLOORS.blind2);
  });

  it('reads no field of the third blind set worse than when it was re-scored', () => {
    assertFloors(report('blind-3 set (never tuned on, scored after the third and fourth rounds)', blind3), FLOORS.blind3);
  });

  it('reads no field of the fourth blind set worse than when it was re-scored', () => {
    assertFloors(report('blind-4 set (never tuned on, scored after the fourth and fifth rounds)', blind4), FLOORS.blind4);
  });

  it('reads no field of the fifth blind set worse than when it was scored, each at 95% or more', () => {
    const score = report('blind-5 set (never tuned on, scored once)', blind5);
    assertFloors(score, FLOORS.blind5);
    for (const field of SCORED_FIELDS) assert.ok(score.fields[field].right / score.fields[field].total >= 0.95, field);
  });

  it('never records a wrong national ID on the fourth and fifth blind sets', () => {
    for (const set of [blind4, blind5]) {
      const { fields } = scoreSet(set);
      assert.equal(fields.nationalId.givenRight, fields.nationalId.given);
    }
  });
});
