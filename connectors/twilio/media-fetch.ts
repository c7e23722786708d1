/**
 * Fetches one MMS media file the way Twilio serves it: GET the media URL on api.twilio.com with
 * HTTP basic authentication (account SID and auth token), which answers with a redirect to the
 * file on Twilio's media host. Redirects are followed here, not by fetch, so that the account's
 * credentials go only to the configured origins and never to the media host or anywhere a
 * redirect points. The body is read up to a size limit.
 */
import { IntakeError } from '../../runtime/errors.js';

const MAX_REDIRECTS = 5;

export interface MediaCredentials { readonly user: string; readonly password: string }

export interface MediaRequest {
  credentials: MediaCredentials;
  /** Origins (`https://api.twilio.com`) trusted with the credentials; a media URL must be on one. */
  origins: ReadonlySet<string>;
  maxBytes: number;
  /** Aborts the attempt: its time is up, or the worker is stopping. */
  signal: AbortSignal;
}

export interface FetchedMedia { bytes: Buffer; contentType: string | null }

/** Why a fetch failed, short and free of the URL: it becomes a log field and the note's reason. */
function unavailable(reason: string, retriable: boolean, cause?: unknown): IntakeError {
  return new IntakeError('INTAKE_MEDIA_UNAVAILABLE', `media not fetched: ${reason}`, { retriable, details: { reason }, ...(cause === undefined ? {} : { cause }) });
}

/** The reason an IntakeError of this module carries. */
export function mediaFailureReason(error: unknown): string {
  if (error instanceof IntakeError && typeof error.details.reason === 'string') return error.details.reason;
  return error instanceof Error ? error.name : 'error';
}

function parseUrl(text: string, base?: URL): URL | null {
  try {
    const url = new URL(text, base);
    return url.protocol === 'https:' || url.protocol === 'http:' ? url : null;
  } catch {
    return null;
  }
}

async function readLimited(response: Response, maxBytes: number, signal: AbortSignal): Promise<Buffer> {
  const declared = Number(response.headers.get('content-length') ?? NaN);
  if (declared > maxBytes) {
    await response.body?.cancel();
    throw unavailable('too-large', false);
  }
  const chunks: Uint8Array[] = [];
  let size = 0;
  if (response.body === null) return Buffer.alloc(0);
  try {
    // Leaving the loop early (a throw) cancels the stream, so the rest is never downloaded.
    for await (const chunk of response.body) {
      size += chunk.byteLength;
      if (size > maxBytes) throw unavailable('too-large', false);
      chunks.push(chunk);
    }
  } catch (error) {
    if (error instanceof IntakeError) throw error;
    throw unavailable(signal.aborted ? 'timeout' : 'interrupted', true, error);
  }
  return Buffer.concat(chunks);
}

/**
 * One attempt at one media URL.
 * @throws IntakeError INTAKE_MEDIA_UNAVAILABLE, retriable for a timeout, a broken connection, a 5xx,
 *   408 or 429; not for a URL on another origin, a 4xx (401: wrong credentials; 404: gone) or a file
 *   over the limit
 */
export async function fetchMedia(mediaUrl: string, request: MediaRequest): Promise<FetchedMedia> {
  let url = parseUrl(mediaUrl);
  if (url === null) throw unavailable('not-a-url', false);
  if (!request.origins.has(url.origin)) throw unavailable('origin-not-allowed', false);
  const authorization = `Basic ${Buffer.from(`${request.credentials.user}:${request.credentials.password}`).toString('base64')}`;
  for (let hop = 0; hop <= MAX_REDIRECTS; hop++) {
    const headers: Record<string, string> = request.origins.has(url.origin) ? { authorization } : {};
    let response: Response;
    try {
      response = await fetch(url, { headers, redirect: 'manual', signal: request.signal });
    } catch (error) {
      throw unavailable(request.signal.aborted ? 'timeout' : 'network', true, error);
    }
    if (response.status >= 300 && response.status < 400) {
      await response.body?.cancel();
      const next = parseUrl(response.headers.get('location') ?? '', url);
      if (next === null) throw unavailable('bad-redirect', false);
      url = next;
      continue;
    }
    if (!response.ok) {
      await response.body?.cancel();
      throw unavailable(`http-${response.status}`, response.status >= 500 || response.status === 408 || response.status === 429);
    }
    return { bytes: await readLimited(response, request.maxBytes, request.signal), contentType: response.headers.get('content-type') };
  }
  throw unavailable('too-many-redirects', false);
}
