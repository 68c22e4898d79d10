import type { AttendeeRecord } from '../attendees/index.ts';
import type { SandboxState } from '../state.ts';
import type { Verdict } from './handshake.ts';

export type MtlsDecision = { readonly allow: true } | { readonly allow: false; readonly reason: string; readonly revoked: boolean };

/**
 * The Lambda authorizer the lab's mTLS API needs, because API Gateway itself
 * "doesn't verify if a certificate has been revoked" (§3.3). Run per
 * request, so a revocation takes effect on open keep-alive connections too:
 * - the PKI has the serial revoked → deny;
 * - the certificate expired on the sandbox clock since the handshake → deny;
 * - the certificate belongs to another attendee than the API's owner → deny
 *   (every attendee's certificate chains to the same workshop CA, so the
 *   truststore alone would let anyone in: the subject must be checked).
 */
export function authorizeClientCertificate(verdict: Extract<Verdict, { ok: true }>, owner: AttendeeRecord, state: SandboxState): MtlsDecision {
  const issued = state.pki.lookup(verdict.serial);
  if (issued?.revokedAt !== undefined) return { allow: false, reason: `certificate ${verdict.serial} is revoked (${issued.revocationReason ?? 'unspecified'})`, revoked: true };
  if (verdict.certificate.validToDate.getTime() <= state.now()) return { allow: false, reason: 'certificate expired', revoked: false };
  if (verdict.attendeeId !== owner.attendeeId) return { allow: false, reason: 'certificate belongs to another attendee', revoked: false };
  return { allow: true };
}
