import assert from 'node:assert/strict';
import {
  closingName,
  endingGivenName,
  introducedNames,
  labelledNames,
  nameLine,
  namedNames,
  namesAs,
  relativeNames,
  signatureName,
  surnameThenName,
  trailingName,
  type FoundName,
} from '../../../normalizer/extract/names.js';
import { prepareText } from '../../../normalizer/extract/prepare.js';
import { foldKeepingOffsets } from '../../../normalizer/turkish/fold.js';

type Reader = (text: string, folded: string) => FoundName[] | FoundName | null;

/** The names a reader finds in a prepared text, as values. */
function valuesOf(reader: Reader, raw: string): string[] {
  const text = prepareText(raw);
  const found = reader(text, foldKeepingOffsets(text));
  return found === null ? [] : Array.isArray(found) ? found.map((n) => n.value) : [found.value];
}

/** The one name a reader finds, with the text it was read at. */
function oneOf(reader: Reader, raw: string): { name: FoundName; text: string } {
  const text = prepareText(raw);
  const found = reader(text, foldKeepingOffsets(text));
  const name = Array.isArray(found) ? found[0] : found;
  assert.ok(name !== null && name !== undefined, `no name in ${JSON.stringify(raw)}`);
  return { name, text };
}

describe('labelledNames', () => {
  context('when a name stands under a label', () => {
    it('reads "Adı Soyadı: …" and stops at the end of the line', () => {
      const { name, text } = oneOf(labelledNames, 'Adı Soyadı: Ayşe Yılmaz\nTel: 0532 123 45 67');
      assert.equal(name.value, 'Ayşe Yılmaz');
      assert.equal(name.how, 'label');
      assert.equal(name.label, 'adi soyadi');
      assert.equal(text.slice(name.start, name.end), 'Ayşe Yılmaz');
    });

    it('reads a table’s "Ad Soyad | AYŞE YILMAZ"', () => {
      assert.deepEqual(valuesOf(labelledNames, 'Ad Soyad | AYŞE YILMAZ'), ['AYŞE YILMAZ']);
    });

    it('reads "Abone:" and "Kimden:" as labels of a name', () => {
      assert.deepEqual(valuesOf(labelledNames, 'Abone: Necati Bozkurt'), ['Necati Bozkurt']);
      assert.deepEqual(valuesOf(labelledNames, 'Kimden: Ayşe Yılmaz <ayse@example.com>'), ['Ayşe Yılmaz']);
    });

    it('stops where capitals stop, so the sentence going on is not taken ("Ayşe Yılmaz faturam …")', () => {
      assert.deepEqual(valuesOf(labelledNames, 'Ad Soyad: Ayşe Yılmaz faturam yüksek'), ['Ayşe Yılmaz']);
    });

    it('stops before a district, since the address follows the name', () => {
      assert.deepEqual(valuesOf(labelledNames, 'Ad Soyad: Ayşe Yılmaz Kadıköy'), ['Ayşe Yılmaz']);
    });

    it('takes a name in lower case under a label, since the label says it is one', () => {
      assert.deepEqual(valuesOf(labelledNames, 'ad soyad: ayse yilmaz'), ['ayse yilmaz']);
    });
  });

  context('when the surname is written first in capitals, as official forms do', () => {
    it('puts the given names first ("TAŞ Mehmet Emin" → "Mehmet Emin TAŞ")', () => {
      assert.deepEqual(valuesOf(labelledNames, 'Adı Soyadı: TAŞ Mehmet Emin'), ['Mehmet Emin TAŞ']);
      assert.deepEqual(valuesOf(labelledNames, 'Soyadı Adı: YILMAZ Ayşe'), ['Ayşe YILMAZ']);
    });

    it('leaves a name all in capitals in its order', () => {
      assert.deepEqual(valuesOf(labelledNames, 'Ad Soyad: AYŞE YILMAZ'), ['AYŞE YILMAZ']);
    });
  });
});

