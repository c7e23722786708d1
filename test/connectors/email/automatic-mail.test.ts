import assert from 'node:assert/strict';
import { automaticReason, automaticReasonOfMessage } from '../../../connectors/email/automatic-mail.js';
import { mail, ordinaryFields } from './build-mail.js';

const h = (name: string, value: string): { name: string; value: string } => ({ name, value });

describe('connectors/email automaticReason', () => {
  context('when a person wrote the mail', () => {
    it('gives null, also for Auto-Submitted: no', () => {
      assert.equal(automaticReason([h('From', 'Ayşe <ayse@example.com>'), h('Subject', 'Sayaç')]), null);
      assert.equal(automaticReason([h('Auto-Submitted', 'no'), h('Return-Path', '<ayse@example.com>')]), null);
    });
  });

  context('when an auto-responder wrote it', () => {
    for (const header of [h('Auto-Submitted', 'auto-replied'), h('auto-submitted', 'auto-generated; owner-email="x@y"'), h('X-Autoreply', 'yes'), h('X-Autorespond', 'Out of office'), h('Precedence', 'auto_reply')]) {
      it(`calls it an auto-reply for ${header.name}: ${header.value}`, () => {
        assert.equal(automaticReason([h('From', 'someone@example.com'), header]), 'auto-reply');
      });
    }

    it('calls an auto-reply sent from the null sender (RFC 3834) an auto-reply, not a bounce', () => {
      assert.equal(automaticReason([h('Return-Path', '<>'), h('Auto-Submitted', 'auto-replied')]), 'auto-reply');
    });

    it('calls a read receipt (multipart/report of a disposition notification) an auto-reply', () => {
      assert.equal(automaticReason([h('Content-Type', 'multipart/report; report-type=disposition-notification; boundary="x"')]), 'auto-reply');
    });
  });

  context('when the mail system reports a delivery', () => {
    for (const header of [h('Content-Type', 'multipart/report; report-type=delivery-status; boundary="b"'), h('From', 'Mail Delivery System <MAILER-DAEMON@mx.example.com>'), h('From', 'postmaster@example.net'), h('From', 'MAILER-DAEMON'), h('Return-Path', '<>'), h('Return-Path', '< >')]) {
      it(`calls it a bounce for ${header.name}: ${header.value}`, () => {
        assert.equal(automaticReason([header]), 'bounce');
      });
    }

    it('does not take a mailbox merely named like the mail system for it', () => {
      assert.equal(automaticReason([h('From', 'postmaster.ayse@example.com')]), null);
    });
  });

  context('when the mail went to many', () => {
    for (const value of ['bulk', 'junk', 'list', 'List']) {
      it(`calls Precedence: ${value} bulk`, () => {
        assert.equal(automaticReason([h('Precedence', value)]), 'bulk');
      });
    }
  });

  it('reads the same from a raw message', () => {
    assert.equal(automaticReasonOfMessage(mail([...ordinaryFields(), 'Auto-Submitted: auto-replied'], 'Ofis dışındayım.')), 'auto-reply');
    assert.equal(automaticReasonOfMessage(mail(ordinaryFields(), 'Sayacım arızalı.')), null);
  });
});
