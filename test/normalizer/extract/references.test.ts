import assert from 'node:assert/strict';
import { readDigitRuns } from '../../../normalizer/extract/numbers.js';
import { findCaseRef, findEmail, findProposedSolution } from '../../../normalizer/extract/references.js';
import { speechToDigits } from '../../../normalizer/extract/spoken-numbers.js';
import { foldKeepingOffsets } from '../../../normalizer/turkish/fold.js';

const caseRefIn = (text: string): string | null => findCaseRef(text, readDigitRuns(text, foldKeepingOffsets(text)))?.value ?? null;
const solutionIn = (text: string): string | null => findProposedSolution(text, foldKeepingOffsets(text))?.value ?? null;

describe('findCaseRef', () => {
  context('when an application number is written with its dash or slash', () => {
    it('reads it anywhere in the text', () => {
      assert.equal(caseRefIn('2026-000123 nolu başvurum hâlâ sonuçlanmadı'), '2026-000123');
    });

    it('writes a slash or spaced dash the one way ("2026/000123" → "2026-000123")', () => {
      assert.equal(caseRefIn('Başvuru no: 2026/000123'), '2026-000123');
      assert.equal(caseRefIn('başvuru 2026 - 000123 hakkında'), '2026-000123');
    });

    it('gives where it starts', () => {
      const text = 'Başvuru no: 2026/000123';
      assert.equal(findCaseRef(text, [])?.start, 12);
    });

    it('does not take a year before ours as one of our applications', () => {
      assert.equal(caseRefIn('Başvuru no 2019-000123'), null);
    });
  });

  context('when the number is written as ten digits under an application label', () => {
    it('reads it under "Başvuru No" or "Takip no"', () => {
      assert.equal(caseRefIn('Başvuru No: 2026000123'), '2026-000123');
      assert.equal(caseRefIn('Takip no 2026000123'), '2026-000123');
    });

    it('does not take the same digits under another label', () => {
      assert.equal(caseRefIn('Fatura no 2026000123'), null);
    });
  });

  context('when a caller says the number in a transcript', () => {
    it('reads the digits the spoken words became', () => {
      const text = speechToDigits('başvuru numaram iki bin yirmi altı sıfır sıfır sıfır yüz yirmi üç');
      assert.equal(caseRefIn(text), '2026-000123');
    });
  });
});

describe('findEmail', () => {
  it('reads the customer’s address', () => {
    assert.deepEqual(findEmail('Bana ayse.yilmaz@gmail.com adresinden ulaşın'), { value: 'ayse.yilmaz@gmail.com', start: 5 });
  });

  it('skips the utility’s own addresses and takes the next one', () => {
    assert.equal(findEmail('bilgi@igdas.com.tr adresine yazdım, yanıt yok. Benim adresim ayse@example.com')?.value, 'ayse@example.com');
  });

  it('skips an address on a subdomain of the utility’s', () => {
    assert.equal(findEmail('Yanıtınız cagri@merkez.igdas.com.tr adresinden geldi'), null);
  });

  it('returns null when there is no address', () => {
    assert.equal(findEmail('e-posta adresim yok'), null);
    assert.equal(findEmail('ayse@'), null);
  });
});

describe('findProposedSolution', () => {
  context('when the customer proposes a solution', () => {
    it('reads what follows "Önerim:" to the end of the paragraph', () => {
      const text = 'Sayacım arızalı.\nÖnerim: sayacın değiştirilmesi.\n\nSaygılarımla';
      assert.deepEqual(findProposedSolution(text, foldKeepingOffsets(text)), { value: 'sayacın değiştirilmesi.', start: 25 });
    });

    it('reads past "şu:" after "Çözüm önerim"', () => {
      assert.equal(solutionIn('Çözüm önerim şu: faturanın yeniden hesaplanması'), 'faturanın yeniden hesaplanması');
    });

    it('reads "Talebim, …"', () => {
      assert.equal(solutionIn('Talebim, tahakkukun iptali ve iade.'), 'tahakkukun iptali ve iade.');
    });
  });

  context('when the customer says they propose nothing', () => {
    it('returns null for "Önerim yok" and "Talebim yok"', () => {
      assert.equal(solutionIn('Önerim yok'), null);
      assert.equal(solutionIn('Talebim yok, bilginize.'), null);
    });
  });

  context('when what follows the label is too short to be a solution', () => {
    it('returns null', () => {
      assert.equal(solutionIn('Beklentim: x'), null);
    });
  });
});
