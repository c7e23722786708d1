import assert from 'node:assert/strict';
import { htmlToText, stripTags } from '../../../connectors/email/html-text.js';

describe('connectors/email htmlToText', () => {
  it('gives readable text without tags, entities decoded, images without alt text left out', () => {
    const text = htmlToText(`<html><head><style>p{color:red}</style></head><body><p>Merhaba &amp; <b>iyi</b> günler</p><img src="cid:logo@x"><img src="data:image/png;base64,${'A'.repeat(5000)}"></body></html>`, 10_000);
    assert.doesNotMatch(text, /<[a-z/]/i);
    assert.doesNotMatch(text, /cid:|data:|color:red/);
    assert.match(text, /Merhaba & iyi günler/);
  });

  it('parts table cells by a space and rows by a line break, which the converter glues together', () => {
    const text = htmlToText('<table><tr><td>Ad</td><td>Ayşe</td></tr><tr><th>Telefon</th><td>0532 123 45 67</td></tr></table>', 1000);
    assert.equal(text.trim(), 'Ad Ayşe\nTelefon 0532 123 45 67');
  });

  it('converts HTML longer than the bound up to the bound', () => {
    const text = htmlToText(`<p>${'a '.repeat(50)}</p><p>SONRA</p>`, 60);
    assert.doesNotMatch(text, /SONRA/);
    assert.match(text, /a a a/);
  });

  it('strips the tags plainly from HTML the converter refuses (nested over 1000 levels)', () => {
    const text = htmlToText(`${'<div>'.repeat(2000)}Gaz kokusu var${'</div>'.repeat(2000)}`, 100_000);
    assert.equal(text.trim(), 'Gaz kokusu var');
  });
});

describe('connectors/email stripTags', () => {
  it('is linear on unclosed tags', () => {
    const started = performance.now();
    stripTags('<'.repeat(1_000_000));
    stripTags('<a '.repeat(300_000));
    assert.ok(performance.now() - started < 1000);
  });

  it('removes image references in linear time, unclosed ones too', () => {
    const started = performance.now();
    htmlToText(`<p>${'[data:'.repeat(100_000)}</p>`, 1_000_000);
    assert.ok(performance.now() - started < 3000);
  });
});
