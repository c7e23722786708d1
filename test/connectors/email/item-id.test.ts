import assert from 'node:assert/strict';
import { fieldsRead, readHead } from '../../../connectors/email/header-fields.js';
import { mailKey, normaliseMessageId } from '../../../connectors/email/item-id.js';
import { mail, ordinaryFields } from './build-mail.js';

const keyOf = (raw: Buffer): ReturnType<typeof mailKey> => mailKey(raw, readHead(raw, 0, raw.length, { maxBytes: 256 * 1024, keep: (n) => fieldsRead.has(n) }));
const delivery = ['Return-Path: <ayse@example.com>', 'Delivered-To: basvuru@example.net', 'X-Original-To: basvuru@example.net', 'Received: from mx1.example.com by imap.example.net;', '\tTue, 1 Dec 2026 10:00:02 +0300'];

describe('connectors/email item ids', () => {
  describe('normaliseMessageId', () => {
    it('drops angle brackets, comments and folding and lower-cases the domain only', () => {
      assert.equal(normaliseMessageId(' <CAF1234@Mail.Example.COM> (sent by Outlook)'), 'CAF1234@mail.example.com');
      assert.equal(normaliseMessageId('CAF1234@mail.example.com'), 'CAF1234@mail.example.com');
      assert.equal(normaliseMessageId('<CAF12\r\n 34@mail.example.com>'), 'CAF1234@mail.example.com');
      assert.equal(normaliseMessageId('<>'), null);
      assert.equal(normaliseMessageId(''), null);
    });
  });

  context('when the mail has a Message-ID', () => {
    const raw = mail(ordinaryFields({ messageId: '<CAF1234@Mail.Example.com>' }), 'Sayacım arızalı.');

    it('names it email:<32 hex> from the Message-ID alone, whatever the delivery added', () => {
      const key = keyOf(raw);
      assert.match(key.itemId, /^email:[0-9a-f]{32}$/);
      assert.equal(keyOf(mail([...delivery, ...ordinaryFields({ messageId: '<CAF1234@mail.example.com>' })], 'Sayacım arızalı.\r\n')).itemId, key.itemId);
    });

    it('tells mails with another Message-ID apart', () => {
      assert.notEqual(keyOf(mail(ordinaryFields({ messageId: '<caf1234@mail.example.com>' }), 'Sayacım arızalı.')).itemId, keyOf(raw).itemId);
    });

    it('gives a source reference that is a hash, free of the address in the Message-ID', () => {
      const key = keyOf(mail(ordinaryFields({ messageId: '<ayse.yilmaz.1990@example.com>' }), 'x'));
      assert.match(key.sourceRef, /^message-id:[0-9a-f]{64}$/);
      assert.equal(key.sourceRef.slice('message-id:'.length, 'message-id:'.length + 32), key.itemId.slice('email:'.length));
    });
  });

  context('when the mail has no Message-ID', () => {
    const fields = ordinaryFields({ messageId: null });
    const body = 'Sayacım arızalı.\nAbone no: 1234567\n';
    const raw = mail(fields, body, { eol: '\n' });

    it('names it by its content, the same after an IMAP server rewrote LF to CRLF', () => {
      assert.match(keyOf(raw).sourceRef, /^content:[0-9a-f]{64}$/);
      assert.equal(keyOf(mail(fields, body.replaceAll('\n', '\r\n'))).itemId, keyOf(raw).itemId);
      assert.equal(keyOf(Buffer.from(raw.toString('latin1').replaceAll('\n', '\r'), 'latin1')).itemId, keyOf(raw).itemId);
    });

    it('the same with trailing white space on lines and trailing blank lines added or removed', () => {
      assert.equal(keyOf(mail(fields.map((f) => `${f} \t`), 'Sayacım arızalı.   \nAbone no: 1234567\n\n\n', { eol: '\n' })).itemId, keyOf(raw).itemId);
    });

    it('the same for a second delivery with its own Received, Return-Path, Delivered-To and X-Original-To', () => {
      assert.equal(keyOf(mail([...delivery, ...fields], body)).itemId, keyOf(raw).itemId);
    });

    it('tells another body apart', () => {
      assert.notEqual(keyOf(mail(fields, 'Sayacım arızalı.\nAbone no: 1234568\n', { eol: '\n' })).itemId, keyOf(raw).itemId);
    });
  });
});
