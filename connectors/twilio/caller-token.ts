/**
 * How the caller's number reaches the recording. Twilio's recording-status callback names the call
 * (CallSid) and the recording but not who called; only the voice webhook heard From. The webhook
 * therefore writes From into the callback URL it hands Twilio (`<Record recordingStatusCallback>`),
 * sealed: AES-256-GCM under a key derived from the auth token, bound to the CallSid.
 *
 * Why the URL and not a map in memory keyed by CallSid: the callback comes a recording's length
 * (up to `maxLengthSeconds`) plus Twilio's processing after the call was answered, and may reach
 * another instance behind the load balancer or this one after a restart; a map would lose the
 * number in both cases, the URL never does. Why sealed and not plain: the URL is written to the
 * access logs of every proxy in front of us, and a phone number must not be (STYLE.md, rule 9).
 * Twilio signs the URL with its query, so the token cannot be swapped either; the CallSid bound in
 * it stops a token being replayed onto another call's callback even by someone holding a signature.
 * A token that no longer opens (the auth token was rotated between the call and its callback)
 * leaves the caller unknown: the voicemail is still recorded, without a number to call back.
 */
import { createCipheriv, createDecipheriv, hkdfSync, randomBytes } from 'node:crypto';

/** The query parameter of the recording callback URL that carries the sealed caller. */
export const CALLER_PARAM = 'caller';

const IV_BYTES = 12;
const TAG_BYTES = 16;
/** Longer than any E.164 number or Twilio's stand-ins for a withheld one. */
const MAX_CALLER_CHARS = 64;

function keyOf(authToken: string): Buffer {
  return Buffer.from(hkdfSync('sha256', authToken, 'intake', 'twilio voicemail caller v1', 32));
}

/** The sealed caller, URL-safe (base64url). */
export function sealCaller(authToken: string, callSid: string, from: string): string {
  const iv = randomBytes(IV_BYTES);
  const cipher = createCipheriv('aes-256-gcm', keyOf(authToken), iv);
  cipher.setAAD(Buffer.from(callSid, 'utf8'));
  const sealed = Buffer.concat([cipher.update(from.slice(0, MAX_CALLER_CHARS), 'utf8'), cipher.final()]);
  return Buffer.concat([iv, sealed, cipher.getAuthTag()]).toString('base64url');
}

/** The caller sealed for this call, or null when the token is absent, damaged, for another call or under another key. */
export function openCaller(authToken: string, callSid: string, token: string | undefined): string | null {
  if (token === undefined || !/^[A-Za-z0-9_-]{1,200}$/.test(token)) return null;
  const bytes = Buffer.from(token, 'base64url');
  if (bytes.length <= IV_BYTES + TAG_BYTES) return null;
  try {
    const decipher = createDecipheriv('aes-256-gcm', keyOf(authToken), bytes.subarray(0, IV_BYTES));
    decipher.setAAD(Buffer.from(callSid, 'utf8'));
    decipher.setAuthTag(bytes.subarray(bytes.length - TAG_BYTES));
    return Buffer.concat([decipher.update(bytes.subarray(IV_BYTES, bytes.length - TAG_BYTES)), decipher.final()]).toString('utf8');
  } catch {
    return null;
  }
}
