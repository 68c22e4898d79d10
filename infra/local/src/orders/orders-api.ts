import { randomUUID } from 'node:crypto';
import type { IncomingMessage, ServerResponse } from 'node:http';
import type { AttendeeRecord } from '../attendees/index.ts';
import { headerValue, sendJson } from '../http/io.ts';
import type { SandboxState } from '../state.ts';
import { authorizeCognitoAccessToken } from './authorizer.ts';
import { ORDER_ROUTES } from './routes.ts';

/** CORS as if the API had it enabled, so a browser runner can call it too. */
const CORS = {
  'access-control-allow-origin': '*',
  'access-control-allow-headers': 'authorization,content-type',
  'access-control-allow-methods': 'GET,POST,OPTIONS',
};

/**
 * One attendee's Orders API stage: `/restapis/<apiId>/prod/<resource>`.
 * Authorizes like API Gateway, runs the method, and records `api-call`
 * evidence for every call, including refused ones.
 */
export async function handleOrdersRequest(
  request: IncomingMessage,
  response: ServerResponse,
  resourcePath: string,
  body: Buffer,
  owner: AttendeeRecord,
  state: SandboxState,
): Promise<void> {
  const method = request.method ?? 'GET';
  const headers = { ...CORS, 'x-amzn-requestid': randomUUID() };
  if (method === 'OPTIONS') {
    response.writeHead(204, headers).end();
    return;
  }
  const route = ORDER_ROUTES.find((candidate) => candidate.method === method && candidate.path === resourcePath);
  if (!route) {
    // API Gateway's answer for a resource or method that does not exist.
    await state.evidence.record(owner.attendeeId, { kind: 'api-call', api: 'orders', method, path: resourcePath, status: 403, authType: 'none', outcome: 'failure', error: 'MissingAuthenticationToken' });
    sendJson(response, 403, { message: 'Missing Authentication Token' }, { ...headers, 'x-amzn-errortype': 'MissingAuthenticationTokenException' });
    return;
  }
  const decision = await authorizeCognitoAccessToken(headerValue(request, 'authorization'), owner, route.scopes, state);
  const base = { kind: 'api-call', api: 'orders', method, path: route.path, authType: 'cognito-jwt' } as const;
  if (!decision.allow) {
    await state.evidence.record(owner.attendeeId, {
      ...base, status: 401, outcome: 'failure', error: `Unauthorized: ${decision.reason}`,
      ...(decision.principal ? { principal: decision.principal } : {}),
      ...(decision.scopes ? { scopes: decision.scopes } : {}),
    });
    sendJson(response, 401, { message: 'Unauthorized' }, { ...headers, 'x-amzn-errortype': 'UnauthorizedException' });
    return;
  }
  const result = route.handle({ owner, principal: decision.principal, body, state });
  await state.evidence.record(owner.attendeeId, {
    ...base, status: result.status, principal: decision.principal, scopes: decision.scopes,
    outcome: result.status < 400 ? 'success' : 'failure',
    ...(result.error ? { error: result.error } : {}),
  });
  sendJson(response, result.status, result.body, headers);
}
