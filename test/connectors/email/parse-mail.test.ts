import assert from 'node:assert/strict';
import { defaultMailLimits } from '../../../connectors/email/limits.js';
import { parseMail } from '../../../connectors/email/parse-mail.js';
import type { MailParsing } from '../../../connectors/email/types.js';
import { splitMessage } from '../../../normalizer/extract/parts.js';
import type { RawItem } from '../../../schemas/types.generated.js';
import { base64, encode, encodedWord, mail, multipart, ordinaryFields, quotedPrintable } from './build-mail.js';

const receivedAt = new Date('2026-12-01T07:00:05Z');
const turkish = 'Sayacım arızalı, gaz kaçağı yok. İĞÜŞÖÇ ığüşöç';
type Read = Extract<MailParsing, { ok: true }>;

async function read(raw: Buffer, limits = defaultMailLimits): Promise<Read> {
  const parsed = await parseMail(raw, { receivedAt, limits });
  assert.ok(parsed.ok, JSON.stringify(parsed));
  return parsed;
}
const textOf = (parsed: Read): NonNullable<RawItem['text']> => parsed.item.text ?? assert.fail('no text');

describe('connectors/email parseMail', () => {
  context('when a customer writes an ordinary mail', () => {
    const raw = mail(ordinaryFields({ subject: 'Re: Başvuru 2026-000123' }), 'Merhaba,\r\nsayacım arızalı.\r\n');

    it('makes an email item: subject, body, sender and display name, typed text, received when the mailbox says', async () => {
      const { item, ignoredBecause } = await read(raw);
      assert.equal(item.channel, 'email');
      assert.equal(item.connector, 'email');
      assert.equal(item.receivedAt, '2026-12-01T07:00:05.000Z');
      assert.deepEqual(item.text, { subject: 'Re: Başvuru 2026-000123', body: 'Merhaba,\nsayacım arızalı.', messageId: '<CAF1234@mail.example.com>', sender: 'ayse@example.com', senderName: 'Ayşe Yılmaz', source: 'typed' });
      assert.equal(ignoredBecause, null);
    });

    it('hands back the original message first as original.eml, the item listing no attachment yet', async () => {
      const { item, parts } = await read(raw);
      assert.deepEqual(item.attachments, []);
      assert.equal(parts.length, 1);
      assert.deepEqual({ ...parts[0], bytes: parts[0]?.bytes === raw }, { bytes: true, contentType: 'message/rfc822', name: 'original.eml' });
    });

    it('keeps an application number in the subject for the extractor', async () => {
      const { item } = await read(mail(ordinaryFields({ subject: '[Başvuru No: 2026-000123] Sayaç' }), 'x'));
      assert.equal(item.text?.subject, '[Başvuru No: 2026-000123] Sayaç');
    });
  });

  context('charsets and transfer encodings', () => {
    const cases: Array<[string, string[], Buffer | string]> = [
      ['windows-1254, 8bit', ['Content-Type: text/plain; charset=windows-1254', 'Content-Transfer-Encoding: 8bit'], encode(turkish, 'windows-1254')],
      ['iso-8859-9, quoted-printable', ['Content-Type: text/plain; charset="ISO-8859-9"', 'Content-Transfer-Encoding: quoted-printable'], quotedPrintable(encode(turkish, 'iso-8859-9'))],
      ['UTF-8, base64', ['Content-Type: text/plain; charset=utf-8', 'Content-Transfer-Encoding: base64'], base64(Buffer.from(turkish))],
      ['UTF-8 without a charset', [], Buffer.from(turkish)],
      ['8-bit windows-1254 without a charset', [], encode(turkish, 'windows-1254')],
      ['windows-1254 quoted-printable without a charset', ['Content-Transfer-Encoding: quoted-printable'], quotedPrintable(encode(turkish, 'windows-1254'))],
      ['windows-1254 declared as iso-8859-1', ['Content-Type: text/plain; charset=iso-8859-1'], encode(turkish, 'windows-1254')],
      ['UTF-8 declared as iso-8859-9', ['Content-Type: text/plain; charset=iso-8859-9', 'Content-Transfer-Encoding: base64'], base64(Buffer.from(turkish))],
      ['windows-1254 under an unknown charset name', ['Content-Type: text/plain; charset=x-turkish-unknown'], encode(turkish, 'windows-1254')],
    ];
    for (const [name, fields, body] of cases) {
      it(`reads ${name}`, async () => {
        const parsed = await read(mail([...ordinaryFields(), ...fields], body));
        assert.equal(textOf(parsed).body, turkish);
        assert.doesNotMatch(textOf(parsed).body, /\ufffd|Ã|Ä|Ý|þ|ð/);
      });
    }

    it('notes a guessed charset, and none for a declared one read right', async () => {
      assert.equal((await read(mail(ordinaryFields(), encode(turkish, 'windows-1254')))).notes.charsetGuessed, true);
      assert.equal((await read(mail([...ordinaryFields(), 'Content-Type: text/plain; charset=windows-1254'], encode(turkish, 'windows-1254')))).notes.charsetGuessed, false);
    });

    it('reads encoded-word subjects and names, B and Q, in windows-1254, iso-8859-9 and UTF-8', async () => {
      const fields = [
        `From: ${encodedWord('Ayşe Yılmaz', 'windows-1254', 'Q')} <ayse@example.com>`,
        `Subject: ${encodedWord('Doğalgaz ', 'iso-8859-9', 'B')}${encodedWord('başvurusu', 'utf-8', 'Q')}`,
        'Message-ID: <x@example.com>',
      ];
      assert.deepEqual(textOf(await read(mail(fields, 'x'))), { subject: 'Doğalgaz başvurusu', body: 'x', messageId: '<x@example.com>', sender: 'ayse@example.com', senderName: 'Ayşe Yılmaz', source: 'typed' });
    });

    it('reads an encoded word declared Latin-1 over windows-1254 bytes as Turkish', async () => {
      const text = textOf(await read(mail([`From: ${encodedWord('Ayşe', 'windows-1254', 'Q').replace('windows-1254', 'iso-8859-1')} <a@example.com>`, `Subject: ${encodedWord('Başvuru', 'windows-1254', 'B').replace('windows-1254', 'iso-8859-1')}`], 'x')));
      assert.equal(text.subject, 'Başvuru');
      assert.equal(text.senderName, 'Ayşe');
    });

    it('reads windows-1254 encoded words under an unknown charset name', async () => {
      const text = textOf(await read(mail([`Subject: ${encodedWord('Doğalgaz başvurusu', 'windows-1254', 'Q').replace('windows-1254', 'x-turkish')}`], 'x')));
      assert.equal(text.subject, 'Doğalgaz başvurusu');
    });

    it('reads raw 8-bit windows-1254 in the subject and the From name', async () => {
      const fields = [Buffer.concat([Buffer.from('From: '), encode('Ayşe Yılmaz', 'windows-1254'), Buffer.from(' <ayse@example.com>')]), Buffer.concat([Buffer.from('Subject: '), encode('Doğalgaz başvurusu', 'windows-1254')])];
      const text = textOf(await read(mail(fields, 'x')));
      assert.equal(text.subject, 'Doğalgaz başvurusu');
      assert.equal(text.senderName, 'Ayşe Yılmaz');
    });

    it('reads each part of a multipart in its own charset', async () => {
      const body = multipart('b1', [mail([], encode('Birinci ığ', 'windows-1254')), mail(['Content-Type: text/plain; charset=iso-8859-9', 'Content-Transfer-Encoding: quoted-printable'], quotedPrintable(encode('İkinci şğ', 'iso-8859-9')))]);
      assert.equal(textOf(await read(mail([...ordinaryFields(), 'Content-Type: multipart/mixed; boundary=b1'], body))).body, 'Birinci ığ\nİkinci şğ');
    });
  });

  context('when the mail has HTML only', () => {
    it('takes readable text from it, no tags left', async () => {
      const html = '<html><body><p>Merhaba,</p><p>Sayacım <b>arızalı</b> &amp; ses yapıyor.</p><img src="cid:logo"></body></html>';
      for (const raw of [
        mail([...ordinaryFields(), 'Content-Type: text/html; charset=utf-8'], html),
        mail([...ordinaryFields(), 'Content-Type: multipart/alternative; boundary=a'], multipart('a', [mail(['Content-Type: text/html; charset=utf-8'], html)])),
        mail([...ordinaryFields(), 'Content-Type: multipart/mixed; boundary=m'], multipart('m', [mail(['Content-Type: text/html'], encode(html, 'windows-1254'))])),
      ]) {
        const body = textOf(await read(raw)).body;
        assert.match(body, /Merhaba,\s+Sayacım arızalı & ses yapıyor\./);
        assert.doesNotMatch(body, /<|cid:/);
      }
    });

    it('prefers the plain text alternative when there is one', async () => {
      const raw = mail([...ordinaryFields(), 'Content-Type: multipart/alternative; boundary=a'], multipart('a', [mail(['Content-Type: text/plain; charset=utf-8'], 'Düz metin'), mail(['Content-Type: text/html; charset=utf-8'], '<p>HTML metin</p>')]));
      assert.equal(textOf(await read(raw)).body, 'Düz metin');
    });
  });

  context('when the mail forwards another as message/rfc822', () => {
    const forwarded = mail(['From: Mehmet Kaya <mehmet@example.org>', 'To: Ayşe <ayse@example.com>', 'Subject: Sayaç arızası', 'Date: Mon, 30 Nov 2026 09:00:00 +0300', 'Content-Type: multipart/mixed; boundary=inner'], multipart('inner', [
      mail(['Content-Type: text/plain; charset=windows-1254'], encode('Sayacım arızalı, abone no 1234567.', 'windows-1254')),
      mail(['Content-Type: application/pdf; name="fatura.pdf"', 'Content-Transfer-Encoding: base64'], base64(Buffer.from('%PDF-1.4 fatura'))),
    ]));
    const raw = mail([...ordinaryFields({ subject: 'Fwd: Sayaç arızası' }), 'Content-Type: multipart/mixed; boundary=outer'], multipart('outer', [
      mail(['Content-Type: text/plain; charset=utf-8'], 'Komşum adına iletiyorum.'),
      mail(['Content-Type: message/rfc822', 'Content-Disposition: attachment; filename="Sayaç arızası.eml"'], forwarded),
    ]));

    it('puts the forwarded text after the forwarder\'s own, in a block the extractor reads as forwarded', async () => {
      const body = textOf(await read(raw)).body;
      assert.equal(body, 'Komşum adına iletiyorum.\n\n---------- Forwarded message ---------\nFrom: Mehmet Kaya <mehmet@example.org>\nDate: Mon, 30 Nov 2026 09:00:00 +0300\nSubject: Sayaç arızası\nTo: Ayşe <ayse@example.com>\n\nSayacım arızalı, abone no 1234567.');
      const parts = splitMessage(body);
      assert.equal(parts.forwarded, true);
      assert.equal(parts.own, 'Komşum adına iletiyorum.');
      assert.equal(parts.quoted, 'Sayacım arızalı, abone no 1234567.');
    });

    it('lists the forwarded mail\'s attachments, not the forwarded mail itself (the original holds it)', async () => {
      const { parts } = await read(raw);
      assert.deepEqual(parts.map((p) => [p.contentType, p.name]), [['message/rfc822', 'original.eml'], ['application/pdf', 'fatura.pdf']]);
      assert.equal(parts[1]?.bytes.toString(), '%PDF-1.4 fatura');
    });

    it('reads a chain of forwards to maxDepth and keeps the deeper rest whole as forwarded.eml', async () => {
      let chain = mail(['Subject: level 0', 'From: a@example.org'], 'en derin');
      for (let level = 1; level <= 8; level++) chain = mail([`Subject: level ${level}`, `Content-Type: multipart/mixed; boundary=b${level}`], multipart(`b${level}`, [mail([], `seviye ${level}`), mail(['Content-Type: message/rfc822'], chain)]));
      const parsed = await read(chain, { ...defaultMailLimits, maxDepth: 3 });
      const body = textOf(parsed).body;
      assert.deepEqual(body.match(/seviye \d/g), ['seviye 8', 'seviye 7', 'seviye 6', 'seviye 5']);
      assert.equal(parsed.notes.forwardedUnread, 1);
      const kept = parsed.parts.find((p) => p.name === 'forwarded.eml');
      assert.match(kept?.bytes.toString() ?? '', /^Subject: level 4\r\n/);
    });

    it('reads at most maxForwarded forwarded mails and keeps the others whole', async () => {
      const many = mail([...ordinaryFields(), 'Content-Type: multipart/mixed; boundary=b'], multipart('b', [1, 2, 3].map((i) => mail(['Content-Type: message/rfc822'], mail([`Subject: ${i}`], `iletilen ${i}`)))));
      const parsed = await read(many, { ...defaultMailLimits, maxForwarded: 2 });
      assert.deepEqual(textOf(parsed).body.match(/iletilen \d/g), ['iletilen 1', 'iletilen 2']);
      assert.equal(parsed.notes.forwardedUnread, 1);
    });
  });

  context('when a machine wrote the mail', () => {
    for (const [fields, reason] of [
      [['Auto-Submitted: auto-replied'], 'auto-reply'],
      [['X-Autoreply: yes'], 'auto-reply'],
      [['Precedence: list'], 'bulk'],
      [['Return-Path: <>'], 'bounce'],
      [['Content-Type: multipart/report; report-type=delivery-status; boundary=r'], 'bounce'],
    ] as const) {
      it(`marks it ${reason} for ${fields[0]}, and the text auto-submitted`, async () => {
        const parsed = await read(mail([...ordinaryFields(), ...fields], 'Ofis dışındayım.'));
        assert.equal(parsed.ignoredBecause, reason);
        assert.equal(textOf(parsed).autoSubmitted, true);
      });
    }

    it('marks mail from MAILER-DAEMON a bounce', async () => {
      assert.equal((await read(mail(ordinaryFields({ from: 'Mail Delivery Subsystem <MAILER-DAEMON@mx.example.com>' }), 'Undeliverable'))).ignoredBecause, 'bounce');
    });

    it('reads only its own words: the mail it returns and its report parts stay in the original', async () => {
      const returned = mail(ordinaryFields({ subject: 'Başvurunuz alındı [Başvuru No: 2026-000298]' }), 'Başvurunuz kaydedildi. Gaz kokusu hissettiğinizde 187 Doğal Gaz Acil hattını arayınız.');
      const body = multipart('r', [
        mail(['Content-Type: text/plain; charset=us-ascii'], 'Your message could not be delivered: user unknown.'),
        mail(['Content-Type: message/delivery-status'], 'Reporting-MTA: dns; mx.example.com\r\n\r\nFinal-Recipient: rfc822; x@example.com\r\nAction: failed\r\nStatus: 5.1.1'),
        mail(['Content-Type: message/rfc822'], returned),
      ]);
      const parsed = await read(mail([...ordinaryFields({ from: 'MAILER-DAEMON@mx.example.com' }), 'Content-Type: multipart/report; report-type=delivery-status; boundary=r'], body));
      assert.equal(parsed.ignoredBecause, 'bounce');
      assert.match(textOf(parsed).body, /could not be delivered/);
      assert.doesNotMatch(textOf(parsed).body, /Gaz kokusu|2026-000298/);
      assert.deepEqual(parsed.parts.map((p) => p.name), ['original.eml']);
    });
  });

  context('limits', () => {
    it('refuses a message over maxRawBytes unread, naming sizes only', async () => {
      const parsed = await parseMail(mail(ordinaryFields(), 'x'.repeat(2000)), { receivedAt, limits: { ...defaultMailLimits, maxRawBytes: 1000 } });
      assert.equal(parsed.ok, false);
      assert.equal(!parsed.ok && parsed.code, 'INTAKE_REQUEST_TOO_LARGE');
      assert.doesNotMatch(!parsed.ok ? parsed.reason : '', /ayse|Ayşe|Sayaç/);
    });

    it('refuses bytes that are no mail at all as unreadable', async () => {
      for (const raw of [Buffer.alloc(0), Buffer.from([0, 1, 2, 0xff, 0xfe, 0x0a]), Buffer.from('\r\n\r\njust a body')]) {
        const parsed = await parseMail(raw, { receivedAt });
        assert.deepEqual(parsed.ok ? null : parsed.code, 'INTAKE_INPUT_UNREADABLE');
      }
    });

    it('reads the first maxParts parts of a mail with more, and notes it', async () => {
      const raw = mail([...ordinaryFields(), 'Content-Type: multipart/mixed; boundary=b'], multipart('b', [mail([], 'ilk'), ...Array.from({ length: 30 }, (_, i) => mail(['Content-Type: application/octet-stream'], `p${i}`))]));
      const parsed = await read(raw, { ...defaultMailLimits, maxParts: 10 });
      assert.equal(textOf(parsed).body, 'ilk');
      assert.equal(parsed.parts.length, 1 + 9);
      assert.equal(parsed.notes.partsCut, true);
    });

    it('lists the first maxAttachments attachments after the original, and counts the rest', async () => {
      const raw = mail([...ordinaryFields(), 'Content-Type: multipart/mixed; boundary=b'], multipart('b', [mail([], 'ek'), ...Array.from({ length: 120 }, (_, i) => mail([`Content-Type: image/png; name="p${i}.png"`], `png${i}`))]));
      const parsed = await read(raw);
      assert.equal(parsed.parts.length, 99);
      assert.equal(parsed.parts[98]?.name, 'p97.png');
      assert.equal(parsed.notes.attachmentsDropped, 22);
    });

    it('cuts the body at maxBodyChars, forwarded text included', async () => {
      const parsed = await read(mail(ordinaryFields(), 'ab'.repeat(600)), { ...defaultMailLimits, maxBodyChars: 1000 });
      assert.equal(textOf(parsed).body.length, 1000);
      assert.equal(parsed.notes.bodyCut, true);
    });

    it('reads the text and attachments plainly when mailparser does not finish within parseTimeoutMs, and notes it', async () => {
      const raw = mail([...ordinaryFields(), 'Content-Type: multipart/mixed; boundary=b'], multipart('b', [
        mail([], encode('Sayacım arızalı.', 'windows-1254')),
        ...Array.from({ length: 300 }, (_, i) => mail([`Content-Type: image/png; name="p${i}.png"`, 'Content-Transfer-Encoding: base64'], base64(Buffer.from(`png ${i}`)))),
      ]));
      const parsed = await read(raw, { ...defaultMailLimits, parseTimeoutMs: 0 });
      assert.equal(parsed.notes.mimeUnparsed, true);
      assert.equal(textOf(parsed).body, 'Sayacım arızalı.');
      assert.equal(parsed.parts.length, 99);
      assert.deepEqual(parsed.parts[1], { bytes: Buffer.from('png 0'), contentType: 'image/png', name: 'p0.png' });
    });

    it('reduces a header over maxHeaderBytes and still reads subject and sender', async () => {
      const stamps = Array.from({ length: 2000 }, (_, i) => `X-Stamp-${i}: ${'x'.repeat(60)}`);
      const parsed = await read(mail([...stamps, ...ordinaryFields()], 'gövde'), { ...defaultMailLimits, maxHeaderBytes: 16 * 1024 });
      assert.equal(parsed.notes.headerReduced, true);
      assert.deepEqual(textOf(parsed), { subject: 'Sayaç arızası', body: 'gövde', messageId: '<CAF1234@mail.example.com>', sender: 'ayse@example.com', senderName: 'Ayşe Yılmaz', source: 'typed' });
    });
  });
});
