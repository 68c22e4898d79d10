import type { FrontDoor } from '@keyless/local-sandbox/orders-rules';

/**
 * The Orders API's rule cases, as data: what a caller the door let in sends,
 * and what the API answers and records. They run against the rules module
 * directly (as the local emulator hosts it) and through the Lambda handler,
 * so the two hosts are held to the same answers.
 */
export interface OrdersRuleCase {
  readonly name: string;
  readonly door: FrontDoor;
  /** Scopes of the token (cognito-jwt). */
  readonly scopes?: readonly string[];
  readonly method: string;
  readonly path: string;
  readonly body?: string;
  readonly status: number;
  /** Fields the recorded `api-call` evidence must have. */
  readonly evidence: Readonly<Record<string, unknown>>;
}

const order = JSON.stringify({ item: 'widget', quantity: 2 });

export const ORDERS_RULE_CASES: readonly OrdersRuleCase[] = [
  {
    name: 'GET with an orders/read token',
    door: 'cognito-jwt',
    scopes: ['orders/read'],
    method: 'GET',
    path: '/orders',
    status: 200,
    evidence: { outcome: 'success', scopes: ['orders/read'] },
  },
  {
    name: 'POST with a read-only token is 401 with the scopes recorded',
    door: 'cognito-jwt',
    scopes: ['orders/read'],
    method: 'POST',
    path: '/orders',
    body: order,
    status: 401,
    evidence: { outcome: 'failure', scopes: ['orders/read'], error: 'Unauthorized: scope mismatch: needs orders/write' },
  },
  {
    name: 'POST with an orders/write token',
    door: 'cognito-jwt',
    scopes: ['orders/write'],
    method: 'POST',
    path: '/orders',
    body: order,
    status: 201,
    evidence: { outcome: 'success' },
  },
  {
    name: 'POST with quantity 0 is 400',
    door: 'cognito-jwt',
    scopes: ['orders/write'],
    method: 'POST',
    path: '/orders',
    body: '{"item":"w","quantity":0}',
    status: 400,
    evidence: { outcome: 'failure', error: 'BadRequestBody' },
  },
  {
    name: 'POST with a body that is not JSON is 400',
    door: 'sigv4',
    method: 'POST',
    path: '/orders',
    body: 'not json',
    status: 400,
    evidence: { outcome: 'failure', error: 'BadRequestBody' },
  },
  {
    name: 'POST with an extra field is 400',
    door: 'api-key',
    method: 'POST',
    path: '/orders',
    body: '{"item":"w","quantity":1,"admin":true}',
    status: 400,
    evidence: { outcome: 'failure' },
  },
  {
    name: 'GET through the IAM door',
    door: 'sigv4',
    method: 'GET',
    path: '/orders',
    status: 200,
    evidence: { outcome: 'success', authType: 'sigv4' },
  },
  {
    name: 'POST through the API-key door',
    door: 'api-key',
    method: 'POST',
    path: '/orders',
    body: order,
    status: 201,
    evidence: { outcome: 'success', authType: 'api-key' },
  },
  {
    name: 'GET through the mTLS door',
    door: 'mtls',
    method: 'GET',
    path: '/orders',
    status: 200,
    evidence: { outcome: 'success', authType: 'mtls' },
  },
  {
    name: 'an unknown method is 403 Missing Authentication Token',
    door: 'sigv4',
    method: 'DELETE',
    path: '/orders',
    status: 403,
    evidence: { outcome: 'failure', error: 'MissingAuthenticationToken', authType: 'none' },
  },
];
