import assert from 'node:assert/strict';
import { findAddress, repairOcrAddress } from '../../../normalizer/extract/address.js';
import { prepareText } from '../../../normalizer/extract/prepare.js';
import { foldKeepingOffsets } from '../../../normalizer/turkish/fold.js';

function addressIn(raw: string): string | null {
  const text = prepareText(raw);
  return findAddress(text, foldKeepingOffsets(text))?.value ?? null;
}

describe('findAddress', () => {
  context('when the address stands under a label', () => {
    it('reads what follows "Adres:" to the end of the line', () => {
      assert.equal(addressIn('Adres: Caferağa Mah. Moda Cad. No:12 D:3 Kadıköy/İstanbul'), 'Caferağa Mah. Moda Cad. No:12 D:3 Kadıköy/İstanbul');
    });

    it('does not run into the next line when that line is a phone', () => {
      assert.equal(addressIn('Adresim: Caferağa Mah. Moda Cad. No:12 D:3 Kadıköy/İstanbul\nTel: 0532 123 45 67'), 'Caferağa Mah. Moda Cad. No:12 D:3 Kadıköy/İstanbul');
    });

    it('reads "İkamet adresi:" as a label', () => {
      assert.equal(addressIn('İkamet adresi: Bağlarbaşı Mah. Nuh Kuyusu Cad. No:5 Üsküdar'), 'Bağlarbaşı Mah. Nuh Kuyusu Cad. No:5 Üsküdar');
    });

    it('reads the address on the next line when "Adres:" stands alone', () => {
      assert.equal(addressIn('Adres:\nCaferağa Mah. Moda Cad. No:12 D:3\nKadıköy/İstanbul'), 'Caferağa Mah. Moda Cad. No:12 D:3 Kadıköy/İstanbul');
    });

    it('gives the stretch of the text it was read from', () => {
      const text = 'Adres: Caferağa Mah. Moda Cad. No:12 Kadıköy';
      const found = findAddress(text, foldKeepingOffsets(text));
      assert.ok(found !== null);
      assert.equal(text.slice(found.start, found.end), 'Caferağa Mah. Moda Cad. No:12 Kadıköy');
    });
  });

  context('when a label has no colon', () => {
    it('takes it when an address follows on its line ("adresim Caferağa Mah. …")', () => {
      assert.equal(addressIn('adresim Caferağa Mah. Moda Cad. No:12 Kadıköy'), 'Caferağa Mah. Moda Cad. No:12 Kadıköy');
    });

    it('does not take "adresim yok" or "eski adresim kapatılsın" as an address', () => {
      assert.equal(addressIn('adresim yok'), null);
      assert.equal(addressIn('adresim değişti, eski adresim kapatılsın'), null);
    });

    it('finds the address on the next line by its own words when the label says "aşağıdadır"', () => {
      assert.equal(addressIn('Adresim aşağıdadır\nCaferağa Mah. Moda Cad. No:12'), 'Caferağa Mah. Moda Cad. No:12');
    });
  });

  context('when no label is written', () => {
    it('finds the address by its street words and takes the neighbourhood’s name before "Mah."', () => {
      assert.equal(addressIn('Gaz yok, Fevzi Çakmak Mah. Gül Sok. No:5 Esenler'), 'Fevzi Çakmak Mah. Gül Sok. No:5 Esenler');
    });

    it('starts after the clause before it ("Gaz kokusu var. Mimar Sinan Mah. …")', () => {
      assert.equal(addressIn('Gaz kokusu var. Mimar Sinan Mah. Gül Sok. No:5 Üsküdar'), 'Mimar Sinan Mah. Gül Sok. No:5 Üsküdar');
    });

    it('does not take the verb before a street word as its name ("biri gelsin kosuyolu mh.")', () => {
      assert.equal(addressIn('biri gelsin kosuyolu mh. cicek sk. no 4 kadikoy'), 'kosuyolu mh. cicek sk. no 4 kadikoy');
    });

    it('finds nothing in a text with no address', () => {
      assert.equal(addressIn('Faturam yüksek geldi.'), null);
    });
  });

  context('when the sentence goes on after the address', () => {
    it('ends at the district ("… Ataşehir adresinde oturuyorum")', () => {
      assert.equal(addressIn('Adres: Gül Sok. No:5 Ataşehir adresinde oturuyorum.'), 'Gül Sok. No:5 Ataşehir');
    });

    it('ends at the full stop before the next sentence', () => {
      assert.equal(addressIn('Evim Osmanağa Mah. Söğütlüçeşme Cad. No:8 Kadıköy. Gaz iki gündür yok.'), 'Osmanağa Mah. Söğütlüçeşme Cad. No:8 Kadıköy');
    });

    it('keeps the city after the district and drops what follows', () => {
      assert.equal(addressIn('Caferağa Mah. Moda Cad. No:12 Kadıköy İstanbul, yarın evde olacağım'), 'Caferağa Mah. Moda Cad. No:12 Kadıköy İstanbul');
      assert.equal(addressIn('Adres: Atatürk Mah. Kartal Sok. No:3 Sancaktepe / İstanbul tel 05321234567'), 'Atatürk Mah. Kartal Sok. No:3 Sancaktepe / İstanbul');
    });

    it('does not end at a district named before the street ("Esenyurt Ardıçlı Mah. …")', () => {
      assert.equal(addressIn('Esenyurt Ardıçlı Mah. Doğan Araslı Bulvarı No:120 Esenyurt/İstanbul'), 'Esenyurt Ardıçlı Mah. Doğan Araslı Bulvarı No:120 Esenyurt/İstanbul');
    });

    it('does not end at a street named after a district ("Kartal Sok.")', () => {
      assert.equal(addressIn('Adres: Kartal Sok. No:5 Maltepe'), 'Kartal Sok. No:5 Maltepe');
    });
  });

  context('when the address is continued on the next line', () => {
    it('joins a line holding the district and the city', () => {
      assert.equal(addressIn('Adres: Moda Cad. No:12\nKadıköy/İstanbul\nFaturam yüksek'), 'Moda Cad. No:12 Kadıköy/İstanbul');
    });

    it('does not join a line of ordinary text', () => {
      assert.equal(addressIn('Adres: Moda Cad. No:12 Kadıköy\nFaturam yüksek geldi.'), 'Moda Cad. No:12 Kadıköy');
    });
  });
});

