/**
 * Signs webhook requests as Twilio does, written from Twilio's security documentation and not from
 * the twilio library, so the connector's check (which uses the library) is tried against an
 * independent signer: HMAC-SHA1 keyed with the auth token over the URL Twilio called followed by
 * each POST parameter sorted by name, name then value, no separators; base64.
 */
import { createHmac } from 'node:crypto';

export type TwilioParams = Record<string, string>;

export function twilioSignatureOf(authToken: string, url: string, params: TwilioParams): string {
  const names = Object.keys(params).sort();
  const data = names.reduce((acc, name) => `${acc}${name}${params[name] ?? ''}`, url);
  return createHmac('sha1', authToken).update(Buffer.from(data, 'utf8')).digest('base64');
}

/** The body Twilio posts: application/x-www-form-urlencoded, UTF-8. */
export function formBody(params: TwilioParams): string {
  return new URLSearchParams(Object.entries(params)).toString();
}

export const testAccountSid = `AC${'0123456789abcdef'.repeat(2)}`;
export const testAuthToken = 'test-auth-token-0123456789abcdef';

let counter = 0;

/** A fresh MessageSid (`SM` + 32 hex), or `MM` for an MMS. */
export function messageSid(prefix: 'SM' | 'MM' = 'SM'): string {
  counter += 1;
  return `${prefix}${counter.toString(16).padStart(8, '0')}${'c0ffee00'.repeat(3)}`;
}

/** An inbound SMS as Twilio posts it, with the fields it always sends. */
export function inboundSms(fields: Partial<TwilioParams> & { Body: string }): TwilioParams {
  const sid = fields.MessageSid ?? messageSid();
  const base: TwilioParams = {
    ToCountry: 'TR', ToState: '', SmsMessageSid: sid, NumMedia: '0', ToCity: '', FromZip: '', SmsSid: sid, FromState: '',
    SmsStatus: 'received', FromCity: '', FromCountry: 'TR', To: '+908502220153', ToZip: '', NumSegments: '1',
    ReferralNumMedia: '0', MessageSid: sid, AccountSid: testAccountSid, From: '+905339876543', ApiVersion: '2010-04-01',
  };
  const out: TwilioParams = { ...base };
  for (const [name, value] of Object.entries(fields)) if (value !== undefined) out[name] = value;
  return out;
}
