/**
 * Generated web-form requests, realistic and hostile, for the property tests and the end-to-end
 * fuzz run: known and unknown fields, JSON numbers, arrays, nulls, prototype keys, lone UTF-16
 * surrogates, NUL, Turkish text in three charsets, invalid bytes, deep nesting, wrong content types.
 */
import fc from 'fast-check';
import iconv from 'iconv-lite';

const hostilePieces = ['\ud800', '\udbff', '\udc00', '\ud83d', '\u0000', '\u202e', '\ufeff', '"', '\\', '%', '&', '=', '+', '\n', '<script>', '🔥', 'İ', 'ı', 'ş', 'Ğ'];
const turkishWords = ['Ayşe', 'YILMAZ', 'İsmail', 'Işık', 'faturam', 'yüksek', 'sayacım', 'gaz', 'kokusu', 'var', 'yok', 'Kadıköy', 'Mah.', 'No:12', 'abone', 'kesinti'];

/** Text mixing Turkish words, any code point, and what breaks storage or parsers. */
export const hostileText = fc.array(fc.oneof({ weight: 1, arbitrary: fc.string({ unit: 'binary', maxLength: 6 }) }, { weight: 3, arbitrary: fc.constantFrom(...hostilePieces) }, { weight: 2, arbitrary: fc.constantFrom(...turkishWords) }), { maxLength: 10 })
  .map((parts) => parts.join(' '));

const plausible: Record<string, fc.Arbitrary<unknown>> = {
  fullName: fc.constantFrom('Ayşe Yılmaz', 'İSMAİL IŞIK', 'elif şahin'),
  phone: fc.constantFrom('05321234567', '0532 123 45 67', '+90 532 123 45 67', 5321234567),
  nationalId: fc.constantFrom('70226422252', '16408280098', 70226422252, '12345678901'),
  contractAccountNumber: fc.constantFrom('1000234567', 1000234567),
  isSubscriber: fc.constantFrom(true, false, 'on', 'evet', 'true', 1),
  description: fc.constantFrom('Faturam çok yüksek geldi.', 'Mutfakta gaz kokusu var!', 'Sayaç arızalı.'),
};

const knownNames = ['fullName', 'phone', 'email', 'isSubscriber', 'contractAccountNumber', 'nationalId', 'district', 'address', 'mainTopic', 'subTopic', 'description', 'proposedSolution'];
const oddNames = ['__proto__', 'constructor', 'prototype', 'g-recaptcha-response', 'utm_source', 'channel', 'hasOwnProperty', 'toString'];

const anyValue: fc.Arbitrary<unknown> = fc.oneof(
  hostileText,
  fc.integer(), fc.double(), fc.boolean(), fc.constant(null),
  fc.array(fc.oneof(hostileText, fc.integer()), { maxLength: 3 }),
  fc.dictionary(fc.string({ maxLength: 5 }), hostileText, { maxKeys: 2 }),
);

/** A form object: plausible values for some known fields, anything for others, odd and unknown names. */
export const formObject: fc.Arbitrary<Record<string, unknown>> = fc.tuple(
  fc.dictionary(fc.constantFrom(...Object.keys(plausible)), fc.constant(null)),
  fc.dictionary(fc.oneof(fc.constantFrom(...knownNames, ...oddNames), fc.string({ unit: 'binary', maxLength: 12 })), anyValue, { maxKeys: 6 }),
).chain(([picked, wild]) => fc.record(Object.fromEntries(Object.keys(picked).map((name) => [name, plausible[name] as fc.Arbitrary<unknown>]))).map((good) => {
  // Built with defineProperty, so that a __proto__ key is data, as JSON.parse makes it.
  const out: Record<string, unknown> = {};
  for (const [name, value] of [...Object.entries(wild), ...Object.entries(good)]) Object.defineProperty(out, name, { value, enumerable: true, writable: true, configurable: true });
  return out;
}));

export interface GeneratedRequest { contentType: string; body: Buffer }

function urlEncode(form: Record<string, unknown>, charset: 'utf-8' | 'iso-8859-9'): Buffer {
  const parts: Buffer[] = [];
  for (const [name, value] of Object.entries(form)) {
    if (typeof value === 'object' && value !== null) continue;
    const encode = (text: string): string => [...(charset === 'utf-8' ? Buffer.from(text, 'utf8') : iconv.encode(text, charset))].map((b) => `%${b.toString(16).padStart(2, '0')}`).join('');
    parts.push(Buffer.from(`${encode(name)}=${encode(String(value))}`));
  }
  return Buffer.concat(parts.flatMap((p, i) => (i === 0 ? [p] : [Buffer.from('&'), p])));
}

/** One request as a website, an old site, a broken client or an attacker would send it. */
export const formRequest: fc.Arbitrary<GeneratedRequest> = fc.oneof(
  { weight: 6, arbitrary: formObject.map((form) => ({ contentType: 'application/json', body: Buffer.from(JSON.stringify(form), 'utf8') })) },
  { weight: 2, arbitrary: formObject.map((form) => ({ contentType: 'application/x-www-form-urlencoded', body: urlEncode(form, 'utf-8') })) },
  { weight: 1, arbitrary: formObject.map((form) => ({ contentType: 'application/x-www-form-urlencoded; charset=iso-8859-9', body: urlEncode(form, 'iso-8859-9') })) },
  { weight: 1, arbitrary: fc.uint8Array({ maxLength: 200 }).map((bytes) => ({ contentType: 'application/json', body: Buffer.from(bytes) })) },
  { weight: 1, arbitrary: fc.integer({ min: 1, max: 3000 }).map((depth) => ({ contentType: 'application/json', body: Buffer.from(`{"description":${'['.repeat(depth)}${']'.repeat(depth)}}`) })) },
  { weight: 1, arbitrary: fc.tuple(fc.constantFrom('text/plain', 'application/json; charset=koi8-r', '', 'multipart/form-data'), fc.uint8Array({ maxLength: 50 })).map(([contentType, bytes]) => ({ contentType, body: Buffer.from(bytes) })) },
);
