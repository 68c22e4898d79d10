import { HttpRequest } from '@smithy/protocol-http';

export interface SignedRequest {
  readonly method: string;
  /** Request target as received (path and query, still percent-encoded). */
  readonly url: string;
  /** Lower-case names, as node:http parses them (`IncomingMessage.headers`). */
  readonly headers: Readonly<Record<string, string | string[] | undefined>>;
  readonly body: Uint8Array;
}

/**
 * The request as the signer sees it: only the headers the client listed in
 * SignedHeaders (a listed header that is absent stays absent, so the
 * signatures differ, as they should), the decoded path, the query and the
 * raw body. Shared by the verifier and by the explanation of a mismatch, so
 * both see the same request.
 */
export function signableRequest(request: SignedRequest, signedHeaders: readonly string[]): HttpRequest {
  const url = new URL(request.url, 'http://placeholder');
  const headers: Record<string, string> = {};
  for (const name of signedHeaders) {
    const value = request.headers[name];
    if (value !== undefined) headers[name] = Array.isArray(value) ? value.join(',') : value;
  }
  const query: Record<string, string | string[]> = {};
  for (const [key, value] of url.searchParams) {
    const previous = query[key];
    query[key] = previous === undefined ? value : [...(Array.isArray(previous) ? previous : [previous]), value];
  }
  return new HttpRequest({
    method: request.method,
    protocol: 'http:',
    hostname: 'placeholder',
    path: url.pathname.split('/').map(decodeURIComponent).join('/'),
    query,
    headers,
    body: request.body,
  });
}
