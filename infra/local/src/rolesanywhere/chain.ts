import type { X509Certificate } from 'node:crypto';

/** API Gateway truststores and Roles Anywhere both stop at this many certificates. */
const MAX_CHAIN = 5;

export type ChainResult = { readonly ok: true } | { readonly ok: false; readonly expired: boolean; readonly reason: string };

/**
 * Does the signing certificate chain to the trust anchor's CA, through the
 * intermediates the request sent, with every certificate inside its
 * validity period on the sandbox clock? Each link is an issuer-name and key
 * identifier match (`checkIssued`), a CA certificate, and a signature check.
 * node:crypto does the cryptography; only the walk is here, because
 * node:crypto has no chain verification API outside a TLS handshake.
 */
export function validateChain(
  leaf: X509Certificate,
  intermediates: readonly X509Certificate[],
  anchor: X509Certificate,
  now: number,
): ChainResult {
  // Trust first, then dates: a certificate from a foreign CA is untrusted whatever its validity.
  const path = [leaf];
  for (let current = leaf; !signedBy(current, anchor);) {
    const issuer = intermediates.find((candidate) => !path.includes(candidate) && candidate.ca && signedBy(current, candidate));
    if (!issuer) return { ok: false, expired: false, reason: `no path from ${current.subject.replace(/\n/g, ', ')} to the trust anchor` };
    if (path.length >= MAX_CHAIN) return { ok: false, expired: false, reason: `chain longer than ${MAX_CHAIN}` };
    path.push(issuer);
    current = issuer;
  }
  for (const certificate of [...path, anchor]) {
    const validity = checkValidity(certificate, now);
    if (validity) return { ok: false, expired: true, reason: validity };
  }
  return { ok: true };
}

/** Certificate objects are cached (certificate-cache.ts), so each link's signature is checked once. */
const links = new WeakMap<X509Certificate, WeakMap<X509Certificate, boolean>>();

function signedBy(certificate: X509Certificate, issuer: X509Certificate): boolean {
  let known = links.get(certificate);
  if (!known) links.set(certificate, (known = new WeakMap()));
  let result = known.get(issuer);
  if (result === undefined) known.set(issuer, (result = certificate.checkIssued(issuer) && certificate.verify(issuer.publicKey)));
  return result;
}

function checkValidity(certificate: X509Certificate, now: number): string | undefined {
  if (certificate.validToDate.getTime() <= now)
    return `certificate ${certificate.serialNumber} expired at ${certificate.validToDate.toISOString()}`;
  if (certificate.validFromDate.getTime() > now)
    return `certificate ${certificate.serialNumber} is not valid before ${certificate.validFromDate.toISOString()}`;
  return undefined;
}
