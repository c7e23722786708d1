/**
 * What the Twilio connector needs before it may listen: the public URL signatures are checked
 * against and the account's credentials. The schema already requires them when the connector is
 * enabled; this narrows the types and names the key when something reaches here without them.
 */
import type { TwilioConfig } from '../../schemas/types.generated.js';
import type { Defaulted } from '../../runtime/config.js';
import { IntakeError } from '../../runtime/errors.js';

export type TwilioSettings = Defaulted<TwilioConfig>;

export interface TwilioAccount {
  /** Without a trailing slash: the request's path is appended to it. */
  readonly publicBaseUrl: string;
  readonly accountSid: string;
  readonly authToken: string;
}

/** @throws IntakeError INTAKE_CONFIG_INVALID naming the first missing key (and its variable) */
export function twilioAccount(config: TwilioSettings): TwilioAccount {
  const missing = (key: string, variable: string): never => {
    throw new IntakeError('INTAKE_CONFIG_INVALID', `connectors.twilio.${key} (${variable}): required when the Twilio connector is enabled`);
  };
  const publicBaseUrl = config.publicBaseUrl ?? missing('publicBaseUrl', 'INTAKE_TWILIO_PUBLIC_BASE_URL');
  const accountSid = config.accountSid ?? missing('accountSid', 'INTAKE_TWILIO_ACCOUNT_SID');
  const authToken = config.authToken ?? missing('authToken', 'INTAKE_TWILIO_AUTH_TOKEN');
  return { publicBaseUrl: publicBaseUrl.replace(/\/+$/, ''), accountSid, authToken };
}
