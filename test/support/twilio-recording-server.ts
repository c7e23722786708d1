/**
 * A stand-in for Twilio's recordings on two loopback ports, keeping the API's contract: the API
 * origin answers GET /2010-04-01/Accounts/{AccountSid}/Recordings/{RecordingSid}.wav only with
 * HTTP basic authentication (401 with WWW-Authenticate otherwise), 404 for a recording it does not
 * have, and redirects (302) to the file on a second origin, which serves it as audio/x-wav and
 * records whether credentials reached it. Each recording can be told to fail, fail a few times or
 * stall.
 */
import { createServer, type IncomingMessage, type Server, type ServerResponse } from 'node:http';
import type { AddressInfo } from 'node:net';

export type RecordingBehaviour =
  | { kind: 'serve'; bytes: Buffer }
  | { kind: 'status'; status: number }
  /** Fails with `status` this many times, then serves. */
  | { kind: 'flaky'; failures: number; status: number; bytes: Buffer }
  | { kind: 'stall' };

export interface RecordingRequestSeen { origin: 'api' | 'media'; path: string; authorization: string | undefined }

export interface TwilioRecordingServer {
  apiOrigin: string;
  mediaOrigin: string;
  /** RecordingUrl as Twilio sends it: without an extension. */
  recordingUrl(accountSid: string, recordingSid: string): string;
  set(recordingSid: string, behaviour: RecordingBehaviour): void;
  readonly seen: RecordingRequestSeen[];
  close(): Promise<void>;
}

async function listen(server: Server): Promise<string> {
  await new Promise<void>((done) => server.listen(0, '127.0.0.1', done));
  return `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
}

export async function startTwilioRecordingServer(credentials: { accountSid: string; authToken: string }): Promise<TwilioRecordingServer> {
  const behaviours = new Map<string, RecordingBehaviour>();
  const attempts = new Map<string, number>();
  const seen: RecordingRequestSeen[] = [];
  const stalled: ServerResponse[] = [];
  const expected = `Basic ${Buffer.from(`${credentials.accountSid}:${credentials.authToken}`).toString('base64')}`;
  let mediaOrigin = '';

  const api = createServer((request: IncomingMessage, response: ServerResponse) => {
    seen.push({ origin: 'api', path: request.url ?? '', authorization: request.headers.authorization });
    const match = /^\/2010-04-01\/Accounts\/(AC[0-9a-f]{32})\/Recordings\/(RE[0-9a-f]{32})\.wav$/.exec(request.url ?? '');
    if (request.headers.authorization !== expected || (match !== null && match[1] !== credentials.accountSid)) {
      return response.writeHead(401, { 'www-authenticate': 'Basic realm="Twilio API"', 'content-type': 'application/json' }).end('{"code":20003,"message":"Authenticate","status":401}');
    }
    const id = match?.[2] ?? '';
    const behaviour = behaviours.get(id);
    if (match === null || behaviour === undefined) return response.writeHead(404, { 'content-type': 'application/json' }).end('{"code":20404,"message":"The requested resource was not found","status":404}');
    if (behaviour.kind === 'stall') return void stalled.push(response);
    if (behaviour.kind === 'status') return response.writeHead(behaviour.status).end();
    if (behaviour.kind === 'flaky') {
      const n = (attempts.get(id) ?? 0) + 1;
      attempts.set(id, n);
      if (n <= behaviour.failures) return response.writeHead(behaviour.status).end();
    }
    return response.writeHead(302, { location: `${mediaOrigin}/recordings/${id}.wav` }).end();
  });
  const media = createServer((request: IncomingMessage, response: ServerResponse) => {
    seen.push({ origin: 'media', path: request.url ?? '', authorization: request.headers.authorization });
    const id = /^\/recordings\/(RE[0-9a-f]{32})\.wav$/.exec(request.url ?? '')?.[1] ?? '';
    const behaviour = behaviours.get(id);
    if (behaviour === undefined || (behaviour.kind !== 'serve' && behaviour.kind !== 'flaky')) return response.writeHead(404).end();
    response.writeHead(200, { 'content-type': 'audio/x-wav', 'content-length': behaviour.bytes.length }).end(behaviour.bytes);
  });
  const apiOrigin = await listen(api);
  mediaOrigin = await listen(media);
  return {
    apiOrigin,
    mediaOrigin,
    recordingUrl: (accountSid, recordingSid) => `${apiOrigin}/2010-04-01/Accounts/${accountSid}/Recordings/${recordingSid}`,
    set: (recordingSid, behaviour) => { behaviours.set(recordingSid, behaviour); },
    seen,
    async close() {
      for (const response of stalled) response.destroy();
      api.closeAllConnections();
      media.closeAllConnections();
      await Promise.all([new Promise((done) => api.close(done)), new Promise((done) => media.close(done))]);
    },
  };
}