describe('introducedNames', () => {
  context('when the writer introduces themself', () => {
    it('reads "Ben Ayşe Yılmaz" up to the comma', () => {
      const { name, text } = oneOf(introducedNames, 'Merhaba, ben Ayşe Yılmaz, faturam yüksek geldi.');
      assert.equal(name.value, 'Ayşe Yılmaz');
      assert.equal(name.how, 'introduced');
      assert.equal(text.slice(name.start, name.end), 'Ayşe Yılmaz');
    });

    it('reads "Benim adım …" and "ismim …"', () => {
      assert.deepEqual(valuesOf(introducedNames, 'Benim adım Hüseyin Çelik.'), ['Hüseyin Çelik']);
      assert.deepEqual(valuesOf(introducedNames, 'ismim zeynep arslan'), ['zeynep arslan']);
    });

    it('reads "adım …" with two given names and a surname in lower case', () => {
      assert.deepEqual(valuesOf(introducedNames, 'adım halil ibrahim sarı'), ['halil ibrahim sarı']);
    });

    it('reads a single known given name ("ben Ayşe")', () => {
      assert.deepEqual(valuesOf(introducedNames, 'ben Ayşe, gaz yok'), ['Ayşe']);
    });
  });

  context('when the name takes a suffix after an apostrophe', () => {
    it('keeps the name and drops the suffix ("Pınar Ekinci’yim")', () => {
      const { name, text } = oneOf(introducedNames, "Merhaba, ben Pınar Ekinci'yim, sayacım bozuk.");
      assert.equal(name.value, 'Pınar Ekinci');
      assert.equal(text.slice(name.start, name.end), 'Pınar Ekinci');
    });
  });

  context('when the text is typed all in lower case', () => {
    it('takes a name that starts with a known given name and stops where the sentence goes on', () => {
      assert.deepEqual(valuesOf(introducedNames, 'slm ben ayse yilmaz faturam yuksek'), ['ayse yilmaz']);
      assert.deepEqual(valuesOf(introducedNames, 'ben ayşe yılmaz evimde gaz yok'), ['ayşe yılmaz']);
    });

    it('takes nothing when the first word is not a known given name', () => {
      assert.deepEqual(valuesOf(introducedNames, 'ben zorlu ters'), []);
    });

    it('takes the same words in capitals, since capitals mark a name', () => {
      assert.deepEqual(valuesOf(introducedNames, 'Ben Zorlu Ters'), ['Zorlu Ters']);
    });
  });

  context('when "ben" does not introduce a name', () => {
    it('takes nothing from "ben evde yokken" or "Ben de"', () => {
      assert.deepEqual(valuesOf(introducedNames, 'ben evde yokken gaz kesildi'), []);
      assert.deepEqual(valuesOf(introducedNames, 'Ben de aradım, kimse açmadı'), []);
    });
  });
});

describe('surnameThenName', () => {
  context('when a caller says the surname first ("soyadım … adım …")', () => {
    it('puts the given name first', () => {
      assert.deepEqual(valuesOf(surnameThenName, 'soyadım yücel adım barış'), ['barış yücel']);
      assert.equal(oneOf(surnameThenName, 'soyadım yücel adım barış').name.how, 'introduced');
    });

    it('keeps the letters as written', () => {
      assert.deepEqual(valuesOf(surnameThenName, 'soyadım Yücel adım Barış'), ['Barış Yücel']);
    });

    it('takes nothing when what follows "adım" is not a given name', () => {
      assert.deepEqual(valuesOf(surnameThenName, 'soyadım yücel adım kapı'), []);
    });
  });
});

describe('namesAs', () => {
  it('reads a name in capitals opening a sentence before "olarak"', () => {
    assert.deepEqual(valuesOf((t) => namesAs(t), 'Şenol Ertürk olarak yazıyorum.'), ['Şenol Ertürk']);
  });

  it('takes nothing when the first word is no given name ("Abone olarak")', () => {
    assert.deepEqual(valuesOf((t) => namesAs(t), 'Abone olarak yazıyorum.'), []);
  });
});

describe('signatureName', () => {
  const sign = (raw: string): string[] => valuesOf((t) => signatureName(t), raw);

  context('when the signature block starts with a name', () => {
    it('reads the name on the line under the closing', () => {
      const signature = 'Saygılarımla,\nAyşe Yılmaz\n0532 123 45 67';
      const found = signatureName(signature);
      assert.equal(found?.value, 'Ayşe Yılmaz');
      assert.equal(found?.how, 'signature');
      assert.equal(signature.slice(found?.start, found?.end), 'Ayşe Yılmaz');
    });

    it('reads the name on the closing’s own line', () => {
      assert.deepEqual(sign('Saygılarımla Ayşe Yılmaz'), ['Ayşe Yılmaz']);
    });

    it('drops a title before the name ("Av.", "Emekli Öğretmen")', () => {
      assert.deepEqual(sign('Saygılarımla,\nAv. Deniz Erkan\nErkan Hukuk Bürosu'), ['Deniz Erkan']);
      assert.deepEqual(sign('Saygılarımla,\nEmekli Öğretmen Ali Rıza Demir'), ['Ali Rıza Demir']);
    });
  });

  context('when the signature names a business, not a person', () => {
    it('takes no name from an office, a shop or a firm', () => {
      assert.deepEqual(sign('Saygılarımla,\nErkan Hukuk Bürosu\n0212 555 44 33'), []);
      assert.deepEqual(sign('Saygılarımla,\nYıldız Eczanesi'), []);
      assert.deepEqual(sign('Saygılarımla,\nKaya İnşaat Ltd. Şti.'), []);
      assert.deepEqual(sign('Saygılarımla,\nYılmaz Ticaret'), []);
    });
  });

  context('when the signature has one word only', () => {
    it('takes no name, since a first name alone does not name the customer', () => {
      assert.deepEqual(sign('Saygılarımla,\nAyşe'), []);
    });
  });
});

