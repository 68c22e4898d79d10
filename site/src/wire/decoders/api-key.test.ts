import assert from 'node:assert/strict';
import { test } from 'node:test';
import { evidence, explained, field } from '../test-support/evidence.ts';
import { decodeApiKeyCall } from './api-key.ts';

const call = { api: 'orders', method: 'GET', path: '/orders', authType: 'api-key' } as const;

test('an API key shows as its header with only the last 4 characters, and the key id as the caller', () => {
  const entry = decodeApiKeyCall(
    evidence('api-call', { ...call, status: 200, apiKey: { header: 'x-api-key', last4: 'wXyZ', keyId: 'key-0a1b2c3d4e' } }),
  );
  assert.equal(entry.door, 'API key door');
  assert.equal(field(entry, 'Header'), 'x-api-key: ••••••••wXyZ');
  assert.equal(field(entry, 'Key id'), 'key-0a1b2c3d4e');
  assert.equal(entry.caller, 'key-0a1b2c3d4e');
  assert.match(entry.fields[0]?.explain ?? '', /sent on every request, never expires/i);
  assert.ok(explained(entry));
});

test('a wrong key matched nothing; a missing one is said to be missing', () => {
  const wrong = decodeApiKeyCall(
    evidence('api-call', { ...call, status: 403, outcome: 'failure', apiKey: { header: 'x-api-key', last4: 'abcd' } }),
  );
  assert.equal(field(wrong, 'Key id'), 'no key matched');
  assert.equal(wrong.caller, undefined);
  const missing = decodeApiKeyCall(evidence('api-call', { ...call, status: 403, outcome: 'failure' }));
  assert.equal(field(missing, 'Header'), 'x-api-key missing');
});
