import { WORKSHOP_ORGANIZATION } from '@keyless/local-sandbox/pki-names';
import { newSerialHex } from '@keyless/local-sandbox/pki-serial';
import type { X509Signer } from './kms-signer.ts';
import * as x509 from './x509.ts';

export const CA_COMMON_NAME = 'Keyless Workshop CA';
/** The event's CA outlives any session; a year covers rehearsals and the event. */
const CA_VALIDITY_MS = 365 * 24 * 60 * 60 * 1000;

/**
 * The workshop CA's self-signed certificate over the KMS key's public key
 * (its SPKI, as KMS GetPublicKey returns it), signed by that same key in
 * KMS. CA:TRUE with path length 0 (it signs only end entities), keyCertSign
 * and cRLSign: what API Gateway truststores and Roles Anywhere trust anchors
 * accept. The event id is in the subject so two events' CAs are told apart.
 */
export async function createCaCertificate(
  signer: X509Signer,
  publicKeySpki: Uint8Array,
  options: { readonly eventId: string; readonly now: number },
): Promise<x509.X509Certificate> {
  const spki = publicKeySpki.buffer.slice(publicKeySpki.byteOffset, publicKeySpki.byteOffset + publicKeySpki.byteLength) as ArrayBuffer;
  const publicKey = new x509.PublicKey(spki);
  const name = `CN=${CA_COMMON_NAME} ${options.eventId}, O=${WORKSHOP_ORGANIZATION}`;
  return x509.X509CertificateGenerator.create(
    {
      serialNumber: newSerialHex(),
      subject: name,
      issuer: name,
      // Backdated an hour so a client whose clock lags a little still accepts it.
      notBefore: new Date(options.now - 60 * 60 * 1000),
      notAfter: new Date(options.now + CA_VALIDITY_MS),
      publicKey,
      signingKey: signer.signingKey,
      signingAlgorithm: signer.signingAlgorithm,
      extensions: [
        new x509.BasicConstraintsExtension(true, 0, true),
        new x509.KeyUsagesExtension(
          x509.KeyUsageFlags.keyCertSign | x509.KeyUsageFlags.cRLSign | x509.KeyUsageFlags.digitalSignature,
          true,
        ),
        await x509.SubjectKeyIdentifierExtension.create(publicKey, false, signer.crypto),
      ],
    },
    signer.crypto,
  );
}
