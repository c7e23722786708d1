import assert from 'node:assert/strict';
import { FORWARDED_BANNER, forwardedBlock, withForwarded } from '../../../connectors/email/forwarded-text.js';
import { splitMessage } from '../../../normalizer/extract/parts.js';

describe('connectors/email forwardedBlock', () => {
  const block = forwardedBlock({
    from: { name: 'Ayşe Yılmaz', address: 'ayse@example.com' },
    date: 'Mon, 30 Nov 2026 09:00:00 +0300',
    subject: 'Sayaç',
    to: [{ name: null, address: 'basvuru@example.net' }],
    body: 'Sayacım arızalı.',
  });

  it('writes the banner, From, Date, Subject and To lines, a blank line and the body, as Gmail does', () => {
    assert.equal(block, `${FORWARDED_BANNER}\nFrom: Ayşe Yılmaz <ayse@example.com>\nDate: Mon, 30 Nov 2026 09:00:00 +0300\nSubject: Sayaç\nTo: basvuru@example.net\n\nSayacım arızalı.`);
  });

  it('is read by the extractor as a forwarded message after the forwarder\'s own words', () => {
    const parts = splitMessage(withForwarded('Bakar mısınız?\n', [block]));
    assert.equal(parts.own, 'Bakar mısınız?');
    assert.equal(parts.forwarded, true);
    assert.equal(parts.quoted, 'Sayacım arızalı.');
  });

  it('leaves out lines it has nothing for', () => {
    assert.equal(forwardedBlock({ from: null, date: null, subject: null, to: [], body: 'x' }), `${FORWARDED_BANNER}\n\nx`);
  });
});
