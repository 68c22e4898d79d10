import type { ApiCallEvidence } from '@keyless/labs/sandbox';
import type { Caller, DoorDecision, OrdersApi } from './front-door.ts';
import type { OrderBook } from './order-book.ts';
import type { OrderRoute } from './route.ts';
import { ORDER_ROUTES } from './routes.ts';

/** One call to an Orders API stage, as any host (the local emulator, a Lambda behind API Gateway) receives it. */
export interface OrdersCall {
  readonly api: OrdersApi;
  readonly method: string;
  /** The resource path without the stage, e.g. `/orders`. */
  readonly resourcePath: string;
  readonly body: Uint8Array;
  readonly requestId: string;
  /**
   * Whoever the connection itself authenticated before any method was looked
   * up: the client certificate's subject on the mutual-TLS domain. A call to
   * a method that does not exist is recorded with it, else as `authType: none`.
   */
  readonly transportPrincipal?: string;
}

/** An `api-call` event as the Orders API reports it; the evidence store adds id, time and attendee. */
export type ApiCallRecord = Omit<ApiCallEvidence, 'id' | 'at' | 'attendeeId' | 'labId' | 'runId'>;

/** Where the API keeps orders and reports every call. */
export interface OrdersBackend {
  readonly orders: OrderBook;
  readonly evidence: { record(attendeeId: string, event: ApiCallRecord): Promise<void> };
}

/** What the API answers: a status, headers and a JSON body (none for a preflight). */
export interface OrdersResponse {
  readonly status: number;
  readonly headers: Readonly<Record<string, string>>;
  readonly body?: unknown;
}

/** The front door's verdict on a call to `route`. */
export type Authorize = (route: OrderRoute) => Promise<DoorDecision> | DoorDecision;

/** CORS as if the API had it enabled, so a browser runner can call it too. */
const CORS = {
  'access-control-allow-origin': '*',
  'access-control-allow-headers': 'authorization,content-type,x-api-key,x-amz-date,x-amz-security-token,x-amz-content-sha256',
  'access-control-allow-methods': 'GET,POST,OPTIONS',
};

/**
 * The Orders API's rules, whoever hosts them: look the method up (an
 * unknown one is API Gateway's `403 Missing Authentication Token`, whatever
 * the authorization), let the front door decide, run the method, and record
 * `api-call` evidence for every call, refused ones included. Hosts bring the
 * front door's verdict (`authorize`: locally the emulated authorizers; on AWS
 * what API Gateway's authorizer put in the request context) and the backend.
 */
export async function invokeOrdersApi(
  call: OrdersCall,
  authorize: Authorize,
  backend: OrdersBackend,
  options: { readonly cors: boolean },
): Promise<OrdersResponse> {
  const { api, method } = call;
  const attendeeId = api.owner.attendeeId;
  const headers = { ...(options.cors ? CORS : {}), 'x-amzn-requestid': call.requestId };
  if (options.cors && method === 'OPTIONS') return { status: 204, headers };
  const route = ORDER_ROUTES.find((candidate) => candidate.method === method && candidate.path === call.resourcePath);
  if (!route) {
    const known =
      call.transportPrincipal === undefined
        ? { authType: 'none' as const }
        : { authType: api.frontDoor, principal: call.transportPrincipal };
    await backend.evidence.record(attendeeId, {
      kind: 'api-call',
      api: 'orders',
      method,
      path: call.resourcePath,
      status: 403,
      ...known,
      outcome: 'failure',
      error: 'MissingAuthenticationToken',
    });
    return {
      status: 403,
      headers: { ...headers, 'x-amzn-errortype': 'MissingAuthenticationTokenException' },
      body: { message: 'Missing Authentication Token' },
    };
  }
  const decision = await authorize(route);
  const base = { kind: 'api-call', api: 'orders', method, path: route.path, authType: api.frontDoor } as const;
  if (!decision.allow) {
    await backend.evidence.record(attendeeId, {
      ...base,
      status: decision.status,
      outcome: 'failure',
      error: `${decision.errorType.replace(/Exception$/, '')}: ${decision.reason}`,
      ...who(decision),
    });
    return {
      status: decision.status,
      headers: { ...headers, 'x-amzn-errortype': decision.errorType },
      body: { message: decision.message },
    };
  }
  // An API key names no one; the order is still someone's.
  const result = await route.handle({
    owner: api.owner,
    principal: decision.principal ?? `api-key:${api.apiId}`,
    body: call.body,
    orders: backend.orders,
  });
  await backend.evidence.record(attendeeId, {
    ...base,
    status: result.status,
    ...who(decision),
    outcome: result.status < 400 ? 'success' : 'failure',
    ...(result.error ? { error: result.error } : {}),
  });
  return { status: result.status, headers, body: result.body };
}

function who(caller: Caller): Omit<Caller, 'wire'> & NonNullable<Caller['wire']> {
  return {
    ...(caller.principal ? { principal: caller.principal } : {}),
    ...(caller.scopes ? { scopes: caller.scopes } : {}),
    ...(caller.tokenId ? { tokenId: caller.tokenId } : {}),
    ...caller.wire,
  };
}
