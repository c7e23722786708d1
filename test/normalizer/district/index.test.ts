import assert from 'node:assert/strict';
import { foldTurkish } from '../../../normalizer/turkish/fold.js';
import { DISTRICTS, canonicalDistrict, recogniseDistrict } from '../../../normalizer/district/index.js';

describe('DISTRICTS', () => {
  context('when listed', () => {
    it('has Istanbul’s 39 districts, 14 of them (Adalar included) in Asia', () => {
      assert.equal(DISTRICTS.length, 39);
      assert.equal(new Set(DISTRICTS.map((d) => d.name)).size, 39);
      const asia = DISTRICTS.filter((d) => d.side === 'asia').map((d) => d.name);
      assert.deepEqual(asia, ['Adalar', 'Ataşehir', 'Beykoz', 'Çekmeköy', 'Kadıköy', 'Kartal', 'Maltepe', 'Pendik', 'Sancaktepe', 'Sultanbeyli', 'Şile', 'Tuzla', 'Ümraniye', 'Üsküdar']);
    });
  });
});

describe('canonicalDistrict', () => {
  context('when the district is one word, however it is cased or spelled', () => {
    it('gives what reading it as words gives (a trailing space sends it that way)', () => {
      const spellings = DISTRICTS.flatMap((d) => [d.name, ...d.aliases]).flatMap((s) => [s, s.toLocaleUpperCase('tr'), s.toLocaleLowerCase('tr'), s.toUpperCase(), foldTurkish(s), `${s}de`, s.slice(1)]);
      for (const word of [...spellings, 'İstanbul', 'ISTANBUL', 'ilçesi', 'Kadıköy2', 'ǅemal', 'Ōsaka', 'ß', 'İ', 'x']) assert.equal(canonicalDistrict(word), canonicalDistrict(`${word} `), word);
    });
  });

  context('when the field holds a district in any spelling', () => {
    it('returns each of the 39 from its ASCII, lower- and upper-case forms', () => {
      for (const { name } of DISTRICTS) {
        const ascii = foldTurkish(name);
        assert.equal(canonicalDistrict(ascii), name, ascii);
        assert.equal(canonicalDistrict(ascii.toUpperCase()), name, ascii.toUpperCase());
        assert.equal(canonicalDistrict(name.toLocaleUpperCase('tr-TR')), name, name);
      }
    });

    it('accepts other names, split words and a trailing İstanbul or ilçesi', () => {
      assert.equal(canonicalDistrict('Eyüp'), 'Eyüpsultan');
      assert.equal(canonicalDistrict('eyup sultan'), 'Eyüpsultan');
      assert.equal(canonicalDistrict('G.O.Paşa'), 'Gaziosmanpaşa');
      assert.equal(canonicalDistrict('kucuk cekmece'), 'Küçükçekmece');
      assert.equal(canonicalDistrict(' Kadıköy / İstanbul '), 'Kadıköy');
      assert.equal(canonicalDistrict('Kadıköy ilçesi'), 'Kadıköy');
    });
  });

  context('when the field holds no known district', () => {
    it('returns null', () => {
      for (const input of ['', '  ', 'İstanbul', 'Ankara', 'Moda', null, undefined]) assert.equal(canonicalDistrict(input), null, String(input));
    });
  });
});

describe('recogniseDistrict', () => {
  context('when an address ends with its district', () => {
    it('recognises it with its side', () => {
      assert.deepEqual(recogniseDistrict('Caferağa Mah. Moda Cad. No:12 Kadıköy/İstanbul'), { name: 'Kadıköy', side: 'asia' });
      assert.deepEqual(recogniseDistrict('besiktas istanbul'), { name: 'Beşiktaş', side: 'europe' });
      assert.deepEqual(recogniseDistrict('İstanbul/Kadıköy'), { name: 'Kadıköy', side: 'asia' });
    });
  });

  context('when the district is written without Turkish letters, in capitals or with suffixes', () => {
    it('recognises each of the 39', () => {
      for (const { name } of DISTRICTS) {
        const ascii = foldTurkish(name);
        assert.equal(recogniseDistrict(`No: 5 ${ascii}`)?.name, name, ascii);
        assert.equal(recogniseDistrict(ascii.toUpperCase())?.name, name, ascii.toUpperCase());
      }
    });

    it('reads suffixes after an apostrophe or joined', () => {
      assert.equal(recogniseDistrict("Üsküdar'da oturuyorum")?.name, 'Üsküdar');
      assert.equal(recogniseDistrict('kadıköylüyüm')?.name, 'Kadıköy');
      assert.equal(recogniseDistrict('KADIKÖY')?.name, 'Kadıköy');
      assert.equal(recogniseDistrict('Sisli')?.name, 'Şişli');
    });
  });

  context('when a neighbourhood or street is named after another district', () => {
    it('takes the district at the end of the address', () => {
      assert.equal(recogniseDistrict('Fatih Mah. Atatürk Cad. No:5 Esenyurt')?.name, 'Esenyurt');
      assert.equal(recogniseDistrict('Maltepe Mah. Çiftehavuzlar Sok. Zeytinburnu/İstanbul')?.name, 'Zeytinburnu');
    });

    it('does not take the neighbourhood or street alone', () => {
      assert.equal(recogniseDistrict('Fatih Mahallesi 12. Sokak No 4'), null);
      assert.equal(recogniseDistrict('Maltepe Cad. No 3'), null);
    });
  });

  context('when a district name is only part of a word', () => {
    it('does not match it', () => {
      assert.equal(recogniseDistrict('Kartaltepe'), null);
      assert.equal(recogniseDistrict('Pendikspor maçı'), null);
    });
  });

  context('when a person is named like a district', () => {
    it('does not take "Fatih Bey" for Fatih', () => {
      assert.equal(recogniseDistrict('Fatih Bey aradı'), null);
    });
  });

  context('when several districts are plain', () => {
    it('prefers one marked by "/", "İstanbul" or a postcode, then the last', () => {
      assert.equal(recogniseDistrict('Beşiktaş Kadıköy')?.name, 'Kadıköy');
      assert.equal(recogniseDistrict('Kadıköy/İstanbul, iş yerim Şişli tarafında')?.name, 'Kadıköy');
      assert.equal(recogniseDistrict('KADIKÖY 34710, eskiden Beşiktaş’ta oturuyordum')?.name, 'Kadıköy');
    });
  });

  context('when no district is named', () => {
    it('returns null', () => {
      assert.equal(recogniseDistrict(''), null);
      assert.equal(recogniseDistrict('Bağdat Cad. No 12 İstanbul'), null);
    });
  });
});
