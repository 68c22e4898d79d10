import type { IncomingMessage, ServerResponse } from 'node:http';
import { handleCognitoJson } from '../cognito/json-protocol.ts';
import { handleTokenEndpoint } from '../cognito/token-endpoint.ts';
import { GetJwks, GetOpenIdConfiguration } from '../cognito/well-known.ts';
import { OidcIssuer } from '../oidc/index.ts';
import { handleOrdersRequest, resolveOrdersApi } from '../orders/index.ts';
import { handlePkiRequest } from '../pki/index.ts';
import { handleRolesAnywhereRequest } from '../rolesanywhere/index.ts';
import { sendRestResult } from '../protocols/rest-json.ts';
import { SubmitDecisions } from '../review/SubmitDecisions.ts';
import { handleSecretsManagerJson } from '../secretsmanager/index.ts';
import type { SandboxState } from '../state.ts';
import { handleStsRequest } from '../sts/index.ts';
import { BodyTooLargeError, headerValue, readBody } from './io.ts';

const TOKEN_PATH = /^\/domains\/([a-z0-9-]+)\/oauth2\/token$/;
const WELL_KNOWN_PATH = /^\/([\w-]+_[0-9a-zA-Z]+)\/\.well-known\/(jwks\.json|openid-configuration)$/;
const ORDERS_PATH = /^\/restapis\/([a-z0-9]+)\/prod(\/[^?]*)?$/;
const REVIEW_PATH = /^\/review\/([a-z0-9]+)\/decisions$/;
const OIDC_PATH = /^\/oidc\/(ci-[a-z0-9]+)(\/.*)$/;

/**
 * One port, every service: real AWS tells services apart by host name
 * (`cognito-idp.<region>.amazonaws.com`, `<prefix>.auth.<region>.amazoncognito.com`,
 * `<apiId>.execute-api...`), which a single loopback port cannot, so the
 * service is the first path segment instead. The SDK only needs its
 * endpoint override; the rest are URLs the sandbox outputs hand out.
 */
export async function route(request: IncomingMessage, response: ServerResponse, state: SandboxState): Promise<void> {
  const method = request.method ?? 'GET';
  const path = (request.url ?? '/').split('?')[0] ?? '/';
  try {
    if (path === '/' && method === 'POST') {
      await handleCognitoJson(request, response, await readBody(request), state);
      return;
    }
    if ((path === '/secretsmanager' || path === '/secretsmanager/') && method === 'POST') {
      await handleSecretsManagerJson(request, response, await readBody(request), state);
      return;
    }
    if (path === '/sts' || path === '/sts/') {
      await handleStsRequest(request, response, await readBody(request), state);
      return;
    }
    const token = TOKEN_PATH.exec(path);
    if (token?.[1]) {
      const owner = state.attendees.byDomainPrefix(token[1]);
      if (!owner) {
        notFound(response, `No user pool domain ${token[1]} in this sandbox.`);
        return;
      }
      await handleTokenEndpoint(request, response, owner, state);
      return;
    }
    const wellKnown = WELL_KNOWN_PATH.exec(path);
    if (wellKnown?.[1] && method === 'GET') {
      const pool = state.attendees.byUserPoolId(wellKnown[1]);
      if (!pool) {
        notFound(response, `User pool ${wellKnown[1]} does not exist.`);
        return;
      }
      sendRestResult(response, wellKnown[2] === 'jwks.json' ? GetJwks(pool, state) : GetOpenIdConfiguration(pool, state));
      return;
    }
    const orders = ORDERS_PATH.exec(path);
    if (orders?.[1]) {
      const api = resolveOrdersApi(state.attendees, orders[1]);
      // API Gateway's answer for an API id that does not exist.
      if (!api) {
        sendRestResult(response, { status: 403, json: { message: 'Forbidden' } });
        return;
      }
      await handleOrdersRequest(request, response, orders[2] ?? '/', await readBody(request), api, state);
      return;
    }
    const review = REVIEW_PATH.exec(path);
    if (review?.[1]) {
      const owner = state.attendees.byApiId(review[1]);
      if (!owner) {
        notFound(response, `No review endpoint ${review[1]} in this sandbox.`);
        return;
      }
      if (method !== 'POST') {
        sendRestResult(response, { status: 405, json: { message: 'Use POST.' }, headers: { allow: 'POST' } });
        return;
      }
      sendRestResult(response, await SubmitDecisions(await readBody(request), owner, state));
      return;
    }
    if (path === '/pki' || path.startsWith('/pki/')) {
      await handlePkiRequest(request, response, path.slice(4), state);
      return;
    }
    // Roles Anywhere: its endpoint output is /rolesanywhere; a bare-base-URL endpoint posts to /sessions.
    if (path.startsWith('/rolesanywhere/')) {
      await handleRolesAnywhereRequest(request, response, path.slice(14), state);
      return;
    }
    if (path === '/sessions') {
      await handleRolesAnywhereRequest(request, response, path, state);
      return;
    }
    const oidc = OIDC_PATH.exec(path);
    if (oidc?.[1] && oidc[2]) {
      sendRestResult(
        response,
        await OidcIssuer(
          { method, url: request.url ?? '/', authorization: headerValue(request, 'authorization') },
          oidc[1],
          oidc[2],
          state,
        ),
      );
      return;
    }
    if (path === '/health' && method === 'GET') {
      sendRestResult(response, { status: 200, json: { ok: true } });
      return;
    }
    notFound(response, `The local sandbox serves nothing at ${method} ${path}.`);
    return;
  } catch (error) {
    if (error instanceof BodyTooLargeError) {
      sendRestResult(response, { status: 413, json: { message: error.message } });
      return;
    }
    console.error('[local-aws] unhandled error', error);
    if (!response.headersSent)
      sendRestResult(response, { status: 500, json: { message: 'Internal error in the local sandbox; see its log.' } });
    else response.destroy();
  }
}

function notFound(response: ServerResponse, message: string): void {
  sendRestResult(response, { status: 404, json: { message } });
}
