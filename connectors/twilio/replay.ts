/**
 * Posts one SMS payload fixture to a running Twilio connector, form-encoded and signed exactly as
 * Twilio would sign it: over the public URL, which is where Twilio posts, while the request goes
 * to the local endpoint, as it does behind a proxy.
 */
import { IntakeError } from '../../runtime/errors.js';
import type { ReplayResult, ReplayTarget, ReplayTwilio } from '../types.js';
import { encodeFormParams } from './form-params.js';
import { smsKey } from './item-id.js';
import { readPayloadFile } from './read-fixture.js';
import { SMS_PATH } from './server.js';
import { twilioAccount, type TwilioSettings } from './settings.js';
import { SIGNATURE_HEADER, signedUrl, twilioSignature } from './signature.js';

/** The replay target of a configured connector, or null when it lacks its public URL or token. */
export function twilioReplayTarget(config: TwilioSettings): ReplayTwilio | null {
  if (config.publicBaseUrl === null || config.authToken === null || config.accountSid === null) return null;
  const { publicBaseUrl, authToken } = twilioAccount(config);
  const host = config.host.includes(':') ? `[${config.host}]` : config.host;
  return { endpoint: `http://${host}:${config.port}`, publicBaseUrl, authToken };
}

/** @throws IntakeError INTAKE_CONFIG_INVALID without a Twilio target, INTAKE_INPUT_UNREADABLE for a file that is no payload */
export async function replaySmsFile(file: Buffer, target: ReplayTarget): Promise<ReplayResult> {
  const twilio = target.twilio ?? null;
  if (twilio === null) throw new IntakeError('INTAKE_CONFIG_INVALID', 'connectors.twilio: no Twilio webhook to replay SMS fixtures into (publicBaseUrl, accountSid and authToken are needed)');
  const params = readPayloadFile(file);
  if (params === null) throw new IntakeError('INTAKE_INPUT_UNREADABLE', 'an SMS fixture must be a JSON object of the inbound-message form fields, each a string');
  const signature = twilioSignature(twilio.authToken, signedUrl(twilio.publicBaseUrl, SMS_PATH), params);
  const response = await fetch(new URL(SMS_PATH, twilio.endpoint), {
    method: 'POST',
    headers: { 'content-type': 'application/x-www-form-urlencoded', [SIGNATURE_HEADER]: signature },
    body: encodeFormParams(params),
  });
  const body = await response.text();
  const sid = params.MessageSid;
  return { status: response.status, itemId: response.ok && typeof sid === 'string' ? smsKey(sid).itemId : null, body };
}
