import { canonicalSerial } from '@keyless/labs/sandbox';
import { z } from 'zod';
import { defineCheckKind, fail, pass } from '../types.ts';

/** Where a revoked certificate can be presented. */
const SERVICES = {
  rolesanywhere: 'IAM Roles Anywhere',
  mtls: 'the mutual-TLS domain',
} as const;

interface Attempt {
  readonly id: number;
  readonly serial: string | undefined;
  readonly outcome: 'success' | 'failure';
  readonly error?: string | undefined;
}

/** Serials are compared in the evidence contract's canonical form, whatever form a sandbox recorded (absent stays absent). */
const normalizeSerial = (serial: string | undefined): string | undefined => (serial === undefined ? undefined : canonicalSerial(serial));

/**
 * Passes when a certificate the attendee revoked was presented afterwards
 * and refused: by Roles Anywhere's CreateSession, or at the mutual-TLS
 * front door. It matches the serial number and the order of events, so an
 * unrelated failure (a bad signature while the signer was being written)
 * does not count, and an accepted use after revocation is named as such.
 */
export const revocationEnforced = defineCheckKind({
  kind: 'revocation-enforced',
  params: z
    .object({ service: z.enum(['rolesanywhere', 'mtls']).describe('Where the revoked certificate must have been refused.') })
    .strict(),
  async evaluate(sandbox, params) {
    const where = SERVICES[params.service];
    const revocations = (await sandbox.evidence.query({ kind: 'certificate', limit: 200 })).filter(
      (event) => event.outcome === 'success' && event.action === 'revoked',
    );
    if (revocations.length === 0) return fail('revocation-enforced.none-revoked', 'You have not revoked a certificate yet.');
    const revokedAfter = new Map<string, number>();
    for (const event of revocations) {
      const serial = normalizeSerial(event.serial);
      if (serial) revokedAfter.set(serial, Math.min(revokedAfter.get(serial) ?? Infinity, event.id));
    }
    const attempts: Attempt[] =
      params.service === 'rolesanywhere'
        ? (await sandbox.evidence.query({ kind: 'rolesanywhere-session', limit: 300 })).map((event) => ({
            id: event.id,
            serial: event.certificateSerial,
            outcome: event.outcome,
            error: event.error,
          }))
        : (await sandbox.evidence.query({ kind: 'tls-handshake', limit: 300 })).map((event) => ({
            id: event.id,
            serial: event.serial,
            outcome: event.outcome,
            error: event.reason ?? event.error,
          }));
    const afterRevocation = attempts.filter((attempt) => {
      const serial = normalizeSerial(attempt.serial);
      const revokedId = serial === undefined ? undefined : revokedAfter.get(serial);
      return revokedId !== undefined && attempt.id > revokedId;
    });
    const refused = afterRevocation.find((attempt) => attempt.outcome === 'failure');
    if (refused) {
      return pass(
        'revocation-enforced.ok',
        `${where} refused revoked certificate ${normalizeSerial(refused.serial) ?? '?'}${refused.error ? ` (${refused.error})` : ''}.`,
      );
    }
    if (afterRevocation.length > 0) {
      return fail(
        'revocation-enforced.accepted',
        `${where} accepted your certificate ${normalizeSerial(afterRevocation[0]?.serial) ?? '?'} after you revoked it.`,
      );
    }
    return fail(
      'revocation-enforced.unused',
      `You revoked ${[...revokedAfter.keys()].join(', ')}, but have not presented a revoked certificate to ${where} since.`,
    );
  },
});
