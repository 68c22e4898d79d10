import type { ApiCallEvidence, TlsHandshakeEvidence } from '@keyless/labs/sandbox';
import type { WireEntry, WireField } from '../model.ts';
import { entryOf, isoSeconds } from './entry.ts';

const DECISION: Readonly<Record<string, string>> = {
  trusted: 'trusted: chains to the workshop CA and is within its validity period',
  revoked: 'revoked: on the CA’s revocation list, so the authorizer refuses its requests',
  expired: 'expired (or not yet valid)',
  untrusted: 'untrusted: does not chain to the truststore’s CA',
  'no-certificate': 'no client certificate was presented',
};

/** A TLS handshake at the mutual-TLS domain: the client certificate is the credential. */
export function decodeTlsHandshake(evidence: TlsHandshakeEvidence): WireEntry {
  const decision = evidence.outcome === 'success' ? 'trusted' : (evidence.reason ?? 'untrusted');
  const fields: WireField[] = [
    {
      label: 'Chain decision',
      value: DECISION[decision] ?? decision,
      explain: 'The truststore checks the chain; revocation is the authorizer’s job, per request.',
    },
  ];
  if (evidence.tlsVersion)
    fields.push({
      label: 'TLS version',
      value: evidence.tlsVersion,
      explain: 'The client proved it holds the private key inside this handshake.',
    });
  if (evidence.subject)
    fields.push({ label: 'Subject', value: evidence.subject, explain: 'Who the certificate says it is: the authorizer’s principal.' });
  if (evidence.issuer)
    fields.push({ label: 'Issuer', value: evidence.issuer, explain: 'The CA that signed it; only the workshop CA is trusted.' });
  if (evidence.serial) fields.push({ label: 'Serial', value: evidence.serial, explain: 'How revocation names this certificate.' });
  if (evidence.notBefore !== undefined && evidence.notAfter !== undefined)
    fields.push({
      label: 'Validity',
      value: `${isoSeconds(evidence.notBefore)} → ${isoSeconds(evidence.notAfter)}`,
      explain: 'Outside this window the handshake is refused.',
      countdownTo: evidence.notAfter,
    });
  return entryOf(evidence, {
    mechanism: 'mtls',
    service: 'mTLS domain',
    request: 'TLS handshake',
    door: 'custom domain truststore',
    status: evidence.outcome === 'success' ? 'accepted' : 'refused',
    ...(evidence.subject ? { caller: evidence.subject } : {}),
    summary: 'No secret crossed the wire: the certificate is public, and the handshake proved possession of its private key.',
    fields,
  });
}

/** A request on the mutual-TLS domain, after the handshake. */
export function decodeMtlsCall(evidence: ApiCallEvidence): WireEntry {
  return entryOf(evidence, {
    mechanism: 'mtls',
    service: 'Orders API',
    request: `${evidence.method} ${evidence.path}`,
    door: 'mTLS domain',
    status: String(evidence.status),
    ...(evidence.principal ? { caller: evidence.principal } : {}),
    summary: 'The request carries no credential of its own: the connection’s certificate already said who is calling.',
  });
}
