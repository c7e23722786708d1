/**
 * The signing scheme, pinned three ways: Twilio's own published example, an independent signer
 * written from Twilio's documentation (test/support/twilio-signer.ts), and the URL the connector
 * builds from its public base.
 */
import assert from 'node:assert/strict';
import { checkSignature, signedUrl, twilioSignature } from '../../../connectors/twilio/signature.js';
import type { FormParams } from '../../../connectors/twilio/form-params.js';
import { parseFormParams } from '../../../connectors/twilio/form-params.js';
import { formBody, inboundSms, testAuthToken, twilioSignatureOf } from '../../support/twilio-signer.js';

// Twilio's security documentation: a POST to this URL with these fields, auth token 12345.
const docUrl = 'https://mycompany.com/myapp.php?foo=1&bar=2';
const docParams = { CallSid: 'CA1234567890ABCDE', Caller: '+12349013030', Digits: '1234', From: '+12349013030', To: '+18005551212' };
const docSignature = '0/KCTR6DLpKmkAf8muzZqo1nDgQ=';

describe('connectors/twilio signature', () => {
  context("with Twilio's published example", () => {
    it('the independent signer gives the published signature', () => {
      assert.equal(twilioSignatureOf('12345', docUrl, docParams), docSignature);
    });

    it('the connector accepts it and refuses any change to URL, fields or token', () => {
      const params = docParams as FormParams;
      assert.equal(checkSignature('12345', docSignature, docUrl, params), 'valid');
      assert.equal(checkSignature('12345', docSignature, docUrl.replace('foo=1', 'foo=2'), params), 'mismatch');
      assert.equal(checkSignature('12345', docSignature, docUrl.replace('https:', 'http:'), params), 'mismatch');
      assert.equal(checkSignature('12345', docSignature, docUrl, { ...params, Digits: '1235' }), 'mismatch');
      assert.equal(checkSignature('12345', docSignature, docUrl, { ...params, Extra: '' }), 'mismatch');
      assert.equal(checkSignature('54321', docSignature, docUrl, params), 'mismatch');
      assert.equal(checkSignature('12345', undefined, docUrl, params), 'missing');
      assert.equal(checkSignature('12345', '', docUrl, params), 'missing');
    });

    it('accepts the URL with the default port written out, as Twilio may sign either', () => {
      assert.equal(checkSignature('12345', docSignature, 'https://mycompany.com:443/myapp.php?foo=1&bar=2', docParams as FormParams), 'valid');
    });
  });

  context('with an inbound SMS in Turkish, read back from its form body', () => {
    it('agrees with the independent signer over the decoded parameters', () => {
      const params = inboundSms({ Body: 'Şu an gaz kokusu var, İstanbul Kadıköy + % & = ğüşıöç 🔥' });
      const url = 'https://intake.example.com/v1/twilio/sms';
      const received = parseFormParams(Buffer.from(formBody(params)));
      assert.equal(checkSignature(testAuthToken, twilioSignatureOf(testAuthToken, url, params), url, received), 'valid');
      assert.equal(twilioSignature(testAuthToken, url, received), twilioSignatureOf(testAuthToken, url, params));
    });

    it('keeps a parameter given twice, so the signature covers both values', () => {
      const received = parseFormParams(Buffer.from('A=1&A=2&B=3'));
      assert.deepEqual({ ...received }, { A: ['1', '2'], B: '3' });
    });
  });

  context('when building the URL Twilio called', () => {
    it('joins the public base and the request path and query', () => {
      assert.equal(signedUrl('https://intake.example.com', '/v1/twilio/sms'), 'https://intake.example.com/v1/twilio/sms');
      assert.equal(signedUrl('https://intake.example.com/gw/', '/v1/twilio/sms?x=1'), 'https://intake.example.com/gw/v1/twilio/sms?x=1');
    });
  });
});
