import assert from 'node:assert/strict';
import { test } from 'node:test';
import { evidence, explained, field } from '../test-support/evidence.ts';
import { decodeCreateSession } from './roles-anywhere.ts';

const sigv4 = {
  algorithm: 'AWS4-X509-RSA-SHA256',
  credentialId: '123456789',
  credentialScope: '20261202/us-east-1/rolesanywhere/aws4_request',
  signedHeaders: ['content-type', 'host', 'x-amz-date', 'x-amz-x509'],
};

test('a session: the SigV4-X509 algorithm, the serial in the scope, the trust decision and the session issued', () => {
  const entry = decodeCreateSession(
    evidence('rolesanywhere-session', {
      algorithm: 'AWS4-X509-RSA-SHA256',
      certificateSubject: 'CN=ada-laptop',
      certificateSerial: '75bcd15',
      roleArn: 'arn:aws:iam::111122223333:role/keyless-ra-role',
      principal: 'arn:aws:sts::111122223333:assumed-role/keyless-ra-role/75bcd15',
      expiresAt: Date.parse('2026-12-02T04:00:00Z'),
      sigv4,
    }),
  );
  assert.equal(entry.status, '201');
  assert.equal(field(entry, 'Algorithm'), 'AWS4-X509-RSA-SHA256');
  assert.equal(field(entry, 'Certificate serial'), '123456789');
  assert.equal(field(entry, 'Credential scope'), sigv4.credentialScope);
  assert.match(field(entry, 'Trust decision'), /^trusted/);
  assert.equal(field(entry, 'Session issued'), 'arn:aws:sts::111122223333:assumed-role/keyless-ra-role/75bcd15');
  assert.equal(entry.caller, 'arn:aws:sts::111122223333:assumed-role/keyless-ra-role/75bcd15');
  assert.ok(explained(entry));
});

test('a refusal shows the reason as the trust decision and the certificate as the caller', () => {
  const entry = decodeCreateSession(
    evidence('rolesanywhere-session', {
      outcome: 'failure',
      error: 'AccessDeniedException: Certificate revoked',
      algorithm: 'AWS4-X509-RSA-SHA256',
      certificateSubject: 'CN=ada-laptop',
      certificateSerial: '75bcd15',
    }),
  );
  assert.equal(entry.status, 'AccessDeniedException');
  assert.equal(field(entry, 'Trust decision'), 'AccessDeniedException: Certificate revoked');
  assert.equal(field(entry, 'Certificate serial'), '75bcd15');
  assert.equal(entry.caller, 'CN=ada-laptop');
});
