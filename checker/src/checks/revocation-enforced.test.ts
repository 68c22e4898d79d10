import assert from 'node:assert/strict';
import { test } from 'node:test';
import type { Evidence } from '@keyless/labs/sandbox';
import { fixtureSandbox } from '../test-support/fixture-sandbox.ts';
import { revocationEnforced } from './revocation-enforced.ts';

let id = 0;
const ev = (event: Record<string, unknown>): Evidence =>
  ({ at: 0, attendeeId: 'attendee-1', outcome: 'success', ...event, id: ++id }) as Evidence;
const revoked = (serial: string): Evidence => ev({ kind: 'certificate', action: 'revoked', subject: 'CN=attendee-1', serial, notAfter: 1 });
const session = (serial: string, outcome: 'success' | 'failure', error?: string): Evidence =>
  ev({ kind: 'rolesanywhere-session', outcome, certificateSerial: serial, ...(error ? { error } : {}) });
const rolesanywhere = revocationEnforced.params.parse({ service: 'rolesanywhere' });

test('passes only for a refusal of the revoked serial that came after the revocation', async () => {
  const sandbox = fixtureSandbox({
    evidence: [
      session('1a2b', 'failure', 'AccessDeniedException: Invalid signature'), // while writing the signer
      session('1a2b', 'success'),
      revoked('1a2b'),
      session('1a2b', 'failure', 'AccessDeniedException: Certificate has been revoked.'),
    ],
  });
  const result = await revocationEnforced.evaluate(sandbox, rolesanywhere);
  assert.equal(result.status, 'pass');
  assert.match(result.explanation, /revoked/);
});

test('an earlier failure, or a failure with another certificate, does not count', async () => {
  const before = fixtureSandbox({ evidence: [session('0a', 'failure', 'AccessDeniedException: Invalid signature'), revoked('0a')] });
  assert.equal((await revocationEnforced.evaluate(before, rolesanywhere)).messageKey, 'revocation-enforced.unused');
  const other = fixtureSandbox({ evidence: [revoked('0a'), session('0b', 'failure', 'AccessDeniedException: Invalid signature')] });
  assert.equal((await revocationEnforced.evaluate(other, rolesanywhere)).messageKey, 'revocation-enforced.unused');
  assert.equal(
    (await revocationEnforced.evaluate(fixtureSandbox({ evidence: [] }), rolesanywhere)).messageKey,
    'revocation-enforced.none-revoked',
  );
});

test('says so when a revoked certificate was still accepted, and matches serials in any hex form', async () => {
  const accepted = fixtureSandbox({ evidence: [revoked('0a'), session('0A', 'success')] });
  assert.equal((await revocationEnforced.evaluate(accepted, rolesanywhere)).messageKey, 'revocation-enforced.accepted');
  const mtls = fixtureSandbox({
    evidence: [revoked('0a1b'), ev({ kind: 'tls-handshake', outcome: 'failure', reason: 'revoked', serial: 'a1b' })],
  });
  assert.equal((await revocationEnforced.evaluate(mtls, revocationEnforced.params.parse({ service: 'mtls' }))).status, 'pass');
});
