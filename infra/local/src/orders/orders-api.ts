import { randomUUID } from 'node:crypto';
import type { IncomingMessage, ServerResponse } from 'node:http';
import { headerValue, sendJson } from '../http/io.ts';
import type { SandboxState } from '../state.ts';
import { authorizeApiKey } from './api-key-authorizer.ts';
import { authorizeCognitoAccessToken } from './authorizer.ts';
import type { DoorDecision, OrdersApi } from './front-door.ts';
import { authorizeSigV4 } from './iam-authorizer.ts';
import type { OrderRoute } from './route.ts';
import { ORDER_ROUTES } from './routes.ts';

/** CORS as if the API had it enabled, so a browser runner can call it too. */
const CORS = {
  'access-control-allow-origin': '*',
  'access-control-allow-headers': 'authorization,content-type,x-api-key,x-amz-date,x-amz-security-token,x-amz-content-sha256',
  'access-control-allow-methods': 'GET,POST,OPTIONS',
};

/**
 * One of an attendee's Orders API stages: `/restapis/<apiId>/prod/<resource>`.
 * Authorizes with the API's front door (Cognito JWT, IAM SigV4 or API key),
 * runs the method, and records `api-call` evidence for every call, including
 * refused ones.
 */
export async function handleOrdersRequest(
  request: IncomingMessage,
  response: ServerResponse,
  resourcePath: string,
  body: Buffer,
  api: OrdersApi,
  state: SandboxState,
): Promise<void> {
  const method = request.method ?? 'GET';
  const { owner } = api;
  const headers = { ...CORS, 'x-amzn-requestid': randomUUID() };
  if (method === 'OPTIONS') {
    response.writeHead(204, headers).end();
    return;
  }
  const route = ORDER_ROUTES.find((candidate) => candidate.method === method && candidate.path === resourcePath);
  if (!route) {
    // API Gateway's answer for a resource or method that does not exist, whatever the authorization.
    await state.evidence.record(owner.attendeeId, { kind: 'api-call', api: 'orders', method, path: resourcePath, status: 403, authType: 'none', outcome: 'failure', error: 'MissingAuthenticationToken' });
    sendJson(response, 403, { message: 'Missing Authentication Token' }, { ...headers, 'x-amzn-errortype': 'MissingAuthenticationTokenException' });
    return;
  }
  const decision = await authorize(request, body, api, route, state);
  const base = { kind: 'api-call', api: 'orders', method, path: route.path, authType: api.frontDoor } as const;
  const who = (d: { principal?: string; scopes?: readonly string[]; tokenId?: string }) => ({
    ...(d.principal ? { principal: d.principal } : {}),
    ...(d.scopes ? { scopes: d.scopes } : {}),
    ...(d.tokenId ? { tokenId: d.tokenId } : {}),
  });
  if (!decision.allow) {
    await state.evidence.record(owner.attendeeId, { ...base, status: decision.status, outcome: 'failure', error: `${decision.errorType.replace(/Exception$/, '')}: ${decision.reason}`, ...who(decision) });
    sendJson(response, decision.status, { message: decision.message }, { ...headers, 'x-amzn-errortype': decision.errorType });
    return;
  }
  const result = route.handle({ owner, principal: decision.principal ?? `api-key:${api.apiId}`, body, state });
  await state.evidence.record(owner.attendeeId, {
    ...base, status: result.status, ...who(decision),
    outcome: result.status < 400 ? 'success' : 'failure',
    ...(result.error ? { error: result.error } : {}),
  });
  sendJson(response, result.status, result.body, headers);
}

async function authorize(request: IncomingMessage, body: Buffer, api: OrdersApi, route: OrderRoute, state: SandboxState): Promise<DoorDecision> {
  switch (api.frontDoor) {
    case 'api-key':
      return authorizeApiKey(headerValue(request, 'x-api-key'), api.owner);
    case 'sigv4':
      return authorizeSigV4(request, body, api, route.path, state);
    case 'cognito-jwt': {
      const decision = await authorizeCognitoAccessToken(headerValue(request, 'authorization'), api.owner, route.scopes, state);
      // REST Cognito authorizers answer every refusal, scope mismatch included, with 401.
      return decision.allow ? decision : { ...decision, status: 401, message: 'Unauthorized', errorType: 'UnauthorizedException' };
    }
  }
}
