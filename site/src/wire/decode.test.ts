import assert from 'node:assert/strict';
import { test } from 'node:test';
import type { Evidence } from '@keyless/labs/sandbox';
import { decodeEvidence } from './decode.ts';
import { evidence } from './test-support/evidence.ts';

test('each kind of evidence goes to the decoder of its mechanism', () => {
  const api = { api: 'orders', method: 'GET', path: '/orders', status: 200 } as const;
  const cases: [Evidence, string][] = [
    [evidence('api-call', { ...api, authType: 'api-key' }), 'api-key'],
    [evidence('api-call', { ...api, authType: 'cognito-jwt' }), 'bearer'],
    [evidence('api-call', { ...api, authType: 'sigv4' }), 'sigv4'],
    [evidence('api-call', { ...api, authType: 'mtls' }), 'mtls'],
    [evidence('api-call', { ...api, status: 403, authType: 'none' }), 'other'],
    [
      evidence('token-issued', {
        grantType: 'client_credentials',
        clientId: 'c',
        authMethod: 'client_secret_basic',
        requestedScopes: [],
        grantedScopes: [],
      }),
      'oauth-token',
    ],
    [evidence('imds-request', { method: 'GET', path: '/latest/meta-data/', status: 200, sessionToken: true }), 'imds'],
    [evidence('tls-handshake', {}), 'mtls'],
    [evidence('rolesanywhere-session', {}), 'roles-anywhere'],
    [evidence('sts-call', { action: 'GetCallerIdentity' }), 'sigv4'],
    [evidence('decision', { scenario: 'ci-pipeline', choice: 'oidc-federation' }), 'other'],
  ];
  for (const [event, mechanism] of cases) assert.equal(decodeEvidence(event).mechanism, mechanism, event.kind);
});

test('a kind without a decoder shows its kind and outcome only, none of its other fields', () => {
  const unknown = {
    ...evidence('decision', { scenario: 's', choice: 'c' }),
    kind: 'secret-read',
    secretValue: 'do-not-show',
  } as unknown as Evidence;
  const entry = decodeEvidence(unknown);
  assert.equal(entry.service, 'secret-read');
  assert.ok(!JSON.stringify(entry).includes('do-not-show'));
});
