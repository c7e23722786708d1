/**
 * Web-form fixtures are raw HTTP requests (`.http`): a request line, headers, a blank line and the
 * body, the way the website sends them. A file without a request line is a bare body. The body
 * stays bytes: it may be in a charset other than UTF-8, or hostile.
 */
export interface HttpRequestFile {
  method: string;
  path: string;
  /** Lower-cased names. */
  headers: Record<string, string>;
  body: Buffer;
}

/** Splits a raw HTTP request; a bare body gets a content type sniffed from its first character. */
export function parseHttpRequest(file: Buffer): HttpRequestFile {
  // The head is ASCII; latin1 maps each byte to one character, so offsets are byte offsets.
  const text = file.toString('latin1');
  const requestLine = /^(POST|PUT|GET) (\S+)(?: HTTP\/1\.[01])?\r?\n/.exec(text);
  if (!requestLine) {
    const contentType = text.trimStart().startsWith('{') ? 'application/json' : 'application/x-www-form-urlencoded';
    return { method: 'POST', path: '/v1/applications', headers: { 'content-type': contentType }, body: file };
  }
  const restAt = requestLine[0].length;
  const blank = /\r?\n\r?\n/.exec(text.slice(restAt));
  const head = blank ? text.slice(restAt, restAt + blank.index) : text.slice(restAt);
  const body = blank ? file.subarray(restAt + blank.index + blank[0].length) : Buffer.alloc(0);
  const headers: Record<string, string> = {};
  for (const line of head.split(/\r?\n/)) {
    const colon = line.indexOf(':');
    if (colon > 0) headers[line.slice(0, colon).trim().toLowerCase()] = line.slice(colon + 1).trim();
  }
  return { method: requestLine[1] as string, path: requestLine[2] as string, headers, body };
}
