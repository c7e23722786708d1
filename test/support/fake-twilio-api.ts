/**
 * Twilio's Messages API on loopback (node:http on a free port): records each request as it arrived
 * (path, basic-auth credentials, form fields) and answers as Twilio does: 201 with the message
 * resource, or an error status with Twilio's error JSON ({code, message, more_info, status}).
 */
import { createServer, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';

export interface TwilioRequest {
  method: string;
  path: string;
  contentType: string;
  /** Decoded from `Authorization: Basic`; null when there was none. */
  auth: { user: string; password: string } | null;
  form: URLSearchParams;
}

export interface TwilioAnswer { status: number; body: Record<string, unknown> }

export interface FakeTwilioApi {
  /** `http://127.0.0.1:<port>`. */
  baseUrl: string;
  readonly requests: TwilioRequest[];
  /** What the n-th request (from 1) is answered; a created message by default. */
  answer: (n: number, request: TwilioRequest) => TwilioAnswer;
  close(): Promise<void>;
}

/** Twilio's error body, e.g. 21211 "The 'To' number … is not a valid phone number." */
export function twilioError(status: number, code: number, message: string): TwilioAnswer {
  return { status, body: { code, message, more_info: `https://www.twilio.com/docs/errors/${code}`, status } };
}

/** Twilio's 201: the message resource as created, queued. */
export function createdMessage(request: TwilioRequest): TwilioAnswer {
  const accountSid = request.auth?.user ?? '';
  const sid = `SM${'0'.repeat(31)}1`;
  return {
    status: 201,
    body: {
      sid, account_sid: accountSid, status: 'queued', direction: 'outbound-api', api_version: '2010-04-01',
      to: request.form.get('To'), from: request.form.get('From'), messaging_service_sid: request.form.get('MessagingServiceSid'),
      body: request.form.get('Body'), num_segments: '1', num_media: '0', price: null, price_unit: 'USD', error_code: null, error_message: null,
      date_created: new Date().toUTCString(), date_updated: new Date().toUTCString(), date_sent: null,
      uri: `/2010-04-01/Accounts/${accountSid}/Messages/${sid}.json`, subresource_uris: {},
    },
  };
}

function basicAuth(header: string | undefined): TwilioRequest['auth'] {
  const match = /^Basic (.+)$/.exec(header ?? '');
  if (match?.[1] === undefined) return null;
  const decoded = Buffer.from(match[1], 'base64').toString('utf8');
  const colon = decoded.indexOf(':');
  return colon < 0 ? null : { user: decoded.slice(0, colon), password: decoded.slice(colon + 1) };
}

export async function startFakeTwilioApi(): Promise<FakeTwilioApi> {
  const requests: TwilioRequest[] = [];
  const api: FakeTwilioApi = {
    baseUrl: '',
    requests,
    answer: (_n, request) => createdMessage(request),
    close: () => new Promise<void>((done) => { server.closeAllConnections(); server.close(() => done()); }),
  };
  const server: Server = createServer((req, res) => {
    const chunks: Buffer[] = [];
    req.on('data', (chunk: Buffer) => chunks.push(chunk));
    req.on('end', () => {
      const request: TwilioRequest = {
        method: req.method ?? '', path: req.url ?? '', contentType: req.headers['content-type'] ?? '',
        auth: basicAuth(req.headers.authorization), form: new URLSearchParams(Buffer.concat(chunks).toString('utf8')),
      };
      requests.push(request);
      const { status, body } = api.answer(requests.length, request);
      res.writeHead(status, { 'Content-Type': 'application/json; charset=utf-8' });
      res.end(JSON.stringify(body));
    });
  });
  await new Promise<void>((done) => server.listen(0, '127.0.0.1', () => done()));
  api.baseUrl = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
  return api;
}
