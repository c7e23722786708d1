import assert from 'node:assert/strict';
import { prepareText } from '../../../normalizer/extract/prepare.js';
import { residenceDistrict } from '../../../normalizer/extract/residence.js';
import { foldKeepingOffsets } from '../../../normalizer/turkish/fold.js';

function districtIn(raw: string): string | null {
  const text = prepareText(raw);
  return residenceDistrict(text, foldKeepingOffsets(text))?.value ?? null;
}

describe('residenceDistrict', () => {
  context('when a sentence says the writer lives in a district', () => {
    it('reads "Kartal Esentepe’de oturuyoruz" as Kartal', () => {
      assert.equal(districtIn("Kartal Esentepe'de oturuyoruz, iki gündür gaz yok."), 'Kartal');
    });

    it('reads "-deyim" glued to the district ("beylikdüzündeyim")', () => {
      assert.equal(districtIn('beylikdüzündeyim gaz yok'), 'Beylikdüzü');
      assert.equal(districtIn('bağcılardayım, gaz kokusu var.'), 'Bağcılar');
    });

    it('reads the home in the district ("Ümraniye’deki evimde")', () => {
      assert.equal(districtIn("Ümraniye'deki evimde gaz yok."), 'Ümraniye');
    });

    it('reads a verb of living ("Esenyurt’ta yaşıyoruz")', () => {
      assert.equal(districtIn("Esenyurt'ta yaşıyoruz, sayaç bozuk."), 'Esenyurt');
    });

    it('gives the start of the sentence it was read from', () => {
      const text = "Faturam yüksek. Evim Üsküdar'da, gaz yok.";
      const found = residenceDistrict(text, foldKeepingOffsets(text));
      assert.ok(found !== null);
      assert.ok(text.slice(found.start).startsWith(" Evim Üsküdar'da"));
    });
  });

  context('when the text names a place the writer went to', () => {
    it('does not take a branch visited as where they live', () => {
      assert.equal(districtIn('Kadıköy şubesine gittim, kimse ilgilenmedi.'), null);
      assert.equal(districtIn("Kadıköy Göztepe'deki şubeye gittim."), null);
    });

    it('takes the home named in another sentence', () => {
      assert.equal(districtIn("Kadıköy şubesine gittim. Evim Üsküdar'da, gaz yok."), 'Üsküdar');
    });
  });

  context('when a street is named after a district', () => {
    it('does not take "Kartal Sok." as the district', () => {
      assert.equal(districtIn('Kartal Sok. üzerinde oturuyorum.'), null);
    });
  });

  context('when a district and a neighbourhood name where something happens', () => {
    it('reads the district before the neighbourhood ("Kadıköy Göztepe’de gaz kesintisi var")', () => {
      assert.equal(districtIn("Kadıköy Göztepe'de gaz kesintisi var."), 'Kadıköy');
    });
  });

  context('when the writer greets from a district', () => {
    it('reads "Sultangazi’den saygılarımla"', () => {
      assert.equal(districtIn("Gaz yok.\nSultangazi'den saygılarımla"), 'Sultangazi');
    });
  });

  context('when the last line of a signature is a district', () => {
    it('reads it as where the writer lives', () => {
      assert.equal(districtIn('Faturam yüksek.\n\nGökhan Sarı\nÜmraniye'), 'Ümraniye');
      assert.equal(districtIn('Faturam yüksek.\n\nGökhan Sarı\nÜmraniye / İstanbul'), 'Ümraniye');
    });

    it('does not read a two-line text’s last line as a signature', () => {
      assert.equal(districtIn('Faturam yüksek.\nÜmraniye'), null);
    });
  });

  context('when the text names no district', () => {
    it('returns null', () => {
      assert.equal(districtIn('Gaz yok, iki gündür bekliyorum.'), null);
    });
  });
});

describe('residenceDistrict, found in review', () => {
  for (const [text, district] of [["Bağcılar'dayım, gaz kokusu var.", 'Bağcılar'], ["Pendik'teyim, gaz yok.", 'Pendik'], ["Maltepe'deyiz, sayaç arızalı.", 'Maltepe']] as const) {
    it(`reads "${text}" with the apostrophe before the suffix`, () => {
      const prepared = prepareText(text);
      assert.equal(residenceDistrict(prepared, foldKeepingOffsets(prepared))?.value, district);
    });
  }
});
