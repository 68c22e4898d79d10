import assert from 'node:assert/strict';
import { test } from 'node:test';
import { evidence, explained, field } from '../test-support/evidence.ts';
import { decodeMtlsCall, decodeTlsHandshake } from './mtls.ts';

const certificate = {
  subject: 'CN=ada-service,O=Keyless',
  issuer: 'CN=Keyless Workshop CA',
  serial: '1a2b',
  notBefore: Date.parse('2026-12-01T00:00:00Z'),
  notAfter: Date.parse('2026-12-03T00:00:00Z'),
};

test('an accepted handshake shows TLS version, the certificate and a trusted chain', () => {
  const entry = decodeTlsHandshake(evidence('tls-handshake', { ...certificate, tlsVersion: 'TLSv1.3' }));
  assert.equal(entry.status, 'accepted');
  assert.equal(entry.caller, certificate.subject);
  assert.equal(field(entry, 'TLS version'), 'TLSv1.3');
  assert.equal(field(entry, 'Issuer'), certificate.issuer);
  assert.equal(field(entry, 'Serial'), '1a2b');
  assert.equal(field(entry, 'Validity'), '2026-12-01T00:00:00Z → 2026-12-03T00:00:00Z');
  assert.match(field(entry, 'Chain decision'), /^trusted/);
  assert.ok(explained(entry));
});

test('revoked, expired and missing certificates each say why', () => {
  for (const [reason, expected] of [
    ['revoked', /^revoked/],
    ['expired', /^expired/],
    ['no-certificate', /no client certificate/],
    ['untrusted', /^untrusted/],
  ] as const) {
    const entry = decodeTlsHandshake(
      evidence('tls-handshake', { outcome: 'failure', reason, ...(reason === 'no-certificate' ? {} : certificate) }),
    );
    assert.equal(entry.status, 'refused');
    assert.match(field(entry, 'Chain decision'), expected);
  }
});

test('a request on the mTLS domain names the certificate subject as its caller', () => {
  const entry = decodeMtlsCall(
    evidence('api-call', { api: 'orders', method: 'GET', path: '/orders', status: 200, authType: 'mtls', principal: certificate.subject }),
  );
  assert.equal(entry.door, 'mTLS domain');
  assert.equal(entry.caller, certificate.subject);
});
