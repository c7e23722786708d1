/** Twilio's call recordings, as test/support/twilio-file-server.ts stands in for them: served as audio/x-wav. */
import { startTwilioFileServer, type FileRequestSeen, type TwilioFileServer } from './twilio-file-server.js';

export type RecordingBehaviour =
  | { kind: 'serve'; bytes: Buffer }
  | { kind: 'status'; status: number }
  /** Fails with `status` this many times, then serves. */
  | { kind: 'flaky'; failures: number; status: number; bytes: Buffer }
  | { kind: 'stall' };

export type RecordingRequestSeen = FileRequestSeen;

export interface TwilioRecordingServer extends Omit<TwilioFileServer, 'set'> {
  /** RecordingUrl as Twilio sends it: without an extension. */
  recordingUrl(accountSid: string, recordingSid: string): string;
  set(recordingSid: string, behaviour: RecordingBehaviour): void;
}

export async function startTwilioRecordingServer(credentials: { accountSid: string; authToken: string }): Promise<TwilioRecordingServer> {
  const server = await startTwilioFileServer(credentials, {
    api: /^\/2010-04-01\/Accounts\/(AC[0-9a-f]{32})\/Recordings\/(RE[0-9a-f]{32})\.wav$/,
    content: { path: (id) => `/recordings/${id}.wav`, id: /^\/recordings\/(RE[0-9a-f]{32})\.wav$/ },
  });
  return {
    ...server,
    recordingUrl: (accountSid, recordingSid) => `${server.apiOrigin}/2010-04-01/Accounts/${accountSid}/Recordings/${recordingSid}`,
    set: (recordingSid, behaviour) => server.set(recordingSid, behaviour.kind === 'serve' || behaviour.kind === 'flaky' ? { ...behaviour, contentType: 'audio/x-wav' } : behaviour),
  };
}
