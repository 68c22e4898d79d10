import type { WorkshopCa } from './workshop-ca.ts';
import * as x509 from './x509.ts';

export interface CertificateTemplate {
  readonly subject: x509.JsonName | string;
  readonly publicKey: x509.PublicKey;
  readonly serialHex: string;
  readonly notBefore: Date;
  readonly notAfter: Date;
  /** `client`: clientAuth EKU (mTLS, Roles Anywhere). `server`: serverAuth, for the mTLS front door. */
  readonly usage: 'client' | 'server';
  readonly subjectAltNames?: x509.JsonGeneralNames;
  /** Where relying parties find the CRL (CRL Distribution Points). */
  readonly crlUrl?: string;
}

/**
 * Signs an end-entity certificate with the workshop CA. The profile is the
 * usual one for short-lived workload certificates: not a CA, digital
 * signature only (plus key encipherment for RSA, which TLS 1.2 RSA key
 * exchange needs on servers), one EKU, key identifiers, and the CRL URL.
 */
export async function signCertificate(ca: WorkshopCa, template: CertificateTemplate): Promise<x509.X509Certificate> {
  const rsa = template.publicKey.algorithm.name.startsWith('RSA');
  const usage = x509.KeyUsageFlags.digitalSignature | (rsa ? x509.KeyUsageFlags.keyEncipherment : 0);
  const extensions: x509.Extension[] = [
    new x509.BasicConstraintsExtension(false, undefined, true),
    // KeyUsageFlags are bit flags: the extension takes their union, a plain number.
    // eslint-disable-next-line @typescript-eslint/no-unsafe-enum-assignment
    new x509.KeyUsagesExtension(usage, true),
    new x509.ExtendedKeyUsageExtension([template.usage === 'client' ? x509.ExtendedKeyUsage.clientAuth : x509.ExtendedKeyUsage.serverAuth]),
    await x509.SubjectKeyIdentifierExtension.create(template.publicKey),
    await x509.AuthorityKeyIdentifierExtension.create(ca.certificate.publicKey),
  ];
  if (template.subjectAltNames) extensions.push(new x509.SubjectAlternativeNameExtension(template.subjectAltNames));
  if (template.crlUrl) extensions.push(new x509.CRLDistributionPointsExtension([template.crlUrl]));
  return x509.X509CertificateGenerator.create({
    serialNumber: template.serialHex,
    subject: template.subject,
    // The CA's own encoded subject, byte for byte, so chain building matches it.
    issuer: ca.certificate.subjectName,
    notBefore: template.notBefore,
    notAfter: template.notAfter,
    publicKey: template.publicKey,
    signingKey: ca.signingKey,
    signingAlgorithm: ca.signingAlgorithm,
    extensions,
  });
}
