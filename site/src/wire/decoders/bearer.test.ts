import assert from 'node:assert/strict';
import { test } from 'node:test';
import { jwtEvidence } from '@keyless/labs/sandbox';
import { evidence, explained, field } from '../test-support/evidence.ts';
import { decodeBearerCall } from './bearer.ts';

const call = { api: 'orders', method: 'POST', path: '/orders', authType: 'cognito-jwt', principal: 'c1', tokenId: 'j1' } as const;

test('an allowed bearer call shows the claims the authorizer read and which scope let it in', () => {
  const entry = decodeBearerCall(
    evidence('api-call', {
      ...call,
      status: 201,
      scopes: ['orders/read', 'orders/write'],
      requiredScopes: ['orders/write'],
      token: jwtEvidence({ alg: 'RS256', kid: 'k1' }, { client_id: 'c1', scope: 'orders/read orders/write', exp: 1_900_000_000 }, true),
    }),
  );
  assert.equal(entry.door, 'Cognito JWT door');
  assert.equal(entry.status, '201');
  assert.equal(field(entry, 'Scope decision'), 'allowed: the token has orders/write');
  assert.equal(entry.blocks[1]?.title, 'Claims the authorizer read');
  assert.match(entry.blocks[1].text, /"scope": "orders\/read orders\/write"/);
  assert.ok(explained(entry));
});

test('a scope mismatch names the scopes the method needs', () => {
  const entry = decodeBearerCall(
    evidence('api-call', {
      ...call,
      status: 401,
      outcome: 'failure',
      error: 'Unauthorized: scope mismatch',
      scopes: ['orders/read'],
      requiredScopes: ['orders/write'],
    }),
  );
  assert.equal(entry.ok, false);
  assert.equal(field(entry, 'Scope decision'), 'refused: the method needs orders/write');
});

test('a call with no token reads no scopes', () => {
  const entry = decodeBearerCall(
    evidence('api-call', { ...call, principal: undefined, status: 401, outcome: 'failure', requiredScopes: ['orders/read'] }),
  );
  assert.equal(field(entry, 'Token scopes'), '(none read)');
  assert.equal(entry.caller, undefined);
});
