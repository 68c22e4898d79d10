import type { TlsHandshakeEvidence } from '@keyless/labs/sandbox';
import type { X509Certificate } from 'node:crypto';
import type { TLSSocket } from 'node:tls';
import { certificateOwner, type OwnerLookup } from '../pki/owner.ts';
import { serialOf } from '../pki/serial.ts';
import { clientCertContext, type ClientCert } from './client-cert.ts';

export type RefusalReason = 'no-certificate' | 'untrusted' | 'expired';

/** What the front door concluded about a connection's client certificate, once, right after the handshake. */
export type Verdict =
  | {
      readonly ok: true;
      readonly certificate: X509Certificate;
      readonly clientCert: ClientCert;
      readonly serial: string;
      readonly attendeeId: string | undefined;
    }
  | {
      readonly ok: false;
      readonly reason: RefusalReason;
      readonly code: string;
      readonly certificate?: X509Certificate;
      readonly clientCert?: ClientCert;
      readonly attendeeId?: string | undefined;
    };

/**
 * Judges the client certificate as API Gateway's truststore check does
 * (§3.3): present, chains to the workshop CA (OpenSSL verified it during
 * the handshake against `ca`; Node reports the result as
 * `authorized`/`authorizationError`), inside its validity period — both on
 * OpenSSL's real clock and on the sandbox clock, so tests can expire a
 * certificate by moving time. Revocation is NOT part of this: API Gateway
 * does not check it; the authorizer does, per request.
 */
export function judgeHandshake(socket: TLSSocket, services: OwnerLookup & { readonly now: () => number }): Verdict {
  const certificate = socket.getPeerX509Certificate();
  if (!certificate) return { ok: false, reason: 'no-certificate', code: 'NO_PEER_CERTIFICATE' };
  const clientCert = clientCertContext(certificate);
  const attendeeId = certificateOwner(certificate, services);
  if (!socket.authorized) {
    // Node's types say an Error; at run time it is the verification error's code, and its absence must still name a reason.
    // eslint-disable-next-line @typescript-eslint/no-unnecessary-condition
    const code = String(socket.authorizationError ?? 'UNKNOWN');
    // Not-yet-valid is a validity-period failure too; checks know one word for both.
    const reason: RefusalReason = code === 'CERT_HAS_EXPIRED' || code === 'CERT_NOT_YET_VALID' ? 'expired' : 'untrusted';
    return { ok: false, reason, code, certificate, clientCert, attendeeId };
  }
  const now = services.now();
  if (certificate.validToDate.getTime() <= now)
    return { ok: false, reason: 'expired', code: 'CERT_HAS_EXPIRED', certificate, clientCert, attendeeId };
  if (certificate.validFromDate.getTime() > now)
    return { ok: false, reason: 'expired', code: 'CERT_NOT_YET_VALID', certificate, clientCert, attendeeId };
  return { ok: true, certificate, clientCert, serial: serialOf(certificate), attendeeId };
}

/** The `tls-handshake` evidence fields of a verdict (without outcome). */
export function handshakeFields(
  verdict: Verdict,
  socket?: TLSSocket,
): Pick<TlsHandshakeEvidence, 'subject' | 'issuer' | 'serial' | 'notBefore' | 'notAfter' | 'tlsVersion'> {
  // The protocol the handshake negotiated, for the Wire view (null once the socket is gone).
  const version = socket?.getProtocol();
  const tls = version ? { tlsVersion: version } : {};
  if (!verdict.certificate || !verdict.clientCert) return tls;
  return {
    subject: verdict.clientCert.subjectDN,
    issuer: verdict.clientCert.issuerDN,
    serial: serialOf(verdict.certificate),
    notBefore: verdict.certificate.validFromDate.getTime(),
    notAfter: verdict.certificate.validToDate.getTime(),
    ...tls,
  };
}
