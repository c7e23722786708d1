import assert from 'node:assert/strict';
import { prepareText } from '../../../normalizer/extract/prepare.js';

describe('prepareText', () => {
  context('when the text is plain typed text', () => {
    it('returns it unchanged, so offsets into it match the customer’s own text', () => {
      const text = 'Merhaba, faturam bu ay çok yüksek geldi. TC 70226422252';
      assert.equal(prepareText(text), text);
    });

    it('turns Windows and old Mac line breaks into one kind of line break', () => {
      assert.equal(prepareText('Gaz kesik.\r\nSayaç bozuk.\rArayın.'), 'Gaz kesik.\nSayaç bozuk.\nArayın.');
    });
  });

  context('when an HTML mail was turned to text', () => {
    it('writes the entities out, so "Ay&#39;şe" and "&amp;" read as what they stand for', () => {
      assert.equal(prepareText('Ad&nbsp;Soyad: Ay&#39;şe Yılmaz &amp; Ali Yılmaz &lt;ayse@example.com&gt;'), "Ad Soyad: Ay'şe Yılmaz & Ali Yılmaz <ayse@example.com>");
    });

    it('turns non-breaking spaces into spaces and drops zero-width ones, so a label is still a label', () => {
      assert.equal(prepareText('TC\u00A0Kimlik:\u200B 70226422252\uFEFF'), 'TC Kimlik: 70226422252');
    });

    it('drops bold marks around a label and around a value', () => {
      assert.equal(prepareText('*Ad Soyad:* Ayşe Yılmaz'), 'Ad Soyad: Ayşe Yılmaz');
      assert.equal(prepareText('**TC Kimlik No:** **70226422252**'), 'TC Kimlik No: 70226422252');
    });

    it('joins a label’s own cell to its value ("Ad Soyad: | Ayşe")', () => {
      assert.equal(prepareText('Ad Soyad: | Ayşe Yılmaz'), 'Ad Soyad: Ayşe Yılmaz');
    });

    it('keeps a bar that parts two things, with one space on each side', () => {
      assert.equal(prepareText('Burcu KAYA|Uzman'), 'Burcu KAYA | Uzman');
    });

    it('writes a decomposed letter in its composed form (NFC)', () => {
      assert.equal(prepareText('Gu\u0308l Sok. *No:5*'), 'Gül Sok. No:5');
    });
  });

  context('when a table has a header row over a row of values', () => {
    it('writes one "label: value" line per cell, the way every reader reads a label', () => {
      assert.equal(
        prepareText('| Ad Soyad | TC Kimlik |\n| Yusuf Kılınç | 70226422252 |'),
        'Ad Soyad: Yusuf Kılınç\nTC Kimlik: 70226422252',
      );
    });

    it('reads three columns as three lines', () => {
      assert.equal(
        prepareText('| Ad Soyad | TC Kimlik No | Telefon |\n| Yusuf Kılınç | 70226422252 | 0532 123 45 67 |'),
        'Ad Soyad: Yusuf Kılınç\nTC Kimlik No: 70226422252\nTelefon: 0532 123 45 67',
      );
    });

    it('drops a Markdown rule row under the header, since it separates nothing a reader needs', () => {
      assert.equal(
        prepareText('| Ad Soyad | TC Kimlik |\n|---|---|\n| Yusuf Kılınç | 70226422252 |'),
        'Ad Soyad: Yusuf Kılınç\nTC Kimlik: 70226422252',
      );
    });

    it('drops an aligned Markdown rule row (":---" and "---:") as well', () => {
      assert.equal(
        prepareText('| Ad Soyad | TC Kimlik |\n| :--- | ---: |\n| Yusuf Kılınç | 70226422252 |'),
        'Ad Soyad: Yusuf Kılınç\nTC Kimlik: 70226422252',
      );
    });

    it('takes away the colon a header cell already ends with, so the label is not written "Adres::"', () => {
      assert.equal(prepareText('| Ad Soyad: | Telefon: |\n| Yusuf Kılınç | 0532 123 45 67 |'), 'Ad Soyad: Yusuf Kılınç\nTelefon: 0532 123 45 67');
    });

    it('leaves the table as it is when the rows do not have as many cells as the header', () => {
      assert.equal(prepareText('Ad Soyad | TC Kimlik | Adres\nYusuf | 70226422252'), 'Ad Soyad | TC Kimlik | Adres\nYusuf | 70226422252');
    });

    it('leaves a row alone when its cells are not field names, so ordinary text with bars is not rewritten', () => {
      assert.equal(prepareText('Kombi | Petek\nBozuk | Soğuk'), 'Kombi | Petek\nBozuk | Soğuk');
    });
  });

  context('when a table is two columns of label and value', () => {
    it('keeps each label on the row of its value, so the label is read together with it', () => {
      const prepared = prepareText('| TC Kimlik | 70226422252 |\n| Telefon | 0532 123 45 67 |');
      const lines = prepared.split('\n').map((l) => l.trim());
      assert.deepEqual(lines, ['| TC Kimlik | 70226422252 |', '| Telefon | 0532 123 45 67 |']);
    });
  });

  context('when a table is aligned with spaces or tabs, as in a scan or a plain-text mail', () => {
    it('unfolds a tab-separated header and value row', () => {
      assert.equal(prepareText('Ad Soyad\tTC Kimlik\nYusuf Kılınç\t70226422252'), 'Ad Soyad: Yusuf Kılınç\nTC Kimlik: 70226422252');
    });

    it('unfolds columns parted by runs of spaces', () => {
      // The dash in the note below the table is what lets this text past the plain-text fast path.
      assert.equal(
        prepareText('Ad Soyad    TC Kimlik No    Telefon\nYusuf Kılınç    70226422252    0532 123 45 67\nNot — akşam arayın.'),
        'Ad Soyad: Yusuf Kılınç\nTC Kimlik No: 70226422252\nTelefon: 0532 123 45 67\nNot — akşam arayın.',
      );
    });

    it('leaves ordinary text with a double space alone', () => {
      const text = 'Gaz kesik  yarın gelin — lütfen\nevde kimse  yok';
      assert.equal(prepareText(text), text);
    });
  });
});

describe('prepareText, found in review', () => {
  it('unfolds a space-aligned table even in plain ASCII-range text', () => {
    const text = prepareText('Ad Soyad    TC Kimlik No    Telefon\nYusuf Kilinc    70226422252    0532 123 45 67');
    assert.equal(text, 'Ad Soyad: Yusuf Kilinc\nTC Kimlik No: 70226422252\nTelefon: 0532 123 45 67');
  });

  it('decodes entities written in capitals', () => {
    assert.equal(prepareText('Faturam &QUOT;odenmedi&QUOT; gorunuyor'), 'Faturam "odenmedi" gorunuyor');
  });
});
