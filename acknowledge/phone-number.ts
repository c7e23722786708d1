/**
 * Whether a number can take an SMS acknowledgement: written in E.164 and a mobile number by
 * libphonenumber-js's numbering plans (its `mobile` metadata knows only mobile ranges, so a
 * landline, a premium or a short number is not valid there).
 */
import { parsePhoneNumberFromString } from 'libphonenumber-js/mobile';

const E164 = /^\+[1-9][0-9]{6,14}$/;

export type SmsNumberCheck = 'ok' | 'INVALID_NUMBER' | 'NOT_MOBILE';

export function checkSmsNumber(phone: string): SmsNumberCheck {
  if (!E164.test(phone)) return 'INVALID_NUMBER';
  const parsed = parsePhoneNumberFromString(phone);
  return parsed !== undefined && parsed.number === phone && parsed.isValid() ? 'ok' : 'NOT_MOBILE';
}
