import assert from 'node:assert/strict';
import { parseFormParams } from '../../../connectors/twilio/form-params.js';
import { readInboundMessage } from '../../../connectors/twilio/inbound-message.js';
import { formBody, inboundSms } from '../../support/twilio-signer.js';

const read = (params: Record<string, string>) => readInboundMessage(parseFormParams(Buffer.from(formBody(params))));

describe('connectors/twilio inbound message', () => {
  context('when Twilio sends an MMS', () => {
    it('reads NumMedia media with their declared types, at most ten', () => {
      const fields: Record<string, string> = { NumMedia: '12' };
      for (let i = 0; i < 12; i++) {
        fields[`MediaUrl${i}`] = `https://api.twilio.com/m/${i}`;
        fields[`MediaContentType${i}`] = 'image/jpeg';
      }
      const reading = read(inboundSms({ Body: '', ...fields }));
      assert.ok(reading.ok);
      assert.equal(reading.message.media.length, 10);
      assert.deepEqual(reading.message.media[9], { url: 'https://api.twilio.com/m/9', contentType: 'image/jpeg' });
    });

    it('skips a media entry without its URL', () => {
      const reading = read(inboundSms({ Body: 'x', NumMedia: '2', MediaUrl1: 'https://api.twilio.com/m/1' }));
      assert.ok(reading.ok);
      assert.deepEqual(reading.message.media, [{ url: 'https://api.twilio.com/m/1', contentType: null }]);
    });
  });

  context('when fields are missing or malformed', () => {
    it('names MessageSid and From when absent', () => {
      const { MessageSid: _m, From: _f, ...params } = inboundSms({ Body: 'x' });
      const reading = read(params);
      assert.ok(!reading.ok);
      assert.deepEqual(reading.errors.map((e) => e.path), ['MessageSid', 'From']);
    });

    it('refuses a MessageSid of another shape and a NumMedia that is no number', () => {
      const reading = read(inboundSms({ Body: 'x', MessageSid: 'SM123', NumMedia: 'two' }));
      assert.ok(!reading.ok);
      assert.deepEqual(reading.errors.map((e) => e.path), ['MessageSid', 'NumMedia']);
    });

    it('refuses a field given twice, naming it and never its value', () => {
      const reading = readInboundMessage(parseFormParams(Buffer.from(`${formBody(inboundSms({ Body: 'x' }))}&From=%2B905551234567`)));
      assert.ok(!reading.ok);
      assert.deepEqual(reading.errors, [{ path: 'From', message: 'is given more than once' }]);
    });
  });

  context('when the text holds what the database cannot store', () => {
    it('repairs it at the edge', () => {
      const reading = read(inboundSms({ Body: 'a\u0000b' }));
      assert.ok(reading.ok);
      assert.equal(reading.message.body, 'ab');
    });
  });
});