describe('closingName', () => {
  it('reads a name right after a closing at the end of a one-line text', () => {
    assert.deepEqual(valuesOf(closingName, 'Gaz yok iki gündür, bakar mısınız. Saygılarımla Mehmet Kaya'), ['Mehmet Kaya']);
    assert.deepEqual(valuesOf(closingName, 'tesekkurler mehmet kaya'), ['mehmet kaya']);
  });

  it('takes nothing when the text goes on after the name', () => {
    assert.deepEqual(valuesOf(closingName, 'Saygılarımla Mehmet Kaya, yarın arayın'), []);
  });
});

describe('nameLine', () => {
  context('when a petition is signed with a line that is only a name', () => {
    it('reads the name line above "(imza)"', () => {
      const text = 'SAYIN YETKİLİ\nSayacım bozuk.\n\nMustafa ŞAHİN\n(imza)';
      const found = nameLine(text);
      assert.equal(found?.value, 'Mustafa ŞAHİN');
      assert.equal(text.slice(found?.start, found?.end), 'Mustafa ŞAHİN');
    });

    it('reads the name under a title line ("Yönetici")', () => {
      assert.equal(nameLine('Kombi bozuk.\nYönetici\nHalil İbrahim Sarı')?.value, 'Halil İbrahim Sarı');
    });
  });

  context('when a line is a letterhead or an office', () => {
    it('takes no name from it, since its first word is no given name', () => {
      assert.equal(nameLine('GÜNEŞ APARTMANI YÖNETİCİLİĞİ\nKombi bozuk.'), null);
    });
  });

  context('when the name line is in lower case', () => {
    it('takes nothing, since a lower-case line may be a sentence', () => {
      assert.equal(nameLine('Kombi bozuk.\nmehmet kaya'), null);
    });
  });
});

describe('trailingName', () => {
  context('when a short message ends with the writer’s name', () => {
    it('reads it after the last sentence ("… arayın. sinan kara")', () => {
      assert.deepEqual(valuesOf(trailingName, 'gaz yok, beni 0 542 318 90 27den arayın. sinan kara'), ['sinan kara']);
    });

    it('reads a name standing after labelled numbers', () => {
      assert.deepEqual(valuesOf(trailingName, 'tc 70226422252 tel 05321234567 mehmet kaya'), ['mehmet kaya']);
    });
  });

  context('when a given name opens a sentence that goes on', () => {
    it('takes nothing', () => {
      assert.deepEqual(valuesOf(trailingName, 'gaz kesik. ali geldi baktı'), []);
    });
  });
});

describe('endingGivenName', () => {
  it('reads a single given name an SMS is signed with', () => {
    const { name, text } = oneOf(endingGivenName, 'acil arayın benim 0535 123 45 67 - selma');
    assert.equal(name.value, 'selma');
    assert.equal(text.slice(name.start, name.end), 'selma');
  });

  it('takes nothing when the last word is no given name', () => {
    assert.deepEqual(valuesOf(endingGivenName, 'acil arayın kapı'), []);
  });
});

describe('namedNames', () => {
  it('reads the name after "adı" ("Annemin adı Nermin Aksoy")', () => {
    assert.deepEqual(valuesOf(namedNames, 'Annemin adı Nermin Aksoy, kendisi yaşlı.'), ['Nermin Aksoy']);
    assert.deepEqual(valuesOf(namedNames, 'kendisinin adı nermin aksoy'), ['nermin aksoy']);
  });

  it('takes nothing when a single word follows, which is no full name ("Sitenin adı Güneş")', () => {
    assert.deepEqual(valuesOf(namedNames, 'Sitenin adı Güneş'), []);
  });
});

describe('relativeNames', () => {
  it('reads the name of the relative someone writes for', () => {
    assert.deepEqual(valuesOf(relativeNames, 'annem Fatma Kaya adına yazıyorum'), ['Fatma Kaya']);
    assert.deepEqual(valuesOf(relativeNames, 'annemin adı Fatma Kaya'), ['Fatma Kaya']);
  });

  it('reads past "rahmetli" before the name', () => {
    assert.deepEqual(valuesOf(relativeNames, 'babam rahmetli Hüseyin Kaya adına kayıtlı'), ['Hüseyin Kaya']);
  });

  it('takes nothing when no name follows the relative', () => {
    assert.deepEqual(valuesOf(relativeNames, 'annem evde yok'), []);
  });
});

describe('names, found in review', () => {
  it('does not take a district with its suffix as part of an introduced name', () => {
    const text = prepareText("Merhaba, ben Ayşe Yılmaz Kadıköy'de oturuyorum.");
    assert.equal(introducedNames(text, foldKeepingOffsets(text))[0]?.value, 'Ayşe Yılmaz');
  });

  it('takes the given name as said, not from inside the surname', () => {
    const text = 'soyadım KEMALOĞLU adım Kemal';
    assert.equal(surnameThenName(text, foldKeepingOffsets(text))?.value, 'Kemal KEMALOĞLU');
  });
});
