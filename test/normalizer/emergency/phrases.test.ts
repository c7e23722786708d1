/**
 * Replays fixtures/emergency/phrases.json through detectEmergency and prints the false alarms and
 * the missed reports. A missed gas leak is far worse than a false alarm (DOMAIN.md rule 7), so no
 * miss is tolerated; false alarms are allowed up to MAX_FALSE_ALARMS (one is kept on purpose: a
 * topical "gaz kokusu ile ilgili broşür" reads as a report).
 */
import assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { detectEmergency } from '../../../normalizer/emergency/index.js';
import { fixturesRoot } from '../../support/fixtures.js';

interface Labelled { id: string; emergency: boolean; kind: string; text: string }

const MAX_FALSE_ALARMS = 3;

const items = (JSON.parse(readFileSync(join(fixturesRoot, 'emergency', 'phrases.json'), 'utf8')) as { items: Labelled[] }).items;

function rate(n: number, of: number): string {
  return `${((100 * n) / of).toFixed(1)}%`;
}

describe('detectEmergency on fixtures/emergency/phrases.json', () => {
  const positives = items.filter((i) => i.emergency);
  const negatives = items.filter((i) => !i.emergency);
  const missed = positives.filter((i) => !detectEmergency(i.text).emergency);
  const falseAlarms = negatives.filter((i) => detectEmergency(i.text).emergency);

  before(() => {
    console.log(`      emergency: ${items.length} sentences, ${positives.length} reports, ${negatives.length} not`);
    console.log(`      false negatives ${missed.length} (${rate(missed.length, positives.length)}), false positives ${falseAlarms.length} (${rate(falseAlarms.length, negatives.length)})`);
    for (const i of missed) console.log(`        missed ${i.id} [${i.kind}]: ${i.text}`);
    for (const i of falseAlarms) console.log(`        false alarm ${i.id} [${i.kind}]: ${i.text} → ${detectEmergency(i.text).evidence.join(' | ')}`);
  });

  context('when the set is checked', () => {
    it('has at least 40 reports and 40 other sentences, each id once', () => {
      assert.ok(positives.length >= 40 && negatives.length >= 40);
      assert.equal(new Set(items.map((i) => i.id)).size, items.length);
    });
  });

  context('when a sentence reports a gas smell or leak', () => {
    it('flags every one of them', () => {
      assert.deepEqual(missed.map((i) => i.id), []);
    });
  });

  context('when a sentence does not report one', () => {
    it(`raises at most ${MAX_FALSE_ALARMS} false alarms`, () => {
      assert.ok(falseAlarms.length <= MAX_FALSE_ALARMS, falseAlarms.map((i) => i.id).join(', '));
    });
  });
});
