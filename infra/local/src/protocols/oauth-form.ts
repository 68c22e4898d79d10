import type { IncomingMessage, ServerResponse } from 'node:http';
import type { ServiceError } from '../errors/index.ts';
import { sendJson } from '../http/io.ts';

/**
 * OAuth 2.0's token endpoint side of the wire (RFC 6749 §3.2, §5), as
 * Cognito answers it: an `application/x-www-form-urlencoded` request, a
 * JSON answer that no cache may keep, and every error (`invalid_client`
 * included) a 400 `{"error": <code>}`.
 */
const RESPONSE_HEADERS = {
  'cache-control': 'no-cache, no-store, max-age=0, must-revalidate',
  pragma: 'no-cache',
  'access-control-allow-origin': '*',
};
const JSON_UTF8 = 'application/json;charset=UTF-8';

/** The form, or undefined when the request is not form-encoded (an `invalid_request`). */
export function oauthForm(request: IncomingMessage, body: Buffer): URLSearchParams | undefined {
  const contentType = (request.headers['content-type'] ?? '').split(';')[0]?.trim().toLowerCase();
  return contentType === 'application/x-www-form-urlencoded' ? new URLSearchParams(body.toString('utf8')) : undefined;
}

export function sendOAuthResult(
  response: ServerResponse,
  token: { readonly access_token: string; readonly expires_in: number; readonly token_type: 'Bearer' },
): void {
  sendJson(response, 200, token, RESPONSE_HEADERS, JSON_UTF8);
}

/** Cognito answers every token error with 400, whatever the error's own status. */
export function sendOAuthError(response: ServerResponse, error: ServiceError): void {
  sendJson(response, 400, { error: error.code }, RESPONSE_HEADERS, JSON_UTF8);
}

/** Anything but POST (or a preflight) at the token endpoint. */
export function sendOAuthMethodNotAllowed(response: ServerResponse): void {
  sendJson(response, 405, { error: 'invalid_request' }, { allow: 'POST' });
}

/** The CORS preflight of a browser's token request. */
export function sendOAuthPreflight(response: ServerResponse): void {
  response
    .writeHead(204, {
      'access-control-allow-origin': '*',
      'access-control-allow-methods': 'POST,OPTIONS',
      'access-control-allow-headers': 'authorization,content-type',
      'access-control-max-age': '600',
    })
    .end();
}
