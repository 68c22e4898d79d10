import assert from 'node:assert/strict';
import { test } from 'node:test';
import { evidence, explained, field } from '../test-support/evidence.ts';
import { decodeCertificate, decodeControlPlaneCall, decodeIamDoorCall, decodeStsCall } from './sigv4.ts';

const sigv4 = {
  algorithm: 'AWS4-HMAC-SHA256',
  credentialId: 'ASIAEXAMPLE',
  credentialScope: '20261202/us-east-1/sts/aws4_request',
  signedHeaders: ['host', 'x-amz-date', 'x-amz-security-token'],
};

test('an STS call shows the access key id, the scope and the signed headers, and the session it issued', () => {
  const entry = decodeStsCall(
    evidence('sts-call', {
      action: 'AssumeRole',
      principal: 'arn:aws:sts::1:assumed-role/keyless-instance-role/i-1',
      roleArn: 'arn:aws:iam::1:role/keyless-orders-role',
      durationSeconds: 900,
      expiresAt: 1_900_000_000_000,
      sigv4,
    }),
  );
  assert.equal(entry.service, 'STS');
  assert.equal(entry.request, 'AssumeRole');
  assert.equal(field(entry, 'Access key id'), 'ASIAEXAMPLE');
  assert.equal(field(entry, 'Credential scope'), '20261202/us-east-1/sts/aws4_request');
  assert.equal(field(entry, 'Signed headers'), 'host;x-amz-date;x-amz-security-token');
  assert.equal(field(entry, 'Signature'), 'present (not shown)');
  assert.equal(field(entry, 'Duration asked'), '900 s');
  assert.deepEqual(entry.blocks, []);
  assert.ok(explained(entry));
});

test('a signature mismatch at the IAM door puts the canonical request and the string to sign side by side', () => {
  const canonicalRequest = 'GET\n/restapis/a1/prod/orders\n\nhost:127.0.0.1\nx-amz-date:20261202T030000Z\n\nhost;x-amz-date\ne3b0';
  const stringToSign = 'AWS4-HMAC-SHA256\n20261202T030000Z\n20261202/us-east-1/execute-api/aws4_request\nabcd';
  const entry = decodeIamDoorCall(
    evidence('api-call', {
      api: 'orders',
      method: 'GET',
      path: '/orders',
      status: 403,
      authType: 'sigv4',
      outcome: 'failure',
      error: 'InvalidSignature: The request signature we calculated does not match',
      sigv4: { ...sigv4, credentialScope: '20261202/us-east-1/execute-api/aws4_request', canonicalRequest, stringToSign },
    }),
  );
  assert.equal(entry.door, 'IAM (SigV4) door');
  assert.equal(entry.ok, false);
  assert.deepEqual(
    entry.blocks.map((block) => [block.title, block.text]),
    [
      ['Canonical request the sandbox computed', canonicalRequest],
      ['String to sign', stringToSign],
    ],
  );
  assert.match(entry.summary, /secret access key/);
  assert.ok(explained(entry));
});

test('an unsigned request to a signed door says no signature', () => {
  const entry = decodeIamDoorCall(
    evidence('api-call', { api: 'orders', method: 'GET', path: '/orders', status: 403, authType: 'sigv4', outcome: 'failure' }),
  );
  assert.equal(field(entry, 'Signature'), 'none');
});

test('control-plane calls and PKI certificates carry their signature too; AssumeRoleWithWebIdentity is not SigV4', () => {
  const control = decodeControlPlaneCall(
    evidence('control-plane-call', {
      service: 'secretsmanager',
      action: 'GetSecretValue',
      resourceId: 'arn:secret',
      principal: 'arn:aws:sts::1:assumed-role/r/s',
      sigv4,
    }),
  );
  assert.equal(control.service, 'Secrets Manager');
  assert.equal(control.caller, 'arn:aws:sts::1:assumed-role/r/s');
  assert.equal(field(control, 'Resource'), 'arn:secret');
  assert.equal(field(control, 'Access key id'), 'ASIAEXAMPLE');
  const certificate = decodeCertificate(
    evidence('certificate', { action: 'issued', subject: 'CN=ada', serial: '1a', notAfter: 1_900_000_000_000, sigv4 }),
  );
  assert.equal(certificate.mechanism, 'sigv4');
  assert.equal(field(certificate, 'Serial'), '1a');
  const web = decodeStsCall(
    evidence('sts-call', { action: 'AssumeRoleWithWebIdentity', principal: 'repo:keyless/app:ref:refs/heads/main' }),
  );
  assert.equal(web.mechanism, 'other');
  assert.ok(!web.fields.some((candidate) => candidate.label === 'Access key id'));
});
