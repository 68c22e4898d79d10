import assert from 'node:assert/strict';
import { test } from 'node:test';
import type { Evidence } from '@keyless/labs/sandbox';
import { fixtureSandbox } from '../test-support/fixture-sandbox.ts';
import { apiCall } from './api-call.ts';
import { certificate } from './certificate.ts';
import { imdsRequest } from './imds-request.ts';
import { rolesAnywhereSession } from './rolesanywhere-session.ts';
import { stsCall } from './sts-call.ts';
import { tlsHandshake } from './tls-handshake.ts';

const base = { at: 0, attendeeId: 'attendee-1' } as const;
let id = 0;
const ev = (event: Record<string, unknown>): Evidence => ({ ...base, id: ++id, outcome: 'success', ...event }) as Evidence;

test('sts-call matches role by name and failure by error code', async () => {
  const sandbox = fixtureSandbox({
    evidence: [
      ev({ kind: 'sts-call', action: 'AssumeRole', roleArn: 'arn:aws:iam::111122223333:role/orders-reader', durationSeconds: 900 }),
      ev({ kind: 'sts-call', action: 'GetCallerIdentity', outcome: 'failure', error: 'ExpiredToken' }),
    ],
  });
  const params = (extra: object) => stsCall.params.parse({ action: 'AssumeRole', ...extra });
  assert.equal((await stsCall.evaluate(sandbox, params({ roleName: 'orders-reader', maxDurationSeconds: 900 }))).status, 'pass');
  const wrong = await stsCall.evaluate(sandbox, params({ roleName: 'admin' }));
  assert.equal(wrong.status, 'fail');
  assert.match(wrong.explanation, /orders-reader/);
  assert.equal(
    (await stsCall.evaluate(sandbox, stsCall.params.parse({ action: 'GetCallerIdentity', outcome: 'failure', error: 'ExpiredToken' })))
      .status,
    'pass',
  );
});

test('imds-request distinguishes IMDSv2 reads from refused IMDSv1 attempts', async () => {
  const sandbox = fixtureSandbox({
    evidence: [
      ev({
        kind: 'imds-request',
        method: 'GET',
        path: '/latest/meta-data/iam/security-credentials/',
        status: 401,
        sessionToken: false,
        outcome: 'failure',
      }),
    ],
  });
  const v1 = imdsRequest.params.parse({ pathPattern: '^/latest/meta-data/', status: 401, sessionToken: false });
  const v2 = imdsRequest.params.parse({ pathPattern: '^/latest/meta-data/iam/security-credentials/.+', status: 200, sessionToken: true });
  assert.equal((await imdsRequest.evaluate(sandbox, v1)).status, 'pass');
  assert.equal((await imdsRequest.evaluate(sandbox, v2)).messageKey, 'imds-request.none');
});

test('api-call can require a SigV4 caller matching a role', async () => {
  const sandbox = fixtureSandbox({
    evidence: [
      ev({
        kind: 'api-call',
        api: 'orders',
        method: 'GET',
        path: '/orders',
        status: 200,
        authType: 'sigv4',
        principal: 'arn:aws:sts::111122223333:assumed-role/orders-reader/s1',
      }),
    ],
  });
  const ok = apiCall.params.parse({
    api: 'orders',
    method: 'GET',
    path: '/orders',
    status: 200,
    authType: 'sigv4',
    principalPattern: 'assumed-role/orders-reader/',
  });
  assert.equal((await apiCall.evaluate(sandbox, ok)).status, 'pass');
  const other = await apiCall.evaluate(sandbox, { ...ok, principalPattern: 'assumed-role/instance/' });
  assert.equal(other.status, 'fail');
  assert.match(other.explanation, /via sigv4/);
});

test('tls-handshake, certificate and rolesanywhere-session judge their evidence', async () => {
  const sandbox = fixtureSandbox({
    evidence: [
      ev({ kind: 'certificate', action: 'issued', subject: 'CN=attendee-1', serial: '0a', notAfter: 1 }),
      ev({ kind: 'tls-handshake', outcome: 'failure', reason: 'revoked', serial: '0a' }),
      ev({ kind: 'rolesanywhere-session', algorithm: 'AWS4-X509-ECDSA-SHA256', principal: 'arn:aws:sts::1:assumed-role/ra/0a' }),
    ],
  });
  assert.equal((await certificate.evaluate(sandbox, { action: 'issued' })).status, 'pass');
  assert.equal((await certificate.evaluate(sandbox, { action: 'revoked' })).messageKey, 'certificate.mismatch');
  assert.equal((await tlsHandshake.evaluate(sandbox, { outcome: 'failure', reason: 'revoked' })).status, 'pass');
  assert.equal((await tlsHandshake.evaluate(sandbox, { outcome: 'success' })).status, 'fail');
  assert.equal((await rolesAnywhereSession.evaluate(sandbox, { outcome: 'success', algorithm: 'AWS4-X509-ECDSA-SHA256' })).status, 'pass');
  assert.equal((await rolesAnywhereSession.evaluate(sandbox, { outcome: 'success', algorithm: 'AWS4-X509-RSA-SHA256' })).status, 'fail');
});

test('decision judges the latest decision per scenario and explains it', async () => {
  const { decision } = await import('./decision.ts');
  const sandbox = fixtureSandbox({
    evidence: [
      ev({ kind: 'decision', scenario: 'ci-pipeline', choice: 'iam-user-access-key' }),
      ev({ kind: 'decision', scenario: 'ci-pipeline', choice: 'oidc-federation' }),
    ],
  });
  const params = decision.params.parse({
    scenario: 'ci-pipeline',
    accept: ['oidc-federation'],
    explanations: { 'oidc-federation': 'No secret to store.' },
    otherwise: 'A stored key can leak.',
  });
  // The fixture returns newest first: the later decision wins.
  const result = await decision.evaluate(sandbox, params);
  assert.equal(result.status, 'pass');
  assert.match(result.explanation, /No secret to store/);
  const wrong = await decision.evaluate(
    fixtureSandbox({ evidence: [ev({ kind: 'decision', scenario: 'ci-pipeline', choice: 'api-key' })] }),
    params,
  );
  assert.equal(wrong.status, 'fail');
  assert.match(wrong.explanation, /A stored key can leak/);
});

test('token-reuse passes only when one token authorised several successful calls', async () => {
  const { tokenReuse } = await import('./token-reuse.ts');
  const call = (tokenId: string, status = 200) =>
    ev({
      kind: 'api-call',
      api: 'orders',
      method: 'GET',
      path: '/orders',
      status,
      authType: 'cognito-jwt',
      tokenId,
      outcome: status < 400 ? 'success' : 'failure',
    });
  const params = tokenReuse.params.parse({ api: 'orders', minCalls: 3 });
  assert.equal(
    (await tokenReuse.evaluate(fixtureSandbox({ evidence: [call('a'), call('b'), call('c')] }), params)).messageKey,
    'token-reuse.fresh-per-call',
  );
  assert.equal((await tokenReuse.evaluate(fixtureSandbox({ evidence: [call('a'), call('a', 401), call('a')] }), params)).status, 'fail');
  assert.equal(
    (await tokenReuse.evaluate(fixtureSandbox({ evidence: [call('a'), call('b'), call('a'), call('a')] }), params)).status,
    'pass',
  );
});
