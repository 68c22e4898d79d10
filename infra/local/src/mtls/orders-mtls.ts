import { randomUUID } from 'node:crypto';
import type { IncomingMessage, ServerResponse } from 'node:http';
import type { AttendeeRecord, AttendeeRegistry } from '../attendees/index.ts';
import { readBody } from '../http/io.ts';
import { explicitDeny, invokeOrdersApi, sendOrdersResponse, type DoorDecision, type OrdersBackend } from '../orders/index.ts';
import { sendRestResult } from '../protocols/rest-json.ts';
import type { MtlsApiStore } from './api-store.ts';
import { authorizeClientCertificate, type MtlsAuthorizerServices } from './authorizer.ts';
import type { Verdict } from './handshake.ts';

const STAGE_PATH = /^\/restapis\/([a-z0-9]+)\/prod(\/[^?]*)?$/;

/** Which attendee each mTLS API id belongs to. */
export interface MtlsApiLookup {
  readonly mtlsApis: Pick<MtlsApiStore, 'ownerOf'>;
  readonly attendees: Pick<AttendeeRegistry, 'get'>;
}

/** What serving the Orders API on the mTLS domain needs. */
export interface MtlsOrdersServices extends MtlsApiLookup, MtlsAuthorizerServices, OrdersBackend {}

/** The API a request addresses on the mTLS domain (`/restapis/<apiId>/prod/...`), and its owner. */
export function addressedApi(
  url: string | undefined,
  lookup: MtlsApiLookup,
): { owner: AttendeeRecord; apiId: string; resourcePath: string } | undefined {
  const match = STAGE_PATH.exec((url ?? '/').split('?')[0] ?? '/');
  const apiId = match?.[1];
  const ownerId = apiId ? lookup.mtlsApis.ownerOf(apiId) : undefined;
  const owner = ownerId ? lookup.attendees.get(ownerId) : undefined;
  return owner && apiId ? { owner, apiId, resourcePath: match[2] ?? '/' } : undefined;
}

/**
 * The Orders API behind the mutual-TLS domain, for a connection whose
 * certificate passed the truststore: the authorizer (revocation, owner),
 * then the same rules as every other front door (../orders/rules), with the
 * certificate's subject DN as the principal
 * (`requestContext.identity.clientCert.subjectDN`). No scopes: a
 * certificate is not a scoped token. Every call is `api-call` evidence of
 * the API's owner (`authType: mtls`).
 */
export async function handleMtlsRequest(
  request: IncomingMessage,
  response: ServerResponse,
  verdict: Extract<Verdict, { ok: true }>,
  services: MtlsOrdersServices,
): Promise<void> {
  const requestId = randomUUID();
  const target = addressedApi(request.url, services);
  if (!target) {
    // API Gateway's answer on a custom domain without a mapping for the path.
    sendRestResult(response, {
      status: 403,
      json: { message: 'Forbidden' },
      headers: { 'x-amzn-requestid': requestId, 'x-amzn-errortype': 'ForbiddenException' },
    });
    return;
  }
  const { owner, apiId, resourcePath } = target;
  const body = await readBody(request);
  const principal = verdict.clientCert.subjectDN;
  const authorize = (): DoorDecision => {
    const decision = authorizeClientCertificate(verdict, owner, services);
    return decision.allow ? { allow: true, principal } : explicitDeny(decision.reason, { principal });
  };
  const call = {
    api: { owner, apiId, frontDoor: 'mtls' as const },
    method: request.method ?? 'GET',
    resourcePath,
    body,
    requestId,
    transportPrincipal: principal,
  };
  sendOrdersResponse(response, await invokeOrdersApi(call, authorize, services, { cors: false }));
}
