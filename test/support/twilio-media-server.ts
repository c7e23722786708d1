/**
 * A stand-in for Twilio's media API on two loopback ports: the API origin answers
 * GET /2010-04-01/Accounts/{AccountSid}/Messages/{MessageSid}/Media/{MediaSid} only with HTTP basic
 * authentication (401 otherwise) and redirects (302) to the file on a second origin, the media
 * host, which serves it with its content type and records whether credentials reached it. Each
 * media id can be told to fail, stall or be large.
 */
import { createServer, type IncomingMessage, type Server, type ServerResponse } from 'node:http';
import type { AddressInfo } from 'node:net';

export type MediaBehaviour =
  | { kind: 'serve'; bytes: Buffer; contentType: string }
  | { kind: 'status'; status: number }
  /** Fails with `status` this many times, then serves. */
  | { kind: 'flaky'; failures: number; status: number; bytes: Buffer; contentType: string }
  /** Never answers. */
  | { kind: 'stall' };

export interface MediaRequestSeen { origin: 'api' | 'media'; path: string; authorization: string | undefined }

export interface TwilioMediaServer {
  /** `http://127.0.0.1:port` of the API origin (put it in `media.origins`). */
  apiOrigin: string;
  mediaOrigin: string;
  /** The media URL of `mediaSid` for a message, as Twilio sends it in MediaUrlN. */
  mediaUrl(accountSid: string, messageSid: string, mediaSid: string): string;
  set(mediaSid: string, behaviour: MediaBehaviour): void;
  readonly seen: MediaRequestSeen[];
  close(): Promise<void>;
}

async function listen(server: Server): Promise<string> {
  await new Promise<void>((done) => server.listen(0, '127.0.0.1', done));
  return `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
}

export async function startTwilioMediaServer(credentials: { accountSid: string; authToken: string }): Promise<TwilioMediaServer> {
  const behaviours = new Map<string, MediaBehaviour>();
  const attempts = new Map<string, number>();
  const seen: MediaRequestSeen[] = [];
  const stalled: ServerResponse[] = [];
  const expected = `Basic ${Buffer.from(`${credentials.accountSid}:${credentials.authToken}`).toString('base64')}`;
  let mediaOrigin = '';

  const api = createServer((request: IncomingMessage, response: ServerResponse) => {
    seen.push({ origin: 'api', path: request.url ?? '', authorization: request.headers.authorization });
    const match = /^\/2010-04-01\/Accounts\/(AC[0-9a-f]{32})\/Messages\/([A-Z]{2}[0-9a-f]{32})\/Media\/(ME[0-9a-f]+)$/.exec(request.url ?? '');
    if (match === null) return response.writeHead(404).end();
    if (request.headers.authorization !== expected || match[1] !== credentials.accountSid) {
      return response.writeHead(401, { 'www-authenticate': 'Basic realm="Twilio API"' }).end();
    }
    const id = match[3] ?? '';
    const behaviour = behaviours.get(id);
    if (behaviour === undefined) return response.writeHead(404).end();
    if (behaviour.kind === 'stall') return void stalled.push(response);
    if (behaviour.kind === 'status') return response.writeHead(behaviour.status).end();
    if (behaviour.kind === 'flaky') {
      const n = (attempts.get(id) ?? 0) + 1;
      attempts.set(id, n);
      if (n <= behaviour.failures) return response.writeHead(behaviour.status).end();
    }
    return response.writeHead(302, { location: `${mediaOrigin}/content/${id}` }).end();
  });
  const media = createServer((request: IncomingMessage, response: ServerResponse) => {
    seen.push({ origin: 'media', path: request.url ?? '', authorization: request.headers.authorization });
    const id = /^\/content\/(ME[0-9a-f]+)$/.exec(request.url ?? '')?.[1] ?? '';
    const behaviour = behaviours.get(id);
    if (behaviour === undefined || (behaviour.kind !== 'serve' && behaviour.kind !== 'flaky')) return response.writeHead(404).end();
    response.writeHead(200, { 'content-type': behaviour.contentType, 'content-length': behaviour.bytes.length }).end(behaviour.bytes);
  });
  const apiOrigin = await listen(api);
  mediaOrigin = await listen(media);
  return {
    apiOrigin,
    mediaOrigin,
    mediaUrl: (accountSid, messageSid, mediaSid) => `${apiOrigin}/2010-04-01/Accounts/${accountSid}/Messages/${messageSid}/Media/${mediaSid}`,
    set: (mediaSid, behaviour) => { behaviours.set(mediaSid, behaviour); },
    seen,
    async close() {
      for (const response of stalled) response.destroy();
      api.closeAllConnections();
      media.closeAllConnections();
      await Promise.all([new Promise((done) => api.close(done)), new Promise((done) => media.close(done))]);
    },
  };
}
