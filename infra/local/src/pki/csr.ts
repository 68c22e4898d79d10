import { createPublicKey } from 'node:crypto';
import * as x509 from './x509.ts';

/** A CSR the workshop CA refuses; the message tells the attendee what to change. */
export class CsrError extends Error {}

export interface AcceptedCsr {
  readonly publicKey: x509.PublicKey;
  /** `RSA-2048`, `EC-P-256`, `EC-P-384`. */
  readonly keyType: string;
  /** What the CSR asked for (ignored: the CA sets the subject), for the response. */
  readonly requestedSubject: string;
}

const CSR_PEM = /-----BEGIN (NEW )?CERTIFICATE REQUEST-----[\s\S]+?-----END (NEW )?CERTIFICATE REQUEST-----/;
const CURVES: Record<string, string> = { prime256v1: 'P-256', secp384r1: 'P-384' };

/**
 * Parses a PEM PKCS#10 request, checks its key against what both consumers
 * of the certificate accept (API Gateway truststores: RSA ≥ 2048 or ECDSA ≥
 * 256; Roles Anywhere: RSA or EC P-256/P-384) and verifies its
 * self-signature, which proves the requester holds the private key.
 */
export async function acceptCsr(text: string): Promise<AcceptedCsr> {
  const pem = CSR_PEM.exec(text)?.[0];
  if (!pem) throw new CsrError('Expected a PEM certificate signing request (-----BEGIN CERTIFICATE REQUEST-----).');
  let csr: x509.Pkcs10CertificateRequest;
  try {
    csr = new x509.Pkcs10CertificateRequest(pem.replace(/(BEGIN|END) NEW CERTIFICATE/g, '$1 CERTIFICATE'));
  } catch {
    throw new CsrError('The certificate signing request is not valid PKCS#10 (DER inside the PEM could not be parsed).');
  }
  const key = createPublicKey({ key: Buffer.from(csr.publicKey.rawData), format: 'der', type: 'spki' });
  const details = key.asymmetricKeyDetails ?? {};
  let keyType: string;
  if (key.asymmetricKeyType === 'rsa') {
    const bits = details.modulusLength ?? 0;
    if (bits < 2048 || bits > 8192) throw new CsrError(`RSA keys must be 2048–8192 bits; this one has ${bits}.`);
    keyType = `RSA-${bits}`;
  } else if (key.asymmetricKeyType === 'ec') {
    const curve = CURVES[details.namedCurve ?? ''];
    if (!curve) throw new CsrError(`EC keys must use P-256 or P-384; this one uses ${details.namedCurve ?? 'an unknown curve'}.`);
    keyType = `EC-${curve}`;
  } else {
    throw new CsrError(
      `Only RSA and EC keys are accepted (API Gateway and Roles Anywhere support no others); this is ${key.asymmetricKeyType ?? 'unknown'}.`,
    );
  }
  let verified: boolean;
  try {
    verified = await csr.verify();
  } catch {
    verified = false;
  }
  if (!verified) throw new CsrError("The certificate signing request's signature does not verify with its own public key.");
  return { publicKey: csr.publicKey, keyType, requestedSubject: csr.subject };
}
