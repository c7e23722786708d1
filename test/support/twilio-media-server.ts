/** Twilio's MMS media API, as test/support/twilio-file-server.ts stands in for it. */
import { startTwilioFileServer, type FileBehaviour, type FileRequestSeen, type TwilioFileServer } from './twilio-file-server.js';

export type MediaBehaviour = FileBehaviour;
export type MediaRequestSeen = FileRequestSeen;

export interface TwilioMediaServer extends TwilioFileServer {
  /** The media URL of `mediaSid` for a message, as Twilio sends it in MediaUrlN. */
  mediaUrl(accountSid: string, messageSid: string, mediaSid: string): string;
}

export async function startTwilioMediaServer(credentials: { accountSid: string; authToken: string }): Promise<TwilioMediaServer> {
  const server = await startTwilioFileServer(credentials, {
    api: /^\/2010-04-01\/Accounts\/(AC[0-9a-f]{32})\/Messages\/[A-Z]{2}[0-9a-f]{32}\/Media\/(ME[0-9a-f]+)$/,
    content: { path: (id) => `/content/${id}`, id: /^\/content\/(ME[0-9a-f]+)$/ },
  });
  return {
    ...server,
    mediaUrl: (accountSid, messageSid, mediaSid) => `${server.apiOrigin}/2010-04-01/Accounts/${accountSid}/Messages/${messageSid}/Media/${mediaSid}`,
  };
}
