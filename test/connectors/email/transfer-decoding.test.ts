import assert from 'node:assert/strict';
import { decodeTransfer } from '../../../connectors/email/transfer-decoding.js';

describe('connectors/email decodeTransfer', () => {
  it('undoes quoted-printable: escapes, soft line breaks (CRLF and LF), a stray "="', () => {
    const decoded = decodeTransfer(Buffer.from('Say=E7 ar=FDzal=FD=\r\n bir=\nlikte a=b =ZZ'), 'quoted-printable');
    assert.deepEqual([...decoded], [...Buffer.from('Say\xe7 ar\xfdzal\xfd birlikte a=b =ZZ', 'latin1')]);
  });

  it('undoes base64 split over lines', () => {
    assert.equal(decodeTransfer(Buffer.from('U2F5YcOn\r\nIGFyxLF6YWzEsQ==\r\n'), 'base64').toString('utf8'), 'Sayaç arızalı');
  });

  it('leaves 7bit, 8bit, binary and unknown encodings as they are', () => {
    const body = Buffer.from('gövde');
    for (const encoding of ['', '7bit', '8bit', 'binary', 'x-uuencode']) assert.equal(decodeTransfer(body, encoding), body);
  });
});
