/**
 * A stand-in for how Twilio serves a file (an MMS media item, a call recording), on two loopback
 * ports, keeping the API's contract: the API origin answers the file's URL only with HTTP basic
 * authentication (401 otherwise), 404 for a file it does not have, and redirects (302) to the file
 * on a second origin, the media host, which serves it and records whether credentials reached it.
 * Each file can be told to fail, fail a few times, or stall.
 */
import { createServer, type IncomingMessage, type Server, type ServerResponse } from 'node:http';
import type { AddressInfo } from 'node:net';

export type FileBehaviour =
  | { kind: 'serve'; bytes: Buffer; contentType: string }
  | { kind: 'status'; status: number }
  /** Fails with `status` this many times, then serves. */
  | { kind: 'flaky'; failures: number; status: number; bytes: Buffer; contentType: string }
  /** Never answers. */
  | { kind: 'stall' };

export interface FileRequestSeen { origin: 'api' | 'media'; path: string; authorization: string | undefined }

export interface TwilioFileServer {
  /** `http://127.0.0.1:port` of the API origin (put it in `media.origins`). */
  apiOrigin: string;
  mediaOrigin: string;
  set(id: string, behaviour: FileBehaviour): void;
  readonly seen: FileRequestSeen[];
  close(): Promise<void>;
}

export interface FileRoutes {
  /** The API path of a file: group 1 the account, group 2 the file's id. */
  api: RegExp;
  /** Where the media host serves a file, and how its path names it back. */
  content: { path(id: string): string; id: RegExp };
}

async function listen(server: Server): Promise<string> {
  await new Promise<void>((done) => server.listen(0, '127.0.0.1', done));
  return `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
}

const twilioError = (response: ServerResponse, status: number, code: number, message: string): void => {
  response.writeHead(status, { 'content-type': 'application/json', ...(status === 401 ? { 'www-authenticate': 'Basic realm="Twilio API"' } : {}) }).end(JSON.stringify({ code, message, status }));
};

export async function startTwilioFileServer(credentials: { accountSid: string; authToken: string }, routes: FileRoutes): Promise<TwilioFileServer> {
  const behaviours = new Map<string, FileBehaviour>();
  const attempts = new Map<string, number>();
  const seen: FileRequestSeen[] = [];
  const stalled: ServerResponse[] = [];
  const expected = `Basic ${Buffer.from(`${credentials.accountSid}:${credentials.authToken}`).toString('base64')}`;
  let mediaOrigin = '';

  const api = createServer((request: IncomingMessage, response: ServerResponse) => {
    seen.push({ origin: 'api', path: request.url ?? '', authorization: request.headers.authorization });
    const match = routes.api.exec(request.url ?? '');
    if (request.headers.authorization !== expected || (match !== null && match[1] !== credentials.accountSid)) return twilioError(response, 401, 20003, 'Authenticate');
    const id = match?.[2] ?? '';
    const behaviour = behaviours.get(id);
    if (match === null || behaviour === undefined) return twilioError(response, 404, 20404, 'The requested resource was not found');
    if (behaviour.kind === 'stall') return void stalled.push(response);
    if (behaviour.kind === 'status') return response.writeHead(behaviour.status).end();
    if (behaviour.kind === 'flaky') {
      const n = (attempts.get(id) ?? 0) + 1;
      attempts.set(id, n);
      if (n <= behaviour.failures) return response.writeHead(behaviour.status).end();
    }
    return response.writeHead(302, { location: `${mediaOrigin}${routes.content.path(id)}` }).end();
  });
  const media = createServer((request: IncomingMessage, response: ServerResponse) => {
    seen.push({ origin: 'media', path: request.url ?? '', authorization: request.headers.authorization });
    const id = routes.content.id.exec(request.url ?? '')?.[1] ?? '';
    const behaviour = behaviours.get(id);
    if (behaviour === undefined || (behaviour.kind !== 'serve' && behaviour.kind !== 'flaky')) return response.writeHead(404).end();
    response.writeHead(200, { 'content-type': behaviour.contentType, 'content-length': behaviour.bytes.length }).end(behaviour.bytes);
  });
  const apiOrigin = await listen(api);
  mediaOrigin = await listen(media);
  return {
    apiOrigin,
    mediaOrigin,
    set: (id, behaviour) => { behaviours.set(id, behaviour); },
    seen,
    async close() {
      for (const response of stalled) response.destroy();
      api.closeAllConnections();
      media.closeAllConnections();
      await Promise.all([new Promise((done) => api.close(done)), new Promise((done) => media.close(done))]);
    },
  };
}
