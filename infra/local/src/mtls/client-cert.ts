import type { X509Certificate } from 'node:crypto';
import { rfc2253, serialColons, serialOf } from '../pki/index.ts';

/**
 * `requestContext.identity.clientCert` as API Gateway hands it to a Lambda
 * authorizer or proxy integration (wire-format reference §3.3): the PEM, the
 * DNs, the serial as colon-separated lowercase hex, and the validity dates in
 * OpenSSL's `%b %e %H:%M:%S %Y GMT` form (exactly what node:crypto prints).
 */
export interface ClientCert {
  readonly clientCertPem: string;
  readonly subjectDN: string;
  readonly issuerDN: string;
  readonly serialNumber: string;
  readonly validity: { readonly notBefore: string; readonly notAfter: string };
}

export function clientCertContext(certificate: X509Certificate): ClientCert {
  return {
    clientCertPem: certificate.toString(),
    subjectDN: rfc2253(certificate.subject),
    issuerDN: rfc2253(certificate.issuer),
    serialNumber: serialColons(serialOf(certificate)),
    validity: { notBefore: certificate.validFrom, notAfter: certificate.validTo },
  };
}
