import assert from 'node:assert/strict';
import { buildCatalogue, defaultCatalogue, type Catalogue } from '../../../normalizer/catalogue/index.js';
import { classifyTopic } from '../../../normalizer/classify/index.js';

function catalogue(subTopics: Record<string, { main: string; phrases: string[]; weight?: number }>): Catalogue {
  const mains = new Map<string, { id: string; label: string; subTopics: unknown[] }>();
  for (const [id, sub] of Object.entries(subTopics)) {
    const main = mains.get(sub.main) ?? { id: sub.main, label: sub.main, subTopics: [] };
    main.subTopics.push({ id, label: id, unit: 'unit', resolutionHours: 24, phrases: sub.phrases, ...(sub.weight ? { weight: sub.weight } : {}) });
    mains.set(sub.main, main);
  }
  return buildCatalogue({ version: 1, fallback: { unit: 'unit', resolutionHours: 72 }, units: { unit: 'Birim' }, mainTopics: [...mains.values()] });
}

describe('classifyTopic', () => {
  context('when the text holds a sub-topic phrase', () => {
    it('returns the sub-topic with its unit, hours and the phrases as the catalogue writes them', () => {
      const result = classifyTopic('Faturam bu ay çok yüksek geldi, itiraz ediyorum', defaultCatalogue);
      assert.ok(result);
      assert.equal(result.main, 'billing');
      assert.equal(result.sub, 'high-bill');
      assert.equal(result.unit, 'billing-collection');
      assert.equal(result.resolutionHours, 120);
      assert.ok(result.evidence.includes('fatura yüksek'), result.evidence.join());
      assert.ok(result.score > 0);
    });

    it('reads text typed without Turkish letters or in capitals', () => {
      assert.equal(classifyTopic('SAYACIM ARIZALI, EKRANI KARARDI', defaultCatalogue)?.sub, 'faulty-meter');
      assert.equal(classifyTopic('randevuya gelmediniz bos yere bekledim', defaultCatalogue)?.sub, 'appointment-missed');
    });
  });

  context('when no phrase is found', () => {
    it('returns null, so the caller falls back to the solution group', () => {
      assert.equal(classifyTopic('Merhaba, iyi günler', defaultCatalogue), null);
      assert.equal(classifyTopic('', defaultCatalogue), null);
    });
  });

  context('when two sub-topics score the same', () => {
    it('prefers the one with longer evidence, then the one listed first', () => {
      const tied = catalogue({ a: { main: 'billing', phrases: ['kart'] }, b: { main: 'meter', phrases: ['sayaç'] } });
      assert.equal(classifyTopic('kart sayaç', tied)?.sub, 'b');
      const equal = catalogue({ a: { main: 'billing', phrases: ['abone'] }, b: { main: 'meter', phrases: ['sayaç'] } });
      assert.equal(classifyTopic('sayaç abone', equal)?.sub, 'a');
    });
  });

  context('when a longer phrase weighs more', () => {
    it('lets two words beat one', () => {
      const c = catalogue({ a: { main: 'billing', phrases: ['fatura'] }, b: { main: 'meter', phrases: ['sayaç okuma'] } });
      assert.equal(classifyTopic('fatura ve sayaç okuması', c)?.sub, 'b');
    });
  });

  context('when a phrase lies inside a longer phrase of the same sub-topic', () => {
    it('counts only the longer one', () => {
      const c = catalogue({ a: { main: 'meter', phrases: ['sayaç', 'sayaç değişimi'] } });
      const result = classifyTopic('sayaç değişimi', c);
      assert.deepEqual(result?.evidence, ['sayaç değişimi']);
      assert.equal(result?.score, 2.5);
    });
  });

  context('when a sub-topic has a weight', () => {
    it('multiplies its score', () => {
      const c = catalogue({ a: { main: 'billing', phrases: ['fatura'] }, b: { main: 'suggestion', phrases: ['öneri'], weight: 2 } });
      const result = classifyTopic('faturaların e-posta ile gelmesini öneririm', c);
      assert.equal(result?.sub, 'b');
      assert.equal(result?.score, 2);
    });
  });

  context('when the text reports a gas smell or leak', () => {
    it('returns an emergency sub-topic whatever else it says', () => {
      const result = classifyTopic('Faturam yüksek ama asıl sorun evde gaz kokusu var', defaultCatalogue);
      assert.equal(result?.main, 'emergency');
      assert.equal(result?.sub, 'gas-smell');
      assert.equal(result?.unit, 'emergency-dispatch');
    });

    it('picks the emergency sub-topic by its phrases', () => {
      assert.equal(classifyTopic('kepçe boruyu deldi', defaultCatalogue)?.sub, 'damaged-line');
      assert.equal(classifyTopic('sayaçtan gaz kaçıyo', defaultCatalogue)?.sub, 'gas-leak');
    });
  });

  context('when an emergency is reported in words no emergency phrase has', () => {
    it('takes the first emergency sub-topic with the detector’s words as evidence', () => {
      const c = catalogue({ a: { main: 'billing', phrases: ['fatura'] }, smell: { main: 'emergency', phrases: ['gaz kokusu'] } });
      const result = classifyTopic('borudan gaz sızıyor', c);
      assert.equal(result?.sub, 'smell');
      assert.equal(result?.score, 0);
      assert.deepEqual(result?.evidence, ['gaz sızıyor']);
    });
  });

  context('when a gas smell is mentioned but denied', () => {
    it('leaves the emergency sub-topics out', () => {
      const result = classifyTopic('Gaz kokusu yok, kaçak da yok; faturam çok yüksek geldi', defaultCatalogue);
      assert.equal(result?.main, 'billing');
    });
  });

  context('when called twice with the same input', () => {
    it('gives the same answer', () => {
      const text = 'Aboneliğimi kapattım, güvence bedelimin iadesini bekliyorum';
      assert.deepEqual(classifyTopic(text, defaultCatalogue), classifyTopic(text, defaultCatalogue));
    });
  });
});
