import assert from 'node:assert/strict';
import { isInlineText, nodesOf, walkMime } from '../../../connectors/email/mime-walk.js';
import { mail, multipart } from './build-mail.js';

const limits = { maxParts: 500, maxHeaderBytes: 256 * 1024 };

describe('connectors/email walkMime', () => {
  it('finds each part with its type, charset, encoding, disposition and body range', () => {
    const raw = mail(['Subject: x', 'Content-Type: multipart/mixed; boundary="b1"'], multipart('b1', [
      mail(['Content-Type: text/plain; charset=ISO-8859-9', 'Content-Transfer-Encoding: quoted-printable'], 'Merhaba'),
      mail(['Content-Type: application/pdf; name=a.pdf', 'Content-Disposition: attachment; filename=a.pdf', 'Content-Transfer-Encoding: base64'], 'JVBERg=='),
    ]));
    const walk = walkMime(raw, limits);
    assert.equal(walk.parts, 2);
    const [text, pdf] = walk.root.children;
    assert.equal(text?.contentType, 'text/plain');
    assert.equal(text?.params.get('charset'), 'ISO-8859-9');
    assert.equal(text?.encoding, 'quoted-printable');
    assert.equal(raw.toString('latin1', text?.head.bodyStart, text?.bodyEnd), 'Merhaba');
    assert.equal(pdf?.disposition, 'attachment');
    assert.equal(raw.toString('latin1', pdf?.head.bodyStart, pdf?.bodyEnd), 'JVBERg==');
    assert.deepEqual([...nodesOf(walk.root)].filter(isInlineText), [text]);
  });

  it('walks nested multiparts and ignores lines that only begin like a delimiter', () => {
    const inner = mail(['Content-Type: multipart/alternative; boundary="b1-inner"'], multipart('b1-inner', [mail(['Content-Type: text/plain'], '--b1x is no delimiter'), mail(['Content-Type: text/html'], '<p>x</p>')]));
    const raw = mail(['Content-Type: multipart/mixed; boundary=b1'], multipart('b1', [inner, mail(['Content-Type: image/png'], 'png')]));
    const walk = walkMime(raw, limits);
    assert.deepEqual([...nodesOf(walk.root)].map((n) => n.contentType), ['multipart/mixed', 'multipart/alternative', 'text/plain', 'text/html', 'image/png']);
    assert.equal(raw.toString('latin1', walk.root.children[0]?.children[0]?.head.bodyStart, walk.root.children[0]?.children[0]?.bodyEnd), '--b1x is no delimiter');
  });

  it('does not enter a forwarded message', () => {
    const raw = mail(['Content-Type: multipart/mixed; boundary=b1'], multipart('b1', [mail(['Content-Type: message/rfc822'], mail(['Content-Type: multipart/mixed; boundary=b2'], multipart('b2', [mail([], 'iç')])))]));
    const walk = walkMime(raw, limits);
    assert.equal(walk.parts, 1);
    assert.equal(walk.root.children[0]?.children.length, 0);
  });

  it('runs the last part of a truncated multipart to the end', () => {
    const raw = mail(['Content-Type: multipart/mixed; boundary=b1'], multipart('b1', [mail([], 'bir'), mail(['Content-Type: text/plain'], 'iki kesik')], { open: true }));
    const walk = walkMime(raw, limits);
    assert.equal(walk.parts, 2);
    assert.equal(raw.toString('latin1', walk.root.children[1]?.head.bodyStart, walk.root.children[1]?.bodyEnd), 'iki kesik\r\n');
  });

  it('stops after maxParts and names where, with the boundaries open there', () => {
    const inner = mail(['Content-Type: multipart/mixed; boundary=b2'], multipart('b2', [mail([], '1'), mail([], '2'), mail([], '3')]));
    const raw = mail(['Content-Type: multipart/mixed; boundary=b1'], multipart('b1', [inner, mail([], '4')]));
    const walk = walkMime(raw, { ...limits, maxParts: 3 });
    assert.equal(walk.parts, 3);
    assert.deepEqual(walk.cut?.open, ['b1', 'b2']);
    assert.equal(raw.toString('latin1', walk.cut?.at, (walk.cut?.at ?? 0) + 6), '--b2\r\n');
  });

  it('reads delimiters as mailsplit does: a closing one in the preamble closes nothing, CRs before the LF are one line ending', () => {
    const raw = Buffer.from('Content-Type: multipart/mixed; boundary=b1\r\n\r\npreamble\r\n--b1--\r\n--b1\r\r\nContent-Type: text/html\r\n\r\n<p>bir</p>\r\n--b1--\r\n');
    const walk = walkMime(raw, limits);
    assert.deepEqual(walk.root.children.map((c) => [c.contentType, raw.toString('latin1', c.head.bodyStart, c.bodyEnd)]), [['text/html', '<p>bir</p>']]);
  });

  it('reads nothing after the closing delimiter, delimiter lines in the epilogue included', () => {
    const raw = Buffer.concat([mail(['Content-Type: multipart/mixed; boundary=b1'], multipart('b1', [mail([], 'bir')])), Buffer.from('epilogue\r\n--b1\r\n\r\nsonra\r\n')]);
    assert.equal(walkMime(raw, limits).parts, 1);
  });

  it('takes a multipart without a usable boundary for a leaf', () => {
    for (const type of ['multipart/mixed', 'multipart/mixed; boundary=""', 'multipart/mixed; boundary="ümlaut"']) {
      assert.equal(walkMime(mail([`Content-Type: ${type}`], 'x'), limits).root.children.length, 0);
    }
  });
});
