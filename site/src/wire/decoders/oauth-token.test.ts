import assert from 'node:assert/strict';
import { test } from 'node:test';
import { jwtEvidence } from '@keyless/labs/sandbox';
import { evidence, explained, field } from '../test-support/evidence.ts';
import { decodeTokenRequest } from './oauth-token.ts';

const claims = {
  sub: 'c1',
  token_use: 'access',
  scope: 'orders/read',
  auth_time: 1,
  iss: 'https://cognito-idp/pool',
  exp: 1_900_000_000,
  iat: 1,
  version: 2,
  jti: 'j1',
  client_id: 'c1',
};

test('a granted token request shows grant, client authentication, both scope lists and the token without its signature', () => {
  const entry = decodeTokenRequest(
    evidence('token-issued', {
      grantType: 'client_credentials',
      clientId: 'c1',
      authMethod: 'client_secret_basic',
      requestedScopes: ['orders/read'],
      grantedScopes: ['orders/read'],
      tokenId: 'j1',
      token: jwtEvidence({ kid: 'k1', alg: 'RS256' }, claims, true),
    }),
  );
  assert.equal(entry.mechanism, 'oauth-token');
  assert.equal(entry.request, 'POST /oauth2/token');
  assert.equal(entry.status, '200');
  assert.equal(entry.caller, 'c1');
  assert.equal(field(entry, 'Grant type'), 'client_credentials');
  assert.equal(field(entry, 'Client authentication'), 'client_secret_basic');
  assert.equal(field(entry, 'Scopes requested'), 'orders/read');
  assert.equal(field(entry, 'Scopes granted'), 'orders/read');
  assert.equal(field(entry, 'Signature'), 'present (RS256, not shown)');
  assert.equal(entry.fields.find((candidate) => candidate.label === 'exp')?.countdownTo, 1_900_000_000_000);
  assert.deepEqual(JSON.parse(entry.blocks[0]?.text ?? ''), { alg: 'RS256', kid: 'k1' });
  assert.deepEqual(JSON.parse(entry.blocks[1]?.text ?? ''), claims);
  assert.ok(explained(entry));
});

test('a refused request says so and shows no token', () => {
  const entry = decodeTokenRequest(
    evidence('token-issued', {
      outcome: 'failure',
      error: 'invalid_scope',
      grantType: 'client_credentials',
      clientId: 'c1',
      authMethod: 'client_secret_post',
      requestedScopes: ['orders/delete'],
      grantedScopes: [],
    }),
  );
  assert.equal(entry.ok, false);
  assert.equal(entry.status, '400 invalid_scope');
  assert.equal(field(entry, 'Scopes granted'), '(none)');
  assert.deepEqual(entry.blocks, []);
});

test('claims a token carries beyond the named ones never reach evidence, whatever their type', () => {
  const token = jwtEvidence({ alg: 'RS256', kid: 'k', jku: 'https://evil' }, { ...claims, password: 'hunter2', scope: 42 }, true);
  assert.ok(!JSON.stringify(token).includes('hunter2'));
  assert.ok(!JSON.stringify(token).includes('evil'));
  assert.equal(token.claims.scope, undefined);
});
