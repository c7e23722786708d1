/** The caller's number sealed into the recording callback URL, and opened only for its own call. */
import assert from 'node:assert/strict';
import { openCaller, sealCaller } from '../../../connectors/twilio/caller-token.js';
import { testAuthToken } from '../../support/twilio-signer.js';
import { callSid } from '../../support/twilio-voice.js';

describe('connectors/twilio caller token', () => {
  it('opens to the number it sealed, for the same call and auth token', () => {
    const call = callSid();
    const token = sealCaller(testAuthToken, call, '+905321234567');
    assert.match(token, /^[A-Za-z0-9_-]+$/);
    assert.doesNotMatch(token, /5321234567/);
    assert.equal(openCaller(testAuthToken, call, token), '+905321234567');
  });

  it('differs each time, so equal numbers cannot be told apart in URLs', () => {
    const call = callSid();
    assert.notEqual(sealCaller(testAuthToken, call, '+905321234567'), sealCaller(testAuthToken, call, '+905321234567'));
  });

  it('does not open for another call, under another token, damaged, or absent', () => {
    const call = callSid();
    const token = sealCaller(testAuthToken, call, '+905321234567');
    assert.equal(openCaller(testAuthToken, callSid(), token), null);
    assert.equal(openCaller('another-auth-token-0000000000000', call, token), null);
    const damaged = `${token.slice(0, 20)}${token[20] === 'A' ? 'B' : 'A'}${token.slice(21)}`;
    assert.equal(openCaller(testAuthToken, call, damaged), null);
    assert.equal(openCaller(testAuthToken, call, 'short'), null);
    assert.equal(openCaller(testAuthToken, call, 'not base64url!'), null);
    assert.equal(openCaller(testAuthToken, call, undefined), null);
  });
});
