/**
 * A stand-in for an OpenAI-compatible speech-to-text service on a loopback port, keeping the API's
 * contract: POST /v1/audio/transcriptions, multipart/form-data with `file` and `model` required
 * (400 with OpenAI's error object otherwise), `Authorization: Bearer <key>` when it has a key (401
 * `invalid_api_key` otherwise), `{"text": …}` as application/json for `response_format=json`. Each
 * request takes the next behaviour queued (answer a text, answer a status, or never answer), else
 * the default answer. Every request is recorded with its fields and file.
 */
import { createServer, type IncomingMessage, type Server, type ServerResponse } from 'node:http';
import type { AddressInfo } from 'node:net';

export const TRANSCRIPTIONS_PATH = '/v1/audio/transcriptions';

export type SpeechBehaviour =
  /** Answers `{"text": …}`, after `delayMs` when given. */
  | { kind: 'answer'; text: string; delayMs?: number }
  | { kind: 'status'; status: number }
  /** Never answers (until the server closes). */
  | { kind: 'stall' };

export interface SpeechRequestSeen {
  path: string;
  authorization: string | undefined;
  contentType: string | undefined;
  fields: Record<string, string>;
  file: { name: string; type: string; bytes: Buffer } | null;
}

export interface SpeechToTextServer {
  /** The endpoint to configure (`…/v1/audio/transcriptions`). */
  url: string;
  /** Queues behaviours for the next requests, in order. */
  next(...behaviours: SpeechBehaviour[]): void;
  /** What it answers once the queue is empty. */
  answerBy(answer: (request: SpeechRequestSeen) => SpeechBehaviour): void;
  readonly seen: SpeechRequestSeen[];
  close(): Promise<void>;
}

function openAiError(response: ServerResponse, status: number, message: string, type: string, code: string | null, param: string | null = null): void {
  response.writeHead(status, { 'content-type': 'application/json' }).end(JSON.stringify({ error: { message, type, param, code } }));
}

async function bodyOf(request: IncomingMessage): Promise<Buffer> {
  const chunks: Buffer[] = [];
  for await (const chunk of request) chunks.push(chunk as Buffer);
  return Buffer.concat(chunks);
}

/** The fields and file of a multipart body, parsed by undici as a server would. */
async function multipart(contentType: string, body: Buffer): Promise<Pick<SpeechRequestSeen, 'fields' | 'file'> | null> {
  try {
    const form = await new Request('http://stt.invalid/', { method: 'POST', headers: { 'content-type': contentType }, body: Uint8Array.from(body) }).formData();
    const fields: Record<string, string> = {};
    let file: SpeechRequestSeen['file'] = null;
    for (const [name, value] of form) {
      if (typeof value === 'string') fields[name] = value;
      else if (name === 'file') file = { name: value.name, type: value.type, bytes: Buffer.from(await value.arrayBuffer()) };
    }
    return { fields, file };
  } catch {
    return null;
  }
}

export async function startSpeechToTextServer(options: { apiKey?: string | null } = {}): Promise<SpeechToTextServer> {
  const queue: SpeechBehaviour[] = [];
  const seen: SpeechRequestSeen[] = [];
  const stalled: ServerResponse[] = [];
  let answer: (request: SpeechRequestSeen) => SpeechBehaviour = () => ({ kind: 'answer', text: '' });
  const apiKey = options.apiKey ?? null;

  const server: Server = createServer((request, response) => {
    void (async () => {
      const body = await bodyOf(request);
      const contentType = request.headers['content-type'];
      const record: SpeechRequestSeen = { path: request.url ?? '', authorization: request.headers.authorization, contentType, fields: {}, file: null };
      seen.push(record);
      if (request.method !== 'POST' || request.url !== TRANSCRIPTIONS_PATH) return openAiError(response, 404, 'Invalid URL', 'invalid_request_error', null);
      if (apiKey !== null && request.headers.authorization !== `Bearer ${apiKey}`) {
        return openAiError(response, 401, 'Incorrect API key provided.', 'invalid_request_error', 'invalid_api_key');
      }
      const parsed = contentType?.startsWith('multipart/form-data') ? await multipart(contentType, body) : null;
      if (parsed === null) return openAiError(response, 400, 'Invalid Content-Type header, expected multipart/form-data.', 'invalid_request_error', null);
      record.fields = parsed.fields;
      record.file = parsed.file;
      if (parsed.file === null) return openAiError(response, 400, "1 validation error: 'file' field required", 'invalid_request_error', null, 'file');
      if (parsed.fields.model === undefined) return openAiError(response, 400, 'you must provide a model parameter', 'invalid_request_error', null, 'model');
      const behaviour = queue.shift() ?? answer(record);
      if (behaviour.kind === 'stall') return void stalled.push(response);
      if (behaviour.kind === 'status') return openAiError(response, behaviour.status, behaviour.status >= 500 ? 'The server had an error while processing your request. Sorry about that!' : 'Request failed.', behaviour.status >= 500 ? 'server_error' : 'invalid_request_error', null);
      if (behaviour.delayMs !== undefined) await new Promise((done) => setTimeout(done, behaviour.delayMs));
      response.writeHead(200, { 'content-type': 'application/json' }).end(JSON.stringify({ text: behaviour.text }));
    })();
  });
  await new Promise<void>((done) => server.listen(0, '127.0.0.1', done));
  const url = `http://127.0.0.1:${(server.address() as AddressInfo).port}${TRANSCRIPTIONS_PATH}`;
  return {
    url,
    next: (...behaviours) => { queue.push(...behaviours); },
    answerBy: (fn) => { answer = fn; },
    seen,
    async close() {
      for (const response of stalled) response.destroy();
      server.closeAllConnections();
      await new Promise((done) => server.close(done));
    },
  };
}