describe('repairOcrAddress', () => {
  it('puts digits back after "No:", "D:" and "Kat:" ("No:l2O" → "No:120")', () => {
    assert.equal(repairOcrAddress('Atatürk Mah. No:l2O D:S Kat:B'), 'Atatürk Mah. No:120 D:5 Kat:8');
  });

  it('puts a letter back for a digit opening a word ("8üyükçekmece" → "Büyükçekmece")', () => {
    assert.equal(repairOcrAddress('Gül Sok. No:3 8üyükçekmece'), 'Gül Sok. No:3 Büyükçekmece');
    assert.equal(repairOcrAddress('Gül Sok. No.3O 5ancaktepe'), 'Gül Sok. No.30 Sancaktepe');
  });

  it('leaves an address OCR read right unchanged', () => {
    assert.equal(repairOcrAddress('Caferağa Mah. Moda Cad. No: 12 D:3 Kadıköy'), 'Caferağa Mah. Moda Cad. No: 12 D:3 Kadıköy');
  });

  it('leaves a number that is part of a street’s name alone ("8 Mart Sok.")', () => {
    assert.equal(repairOcrAddress('8 Mart Sok. No:4'), '8 Mart Sok. No:4');
  });
});

describe('findAddress, found in review', () => {
  it('keeps a neighbourhood named after a person whose name ends like a verb ("Tahsin")', () => {
    const text = prepareText('Hasan Tahsin Paşa Mah. Gül Sok. No:5 Ataşehir');
    assert.equal(findAddress(text, foldKeepingOffsets(text))?.value, 'Hasan Tahsin Paşa Mah. Gül Sok. No:5 Ataşehir');
  });
});
