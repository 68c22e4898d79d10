import type { WorkshopPki } from '../pki/workshop-pki.ts';
import type { Verdict } from './handshake.ts';

/** What the revocation authorizer reads: the PKI's record of the serial, on the sandbox clock. */
export interface MtlsAuthorizerServices {
  readonly pki: Pick<WorkshopPki, 'lookup'>;
  readonly now: () => number;
}

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
export function authorizeClientCertificate(
  verdict: Extract<Verdict, { ok: true }>,
  owner: { readonly attendeeId: string },
  { pki, now }: MtlsAuthorizerServices,
): MtlsDecision {
  const issued = pki.lookup(verdict.serial);
  if (issued?.revokedAt !== undefined)
    return {
      allow: false,
      reason: `certificate ${verdict.serial} is revoked (${issued.revocationReason ?? 'unspecified'})`,
      revoked: true,
    };
  if (verdict.certificate.validToDate.getTime() <= now()) return { allow: false, reason: 'certificate expired', revoked: false };
  if (verdict.attendeeId !== owner.attendeeId) return { allow: false, reason: 'certificate belongs to another attendee', revoked: false };
  return { allow: true };
}
