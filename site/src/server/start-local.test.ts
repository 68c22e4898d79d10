import assert from 'node:assert/strict';
import { test } from 'node:test';
import { localConfigFromEnv } from './start-local.ts';

test('room mode settings: a public URL is an http(s) origin, TLS needs both files', () => {
  const base = localConfigFromEnv('/repo', {});
  assert.equal(base.host, '127.0.0.1');
  assert.equal(base.publicUrl, undefined);
  assert.equal(base.tls, undefined);
  assert.equal(
    localConfigFromEnv('/repo', { KEYLESS_PUBLIC_URL: 'https://keyless.example:8443/join' }).publicUrl,
    'https://keyless.example:8443',
  );
  assert.throws(() => localConfigFromEnv('/repo', { KEYLESS_PUBLIC_URL: 'keyless.example' }), /KEYLESS_PUBLIC_URL must be an http/);
  assert.throws(() => localConfigFromEnv('/repo', { KEYLESS_PUBLIC_URL: 'ftp://keyless.example' }), /KEYLESS_PUBLIC_URL must be an http/);
  assert.deepEqual(localConfigFromEnv('/repo', { KEYLESS_TLS_CERT: 'c.pem', KEYLESS_TLS_KEY: 'k.pem' }).tls, {
    certFile: 'c.pem',
    keyFile: 'k.pem',
  });
  assert.throws(() => localConfigFromEnv('/repo', { KEYLESS_TLS_CERT: 'c.pem' }), /both KEYLESS_TLS_CERT and KEYLESS_TLS_KEY/);
  assert.throws(() => localConfigFromEnv('/repo', { KEYLESS_TLS_KEY: 'k.pem' }), /both KEYLESS_TLS_CERT and KEYLESS_TLS_KEY/);
});
