import assert from 'node:assert/strict';
import { saysSubscriber } from '../../../normalizer/extract/subscription.js';
import { foldTurkish } from '../../../normalizer/turkish/fold.js';

const says = (text: string): boolean => saysSubscriber(foldTurkish(text));

describe('saysSubscriber', () => {
  it('hears the writer speak of their own bill, meter, subscription or account', () => {
    for (const text of ['Faturam çok yüksek geldi.', 'Sayacım arızalı.', 'Aboneliğimi kapatmak istiyorum.', 'Sözleşme hesap numaramı bulamadım.', 'Sayacımız ses yapıyor.', 'İGDAŞ abonesiyim.']) {
      assert.ok(says(text), text);
    }
  });

  it('does not take someone else\'s, a new connection, or a bill in general for the writer\'s subscription', () => {
    for (const text of ['Annemin faturası yüksek geldi.', 'Yeni abonelik için başvurmak istiyorum, abone olmak istiyorum.', 'Fatura ödeme noktaları nerede?', 'Sokakta gaz kokusu var.', 'Henüz bir aboneliğimiz yok, tesisatımız yeni bitti.', 'Abone değilim, sayacım da yok.', 'Henüz abonelik sözleşmem olmadığı için sözleşme hesap numaram yoktur; faturam gelmedi.', 'Abone numaram yok.']) {
      assert.ok(!says(text), text);
    }
  });
});
