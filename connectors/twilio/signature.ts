/**
 * Twilio's request signature (X-Twilio-Signature): base64 of HMAC-SHA1, keyed with the account's
 * auth token, over the full URL Twilio called (scheme, host, path, query) followed by every POST
 * parameter, sorted by name, as name then value with nothing between. The URL is the one Twilio
 * was configured with, which behind a proxy, a load balancer or TLS termination is not the one
 * the request reached here: so it is always built from `publicBaseUrl`, never from Host or
 * X-Forwarded-* headers, which anyone can send.
 *
 * Only the auth token's signature is checked: a Webhook Rule's SharedKey signing (announced by
 * X-Twilio-Webhooks-Signature-Settings) is not supported, and such requests are refused.
 *
 * The twilio library checks it (constant-time, tolerating an explicit default port); it is
 * imported from its webhooks module alone, since the package's index loads the whole REST client
 * (about 240 ms at every `intake` start).
 */
import { getExpectedTwilioSignature, validateRequest } from 'twilio/lib/webhooks/webhooks.js';
import type { FormParams } from './form-params.js';

export const SIGNATURE_HEADER = 'x-twilio-signature';
/** Present when a Webhook Rule has Twilio sign with a SharedKey (HMAC-SHA256) rather than the auth token. */
export const SIGNATURE_SETTINGS_HEADER = 'x-twilio-webhooks-signature-settings';

export type SignatureVerdict = 'valid' | 'missing' | 'mismatch';

/** The URL Twilio called: the public base, then the path and query as the request names them. */
export function signedUrl(publicBaseUrl: string, requestUrl: string): string {
  return `${publicBaseUrl.replace(/\/+$/, '')}${requestUrl.startsWith('/') ? '' : '/'}${requestUrl}`;
}

/** Whether the header is Twilio's signature of these parameters sent to `url`. */
export function checkSignature(authToken: string, header: string | undefined, url: string, params: FormParams): SignatureVerdict {
  if (header === undefined || header === '') return 'missing';
  try {
    return validateRequest(authToken, header, url, params) ? 'valid' : 'mismatch';
  } catch {
    // The library parses the URL once more; a URL it cannot parse was not signed by Twilio.
    return 'mismatch';
  }
}

/** The signature Twilio would send: for replaying fixtures through a running connector. */
export function twilioSignature(authToken: string, url: string, params: FormParams): string {
  return getExpectedTwilioSignature(authToken, url, params);
}
