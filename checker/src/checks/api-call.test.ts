import assert from 'node:assert/strict';
import { test } from 'node:test';
import type { Evidence } from '@keyless/labs/sandbox';
import { fixtureSandbox } from '../test-support/fixture-sandbox.ts';
import { apiCall } from './api-call.ts';

const sigv4Call = (id: number, status: number, error?: string): Evidence => ({
  kind: 'api-call',
  id,
  at: 0,
  attendeeId: 'attendee-1',
  outcome: status < 400 ? 'success' : 'failure',
  api: 'orders',
  method: 'GET',
  path: '/orders',
  status,
  authType: 'sigv4',
  principal: 'arn:aws:sts::111122223333:assumed-role/orders/s1',
  ...(error ? { error } : {}),
});

test('api-call errorPattern tells one refusal from another', async () => {
  const params = apiCall.params.parse({
    api: 'orders',
    method: 'GET',
    path: '/orders',
    status: 403,
    authType: 'sigv4',
    errorPattern: '[Ss]ignature expired',
  });
  const denied = fixtureSandbox({
    evidence: [sigv4Call(1, 403, 'AccessDeniedException: User is not authorized to perform: execute-api:Invoke')],
  });
  const refused = await apiCall.evaluate(denied, params);
  assert.equal(refused.status, 'fail');
  assert.match(refused.explanation, /refused for a reason matching \[Ss\]ignature expired/);
  assert.match(refused.explanation, /AccessDenied/);

  const stale = fixtureSandbox({
    evidence: [sigv4Call(2, 403, 'InvalidSignatureException: Signature expired: 20260101T000000Z is now earlier than …')],
  });
  assert.equal((await apiCall.evaluate(stale, params)).status, 'pass');
});

test('api-call without errorPattern ignores the recorded reason', async () => {
  const params = apiCall.params.parse({ api: 'orders', method: 'GET', path: '/orders', status: 403, authType: 'sigv4' });
  assert.equal((await apiCall.evaluate(fixtureSandbox({ evidence: [sigv4Call(3, 403, 'anything')] }), params)).status, 'pass');
});
