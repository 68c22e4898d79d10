/**
 * Evidence names certificates by serial in the contract's one canonical form
 * (labs/src/sandbox/certificate-serial.ts), whichever service recorded it:
 * the PKI issuing and revoking, the mutual-TLS door's handshakes, Roles
 * Anywhere's sessions. So a check can follow one certificate across them.
 */
import assert from 'node:assert/strict';
import { after, before, test } from 'node:test';
import { canonicalSerial } from '@keyless/labs/sandbox';
import type { LocalSandboxes } from '@keyless/local-sandbox';
import { newAttendeeId, repoLabs, runAndCheck, startLocalSandboxes } from './test-support/local-sandboxes.ts';

const labs = repoLabs();
let sandboxes: LocalSandboxes;
before(async () => {
  sandboxes = await startLocalSandboxes();
});
// eslint-disable-next-line @typescript-eslint/no-unnecessary-condition -- unset when before() failed, which its type cannot say
after(() => sandboxes?.close());

/** Runs a lab's solution as a new attendee and returns their evidence log. */
async function solved(labId: string) {
  const lab = labs.find((candidate) => candidate.definition.id === labId);
  assert.ok(lab);
  const attendeeId = newAttendeeId();
  const { run, report } = await runAndCheck(sandboxes, attendeeId, lab, lab.solution);
  assert.equal(run.exitCode, 0, run.stderr);
  assert.equal(report.passed, true, JSON.stringify(report.results));
  return sandboxes.aws.evidence(attendeeId);
}

function assertCanonical(serials: readonly (string | undefined)[], what: string): void {
  const present = serials.filter((serial): serial is string => serial !== undefined && serial !== '');
  assert.ok(present.length > 0, `${what}: some serials`);
  for (const serial of present) assert.equal(serial, canonicalSerial(serial), `${what}: ${serial} is canonical`);
}

test('mutual TLS: issued, revoked and presented certificates carry the same canonical serial', async () => {
  const evidence = await solved('mutual-tls');
  const certificates = await evidence.query({ kind: 'certificate' });
  const handshakes = await evidence.query({ kind: 'tls-handshake' });
  assertCanonical(
    certificates.map((event) => event.serial),
    'certificate',
  );
  assertCanonical(
    handshakes.map((event) => event.serial),
    'tls-handshake',
  );
  const revoked = new Set(certificates.filter((event) => event.action === 'revoked').map((event) => event.serial));
  assert.ok(
    handshakes.some((event) => event.serial !== undefined && revoked.has(event.serial) && event.reason === 'revoked'),
    'the refused handshake names the revoked serial as recorded',
  );
});

test('Roles Anywhere: sessions name their certificate by the serial the PKI issued it under', async () => {
  const evidence = await solved('iam-roles-anywhere');
  const issued = new Set(
    (await evidence.query({ kind: 'certificate' })).filter((event) => event.action === 'issued').map((event) => event.serial),
  );
  const sessions = await evidence.query({ kind: 'rolesanywhere-session' });
  assertCanonical(
    sessions.map((event) => event.certificateSerial),
    'rolesanywhere-session',
  );
  assert.ok(sessions.some((event) => event.certificateSerial !== undefined && issued.has(event.certificateSerial)));
});
