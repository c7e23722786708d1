/** Posts one `.http` fixture to a running web-form connector, as the website or an agent's tool would. */
import type { ReplayResult, ReplayTarget } from '../types.js';
import { parseHttpRequest } from './http-request.js';

export async function replayWebformFile(file: Buffer, target: ReplayTarget): Promise<ReplayResult> {
  const request = parseHttpRequest(file);
  const headers: Record<string, string> = {};
  for (const [name, value] of Object.entries(request.headers)) {
    if (name === 'content-length' || name === 'host') continue;
    headers[name] = value.replaceAll('{{STAFF_API_KEY}}', target.staffApiKey ?? '');
  }
  const response = await fetch(new URL(request.path, target.endpoint), { method: request.method, headers, body: new Uint8Array(request.body) });
  const text = await response.text();
  let body: unknown = text;
  try {
    body = JSON.parse(text);
  } catch {
    // Not every answer is JSON (a proxy's error page); keep the text.
  }
  const itemId = typeof body === 'object' && body !== null && typeof (body as { itemId?: unknown }).itemId === 'string' ? (body as { itemId: string }).itemId : null;
  return { status: response.status, itemId, body };
}
