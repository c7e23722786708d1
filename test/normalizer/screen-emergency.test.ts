/** The screen a connector runs at capture agrees with the decision's, on every labelled text. */
import assert from 'node:assert/strict';
import { readdirSync } from 'node:fs';
import { join } from 'node:path';
import fc from 'fast-check';
import type { RawItem } from '../../schemas/types.generated.js';
import { candidateFields } from '../../normalizer/candidate-fields.js';
import { screenFields, screenItemForEmergency } from '../../normalizer/screen-emergency.js';
import { loadSet, rawItemOf } from '../support/extraction-score.js';
import { fixturesRoot } from '../support/fixtures.js';

function textItem(body: string, extra: { subject?: string; form?: RawItem['form'] } = {}): RawItem {
  return {
    schemaVersion: 1, itemId: 'email:00000000000000000000000000000001', channel: 'email', receivedAt: '2026-11-29T09:00:00.000Z', connector: 'email', sourceRef: 'test', attachments: [],
    text: { body, source: 'typed', ...(extra.subject === undefined ? {} : { subject: extra.subject }) },
    ...(extra.form === undefined ? {} : { form: extra.form }),
  };
}

/** Pieces of mentions and of what only looks like one, joined by what texts put between words. */
const piece = fc.constantFrom('gaz', 'koku', 'kok', 'u', 'kokusuz', 'kaçak', 'kaç', 'ar', 'sız', 'an', 'patla', 'zehir', 'len', 'karbon', 'monoksit', 'fatura', 'borç', 'Sinyal sesinden sonra mesajınızı bırakın',
  ' ', '\n', '\n\n', "'", '’', '\u200b', '&nbsp;', '*', '|', '  ', '. ', 'Saygılarımla,\nAyşe Yılmaz', '> ', 'KOKU', 'SIZINTI');

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

  // Most items name nothing like gas, and are passed without their message being split.
  context('when no text of the item could start a mention', () => {
    it('finds what the full screen finds, wherever a mention hides', () => {
      for (const item of [
        textItem("Merdivende ko'ku var"), textItem('ko\u200bku geliyor'), textItem('Fatura yüksek', { subject: 'GAZ KOKUSU' }),
        textItem('Fatura yüksek', { form: { description: 'kaçak var' } }), textItem('Fatura yüksek', { form: { mainTopic: ' emergency ' } }),
        textItem('Fatura yüksek', { form: { proposedSolution: 'sızıntıyı giderin' } }), textItem('Faturam yüksek geldi, kontrol edin.'),
      ]) assert.deepEqual(screenItemForEmergency(item), screenFields(candidateFields({ ...item })), JSON.stringify(item.text));
      fc.assert(fc.property(fc.array(piece, { maxLength: 10 }), fc.array(piece, { maxLength: 3 }), (body, subject) => {
        const item = textItem(body.join(''), subject.length === 0 ? {} : { subject: subject.join('') });
        assert.deepEqual(screenItemForEmergency(item), screenFields(candidateFields({ ...item })));
      }), { numRuns: 2000 });
    });
  });
});
