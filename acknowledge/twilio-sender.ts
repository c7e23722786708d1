/**
 * Sends SMS acknowledgements through Twilio's Messages API with the twilio client
 * (`messages.create`: a form-encoded POST to /2010-04-01/Accounts/{AccountSid}/Messages.json with
 * basic auth). The client is loaded when the sender is made, not when this module is: its REST
 * modules take a few hundred milliseconds to load, and a daemon without SMS acknowledgements never
 * pays for them. Only the REST client's own module and its request client are loaded, not the whole
 * package. Retries are ours (the runner's); the client's own 429 retry stays off.
 */
import type { Agent } from 'node:https';
import type RequestClient from 'twilio/lib/base/RequestClient.js';
import type * as TwilioResponse from 'twilio/lib/http/response.js';
import type { AcknowledgementSms } from './build-sms.js';
import { translateTwilioError } from './twilio-errors.js';

export interface SmsSender {
  /** @throws IntakeError INTAKE_SMS_UNAVAILABLE (retriable), INTAKE_SMS_REJECTED */
  send(sms: AcknowledgementSms): Promise<void>;
  close(): void;
}

export interface TwilioOptions {
  accountSid: string;
  authToken: string;
  /** A number of the account (E.164), or a Messaging Service that picks one. */
  sender: { from: string } | { messagingServiceSid: string };
  /** Scheme and host of the API, `https://api.twilio.com` but in tests. */
  apiBaseUrl: string;
  /** The longest one request may take. */
  timeoutMs: number;
}

/**
 * @throws Error when the twilio package cannot be loaded (start-up)
 */
export async function twilioSender(o: TwilioOptions): Promise<SmsSender> {
  const [{ default: Twilio }, { default: BaseRequestClient }] = await Promise.all([
    import('twilio/lib/rest/Twilio.js'),
    import('twilio/lib/base/RequestClient.js'),
  ]);
  const base = new URL(o.apiBaseUrl);
  // The client has options for Twilio's edges and regions, not for another host: its request
  // client is given the URL it built with the configured scheme and host in place of Twilio's.
  class BaseUrlRequestClient extends BaseRequestClient {
    override request<TData>(opts: RequestClient.RequestOptions<TData>): Promise<TwilioResponse.default<TData>> {
      const uri = new URL(opts.uri);
      uri.protocol = base.protocol;
      uri.host = base.host;
      return super.request({ ...opts, uri: uri.href });
    }
  }
  const http = new BaseUrlRequestClient({ timeout: o.timeoutMs, keepAlive: true });
  const client = new Twilio(o.accountSid, o.authToken, { httpClient: http });
  return {
    async send(sms) {
      try {
        await client.messages.create({ to: sms.to, body: sms.body, ...o.sender });
      } catch (error) {
        throw translateTwilioError(error);
      }
    },
    close() {
      (http.axios.defaults.httpsAgent as Agent | undefined)?.destroy();
    },
  };
}
