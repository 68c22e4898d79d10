import { randomUUID } from 'node:crypto';
import type { IncomingMessage, ServerResponse } from 'node:http';
import type { AttendeeRecord } from '../attendees/index.ts';
import { readBody, sendJson } from '../http/io.ts';
import { ORDER_ROUTES } from '../orders/index.ts';
import type { SandboxState } from '../state.ts';
import { authorizeClientCertificate } from './authorizer.ts';
import type { Verdict } from './handshake.ts';

const STAGE_PATH = /^\/restapis\/([a-z0-9]+)\/prod(\/[^?]*)?$/;

/** The API a request addresses on the mTLS domain (`/restapis/<apiId>/prod/...`), and its owner. */
export function addressedApi(url: string | undefined, state: SandboxState): { owner: AttendeeRecord; resourcePath: string } | undefined {
  const match = STAGE_PATH.exec((url ?? '/').split('?')[0] ?? '/');
  const ownerId = match?.[1] ? state.mtlsApis.ownerOf(match[1]) : undefined;
  const owner = ownerId ? state.attendees.get(ownerId) : undefined;
  return owner ? { owner, resourcePath: match?.[2] ?? '/' } : undefined;
}

/**
 * The Orders API behind the mutual-TLS domain, for a connection whose
 * certificate passed the truststore: the authorizer (revocation, owner),
 * then the same methods as every other front door, with the certificate's
 * subject DN as the principal (`requestContext.identity.clientCert.subjectDN`).
 * No scopes: a certificate is not a scoped token. Every call is `api-call`
 * evidence of the API's owner (`authType: mtls`).
 */
export async function handleMtlsRequest(request: IncomingMessage, response: ServerResponse, verdict: Extract<Verdict, { ok: true }>, state: SandboxState): Promise<void> {
  const method = request.method ?? 'GET';
  const headers = { 'x-amzn-requestid': randomUUID() };
  const target = addressedApi(request.url, state);
  // API Gateway's answer on a custom domain without a mapping for the path.
  if (!target) { sendJson(response, 403, { message: 'Forbidden' }, { ...headers, 'x-amzn-errortype': 'ForbiddenException' }); return; }
  const { owner, resourcePath } = target;
  const body = await readBody(request);
  const principal = verdict.clientCert.subjectDN;
  const base = { kind: 'api-call', api: 'orders', method, path: resourcePath, authType: 'mtls', principal } as const;
  const route = ORDER_ROUTES.find((candidate) => candidate.method === method && candidate.path === resourcePath);
  if (!route) {
    await state.evidence.record(owner.attendeeId, { ...base, status: 403, outcome: 'failure', error: 'MissingAuthenticationToken' });
    sendJson(response, 403, { message: 'Missing Authentication Token' }, { ...headers, 'x-amzn-errortype': 'MissingAuthenticationTokenException' }); return;
  }
  const decision = authorizeClientCertificate(verdict, owner, state);
  if (!decision.allow) {
    await state.evidence.record(owner.attendeeId, { ...base, status: 403, outcome: 'failure', error: `AccessDenied: ${decision.reason}` });
    // A Lambda authorizer returning an explicit Deny (AWS Knowledge Center, api-gateway-403-error-lambda-authorizer).
    sendJson(response, 403, { message: 'User is not authorized to access this resource with an explicit deny' }, { ...headers, 'x-amzn-errortype': 'AccessDeniedException' }); return;
  }
  const result = route.handle({ owner, principal, body, state });
  await state.evidence.record(owner.attendeeId, {
    ...base, status: result.status, outcome: result.status < 400 ? 'success' : 'failure',
    ...(result.error ? { error: result.error } : {}),
  });
  sendJson(response, result.status, result.body, headers);
}
