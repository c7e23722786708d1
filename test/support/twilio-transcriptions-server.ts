/**
 * A stand-in for Twilio's Transcriptions list of a recording (GET /2010-04-01/Accounts/{AccountSid}/
 * Recordings/{RecordingSid}/Transcriptions.json), keeping the API's contract: HTTP basic
 * authentication or 401 with Twilio's error body, the list page as JSON with `transcriptions`
 * (each with `sid`, `status` in-progress, completed or failed, `transcription_text`), an empty list
 * for a recording Twilio has not started on. Each recording can be told what to answer, poll by poll.
 */
import { createServer, type ServerResponse } from 'node:http';
import type { AddressInfo } from 'node:net';

/** One answer: a transcription's status (and text), no transcription yet, or an HTTP error. */
export type TranscriptionAnswer = { status: 'in-progress' } | { status: 'completed'; text: string } | { status: 'failed' } | { status: 'none' } | { http: number };

export interface TwilioTranscriptionsServer {
  /** `http://127.0.0.1:port`: transcription.transcriber.twilio.apiBaseUrl. */
  origin: string;
  /** Answers in turn; the last repeats. */
  set(recordingSid: string, answers: TranscriptionAnswer[]): void;
  /** Requests per recording. */
  polls(recordingSid: string): number;
  close(): Promise<void>;
}

const PATH = /^\/2010-04-01\/Accounts\/(AC[0-9a-f]{32})\/Recordings\/(RE[0-9a-f]{32})\/Transcriptions\.json$/;

function json(response: ServerResponse, status: number, body: unknown): void {
  response.writeHead(status, { 'content-type': 'application/json; charset=utf-8' }).end(JSON.stringify(body));
}

export async function startTwilioTranscriptionsServer(credentials: { accountSid: string; authToken: string }): Promise<TwilioTranscriptionsServer> {
  const answers = new Map<string, TranscriptionAnswer[]>();
  const counts = new Map<string, number>();
  const expected = `Basic ${Buffer.from(`${credentials.accountSid}:${credentials.authToken}`).toString('base64')}`;
  const server = createServer((request, response) => {
    const match = PATH.exec(request.url ?? '');
    if (request.method !== 'GET' || match === null) return json(response, 404, { code: 20404, message: 'The requested resource was not found', status: 404 });
    const recordingSid = match[2] ?? '';
    const seen = counts.get(recordingSid) ?? 0;
    counts.set(recordingSid, seen + 1);
    if (request.headers.authorization !== expected || match[1] !== credentials.accountSid) {
      response.setHeader('www-authenticate', 'Basic realm="Twilio API"');
      return json(response, 401, { code: 20003, message: 'Authenticate', status: 401 });
    }
    const list = answers.get(recordingSid) ?? [{ status: 'none' }];
    const answer = list[Math.min(seen, list.length - 1)] ?? { status: 'none' };
    if ('http' in answer) return json(response, answer.http, { code: 20500, message: 'Internal Server Error', status: answer.http });
    const transcriptions = answer.status === 'none' ? [] : [{
      sid: `TR${recordingSid.slice(2)}`, recording_sid: recordingSid, status: answer.status,
      transcription_text: answer.status === 'completed' ? answer.text : null, type: 'fast', price_unit: 'USD',
    }];
    return json(response, 200, { transcriptions, first_page_uri: request.url, next_page_uri: null, page: 0, page_size: 50 });
  });
  await new Promise<void>((done) => server.listen(0, '127.0.0.1', done));
  return {
    origin: `http://127.0.0.1:${(server.address() as AddressInfo).port}`,
    set: (recordingSid, list) => { answers.set(recordingSid, list); },
    polls: (recordingSid) => counts.get(recordingSid) ?? 0,
    close: () => new Promise((done) => { server.closeAllConnections(); server.close(() => done()); }),
  };
}
