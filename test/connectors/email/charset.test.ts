import assert from 'node:assert/strict';
import iconv from 'iconv-lite';
import { effectiveCharset, repairMojibake } from '../../../connectors/email/charset.js';

const turkish = 'Doğalgaz kaçağı; şikâyet İĞÜŞÖÇ ığüşöç';
const cp1254 = iconv.encode(turkish, 'windows-1254');
const utf8 = Buffer.from(turkish, 'utf8');

describe('connectors/email effectiveCharset', () => {
  context('when mailparser would read the bytes right', () => {
    it('gives null for ASCII, for valid UTF-8 without or with a UTF-8 charset, and for a true declared charset', () => {
      assert.equal(effectiveCharset(null, Buffer.from('plain ascii')), null);
      assert.equal(effectiveCharset(null, utf8), null);
      assert.equal(effectiveCharset('UTF-8', utf8), null);
      assert.equal(effectiveCharset('windows-1254', cp1254), null);
      assert.equal(effectiveCharset('ISO-8859-9', iconv.encode(turkish, 'iso-8859-9')), null);
      assert.equal(effectiveCharset('koi8-r', iconv.encode('Привет', 'koi8-r')), null);
    });

    it('trusts Latin-1 for western text without Turkish-only letters', () => {
      assert.equal(effectiveCharset('iso-8859-1', iconv.encode('Café crème', 'latin1')), null);
    });
  });

  context('when 8-bit bytes are not UTF-8', () => {
    it('reads them as windows-1254 without a charset, with a UTF-8 or US-ASCII one, an unknown one or UTF-7', () => {
      for (const declared of [null, 'utf-8', 'us-ascii', 'x-unknown', '', 'utf-7', '"><script>']) assert.equal(effectiveCharset(declared, cp1254), 'windows-1254', String(declared));
    });

    it('reads Latin-1 or windows-1252 holding ş, ğ, ı bytes as windows-1254', () => {
      assert.equal(effectiveCharset('iso-8859-1', cp1254), 'windows-1254');
      assert.equal(effectiveCharset('windows-1252', cp1254), 'windows-1254');
    });
  });

  context('when a Latin charset is declared over UTF-8 bytes', () => {
    it('reads UTF-8, which would otherwise show as Ã¼ and Ä±', () => {
      for (const declared of ['iso-8859-1', 'ISO-8859-9', 'windows-1254']) assert.equal(effectiveCharset(declared, utf8), 'utf-8');
    });
  });
});

describe('connectors/email repairMojibake', () => {
  it('mends UTF-8 read as Latin-1, and windows-1254 read as Latin-1', () => {
    assert.equal(repairMojibake(Buffer.from('Başvuru ığ', 'utf8').toString('latin1')), 'Başvuru ığ');
    assert.equal(repairMojibake(iconv.encode('Başvuru Ayşe Yılmaz', 'windows-1254').toString('latin1')), 'Başvuru Ayşe Yılmaz');
  });

  it('leaves right text alone', () => {
    for (const text of ['Başvuru', 'Café crème', 'plain', 'Gül Öztürk', '']) assert.equal(repairMojibake(text), text);
  });
});
