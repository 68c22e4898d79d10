import assert from 'node:assert/strict';
import { test } from 'node:test';
import { evidence, explained, field } from '../test-support/evidence.ts';
import { decodeImdsRequest } from './imds.ts';

test('the token PUT shows its TTL', () => {
  const entry = decodeImdsRequest(
    evidence('imds-request', { method: 'PUT', path: '/latest/api/token', status: 200, sessionToken: false, ttlSeconds: 21600 }),
  );
  assert.equal(entry.request, 'PUT /latest/api/token');
  assert.equal(field(entry, 'Token TTL'), '21600 s');
  assert.ok(explained(entry));
});

test('a GET without a session token is an IMDSv1 attempt, refused', () => {
  const entry = decodeImdsRequest(
    evidence('imds-request', {
      method: 'GET',
      path: '/latest/meta-data/iam/security-credentials/',
      status: 401,
      sessionToken: false,
      outcome: 'failure',
      error: '401 Unauthorized',
    }),
  );
  assert.equal(entry.ok, false);
  assert.match(entry.summary, /IMDSv1/);
  assert.equal(field(entry, 'Session token'), 'absent');
});

test('a GET with the token is a read; the credentials path says what it hands out', () => {
  const entry = decodeImdsRequest(
    evidence('imds-request', {
      method: 'GET',
      path: '/latest/meta-data/iam/security-credentials/keyless-instance-role',
      status: 200,
      sessionToken: true,
    }),
  );
  assert.equal(field(entry, 'Session token'), 'valid token presented');
  assert.match(entry.summary, /temporary credentials/);
});
