import type { IncomingMessage, ServerResponse } from 'node:http';

/**
 * CORS for the browser runner: a Run in a WebContainer calls the emulator
 * from the attendee's browser, which sends an `Origin` and, for a signed
 * JSON POST, a preflight first. Only the site's own origins (set once the
 * site listens, `LocalAws.allowCorsOrigins`) are allowed; any other origin
 * gets no `Access-Control-Allow-Origin`, so a page elsewhere cannot read what
 * the emulator answers (the browser enforces it; the emulator still judges
 * every request by its credentials, as before).
 *
 * Services that answer CORS themselves, as their AWS counterpart does (the
 * JWKS, the Orders API's stage), keep their own headers: those are written
 * after these and win.
 */
const ALLOWED_HEADERS =
  'authorization, content-type, x-amz-date, x-amz-security-token, x-amz-content-sha256, x-amz-target, x-amz-user-agent, x-api-key, amz-sdk-invocation-id, amz-sdk-request';
const EXPOSED_HEADERS = 'x-amzn-requestid, x-amzn-errortype, x-amzn-errormessage, x-amz-request-id, date';

export class CorsOrigins {
  readonly #origins = new Set<string>();

  /** Adds origins such as `http://localhost:4321`; anything that is not a plain http(s) origin is refused. */
  allow(origins: readonly string[]): void {
    for (const origin of origins) {
      const url = new URL(origin);
      if ((url.protocol !== 'http:' && url.protocol !== 'https:') || url.origin !== origin.replace(/\/$/, '')) {
        throw new RangeError(`${origin} is not an origin (scheme://host[:port]).`);
      }
      this.#origins.add(url.origin);
    }
  }

  has(origin: string): boolean {
    return this.#origins.has(origin);
  }
}

/**
 * Sets the CORS headers for an allowed origin; answers its preflight itself
 * (204) and returns true then. A preflight from any other origin is refused
 * (403, no allowance); a simple request from one passes through unchanged.
 */
export function answerCors(request: IncomingMessage, response: ServerResponse, origins: CorsOrigins): boolean {
  const origin = request.headers.origin;
  const preflight = request.method === 'OPTIONS' && request.headers['access-control-request-method'] !== undefined;
  if (origin === undefined) return false;
  response.setHeader('vary', 'Origin');
  if (!origins.has(origin)) {
    if (!preflight) return false;
    response.writeHead(403, { 'content-type': 'text/plain; charset=utf-8', vary: 'Origin' });
    response.end('Cross-origin requests are allowed from the Keyless site only.');
    return true;
  }
  response.setHeader('access-control-allow-origin', origin);
  response.setHeader('access-control-expose-headers', EXPOSED_HEADERS);
  if (!preflight) return false;
  response.writeHead(204, {
    'access-control-allow-origin': origin,
    'access-control-allow-methods': 'GET, POST, PUT, DELETE, OPTIONS',
    'access-control-allow-headers': ALLOWED_HEADERS,
    'access-control-max-age': '600',
    vary: 'Origin',
  });
  response.end();
  return true;
}
