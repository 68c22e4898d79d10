import { attendeeSubject } from '@keyless/local-sandbox/pki-names';
import { evenLength, newSerialHex } from '@keyless/local-sandbox/pki-serial';
import { AsnConvert } from '@peculiar/asn1-schema';
import { CRLNumber, id_ce_cRLNumber } from '@peculiar/asn1-x509';
import type { CertificateRecord, RevocationReason } from './certificate-table.ts';
import type { X509Signer } from './kms-signer.ts';
import * as x509 from './x509.ts';

/** Client certificates live a day, as the local PKI's do. */
export const CLIENT_CERT_VALIDITY_MS = 24 * 60 * 60 * 1000;
/** A CRL is valid a day; the PKI signs a fresh one on each request for it (they are rare). */
const CRL_VALIDITY_MS = 24 * 60 * 60 * 1000;

const REASON_CODES: Record<RevocationReason, x509.X509CrlReason> = {
  unspecified: x509.X509CrlReason.unspecified,
  keyCompromise: x509.X509CrlReason.keyCompromise,
  affiliationChanged: x509.X509CrlReason.affiliationChanged,
  superseded: x509.X509CrlReason.superseded,
  cessationOfOperation: x509.X509CrlReason.cessationOfOperation,
};

/** The event's CA: its certificate (from the truststore) and its KMS-backed signer. */
export interface WorkshopCa {
  readonly certificate: x509.X509Certificate;
  readonly signer: X509Signer;
}

/**
 * Signs an attendee's client certificate. The subject is the CA's to set
 * (`CN=<attendee common name>,OU=keyless-workshop,O=Keyless`), never the
 * CSR's: the CA vouches for who authenticated, not for what they typed. The
 * profile is the local PKI's: not a CA, digital signature (plus key
 * encipherment for RSA), clientAuth, key identifiers, the CRL URL.
 */
export async function issueClientCertificate(
  ca: WorkshopCa,
  request: { readonly commonName: string; readonly publicKey: x509.PublicKey; readonly now: number; readonly crlUrl: string },
): Promise<{ certificate: x509.X509Certificate; serial: string; notBefore: number; notAfter: number }> {
  const serial = newSerialHex();
  const notBefore = request.now - 5 * 60 * 1000;
  const notAfter = Math.min(request.now + CLIENT_CERT_VALIDITY_MS, ca.certificate.notAfter.getTime());
  const rsa = request.publicKey.algorithm.name.startsWith('RSA');
  const { crypto } = ca.signer;
  const certificate = await x509.X509CertificateGenerator.create(
    {
      serialNumber: serial,
      subject: attendeeSubject(request.commonName),
      // The CA's own encoded subject, byte for byte, so chain building matches it.
      issuer: ca.certificate.subjectName,
      notBefore: new Date(notBefore),
      notAfter: new Date(notAfter),
      publicKey: request.publicKey,
      signingKey: ca.signer.signingKey,
      signingAlgorithm: ca.signer.signingAlgorithm,
      extensions: [
        new x509.BasicConstraintsExtension(false, undefined, true),
        // KeyUsageFlags are bit flags: the extension takes their union, a plain number.
        // eslint-disable-next-line @typescript-eslint/no-unsafe-enum-assignment
        new x509.KeyUsagesExtension(x509.KeyUsageFlags.digitalSignature | (rsa ? x509.KeyUsageFlags.keyEncipherment : 0), true),
        new x509.ExtendedKeyUsageExtension([x509.ExtendedKeyUsage.clientAuth]),
        await x509.SubjectKeyIdentifierExtension.create(request.publicKey, false, crypto),
        await x509.AuthorityKeyIdentifierExtension.create(ca.certificate.publicKey, false, crypto),
        new x509.CRLDistributionPointsExtension([request.crlUrl]),
      ],
    },
    crypto,
  );
  return { certificate, serial, notBefore, notAfter };
}

/** The CA's CRL (RFC 5280 v2): every revoked, unexpired certificate, a CRL number that grows with time. */
export async function signCrl(ca: WorkshopCa, certificates: readonly CertificateRecord[], now: number): Promise<x509.X509Crl> {
  const { crypto } = ca.signer;
  return x509.X509CrlGenerator.create(
    {
      issuer: ca.certificate.subjectName,
      thisUpdate: new Date(now),
      nextUpdate: new Date(now + CRL_VALIDITY_MS),
      signingKey: ca.signer.signingKey,
      signingAlgorithm: ca.signer.signingAlgorithm,
      extensions: [
        await x509.AuthorityKeyIdentifierExtension.create(ca.certificate.publicKey, false, crypto),
        // Seconds since the epoch: monotonic without a counter to keep (RFC 5280 asks only that it increase).
        new x509.Extension(id_ce_cRLNumber, false, AsnConvert.serialize(new CRLNumber(Math.floor(now / 1000)))),
      ],
      entries: certificates
        .filter((record) => record.revokedAt !== undefined && record.notAfter > now)
        .map((record) => ({
          serialNumber: evenLength(record.serial),
          revocationDate: new Date(record.revokedAt ?? now),
          reason: REASON_CODES[record.revocationReason ?? 'unspecified'],
        })),
    },
    crypto,
  );
}
