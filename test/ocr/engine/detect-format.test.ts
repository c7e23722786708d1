/** Formats are told by their first bytes, never by a name or a declared type. */
import assert from 'node:assert/strict';
import { detectFormat } from '../../../ocr/engine/index.js';
import { faxTiff, handMadeTiff, pngBomb, textPdf, textPng } from './make-documents.js';

describe('ocr/engine/detectFormat', () => {
  it('tells PDF, TIFF, PNG and JPEG made by real encoders', async () => {
    const png = textPng(['Merhaba']);
    const sharp = (await import('sharp')).default;
    assert.equal(detectFormat(textPdf([['Hello']])), 'pdf');
    assert.equal(detectFormat(await faxTiff([png])), 'tiff');
    assert.equal(detectFormat(png), 'png');
    assert.equal(detectFormat(await sharp(png).jpeg().toBuffer()), 'jpeg');
  });

  it('tells big-endian TIFF and BigTIFF', () => {
    assert.equal(detectFormat(Buffer.from([0x4d, 0x4d, 0x00, 0x2a, 0, 0, 0, 8])), 'tiff');
    assert.equal(detectFormat(Buffer.from([0x49, 0x49, 0x2b, 0x00, 8, 0, 0, 0])), 'tiff');
    assert.equal(detectFormat(handMadeTiff([{ width: 10, height: 10 }])), 'tiff');
  });

  it('finds %PDF- after junk a mailer prepended, within the first 1024 bytes as PDF readers do', () => {
    assert.equal(detectFormat(Buffer.concat([Buffer.from('\r\n\r\n'), textPdf([['x']])])), 'pdf');
    assert.equal(detectFormat(Buffer.concat([Buffer.alloc(1100, 0x20), textPdf([['x']])])), 'unknown');
  });

  it('judges only the magic bytes: a bomb is still a PNG', () => {
    assert.equal(detectFormat(pngBomb()), 'png');
  });

  context('when the bytes are not a supported container', () => {
    for (const [name, bytes] of [
      ['empty', Buffer.alloc(0)],
      ['text', Buffer.from('Sayın yetkili, ekte dilekçem var')],
      ['GIF', Buffer.from('GIF89a\x01\x00\x01\x00', 'latin1')],
      ['a truncated PNG signature', Buffer.from([0x89, 0x50, 0x4e])],
      ['a ZIP (a .docx)', Buffer.from('PK\x03\x04', 'latin1')],
    ] as const) {
      it(`answers unknown for ${name}`, () => assert.equal(detectFormat(bytes), 'unknown'));
    }
  });
});
