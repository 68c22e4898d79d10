import { createPrivateKey, X509Certificate as NodeX509Certificate } from 'node:crypto';
import type { DatabaseSync } from 'node:sqlite';
import { transaction } from '../sqlite/index.ts';
import { WORKSHOP_ORGANIZATION } from './names.ts';
import { newSerialHex } from './serial.ts';
import { toWebCryptoSigningKey } from './webcrypto-key.ts';
import * as x509 from './x509.ts';

/** A CA as PEM: the certificate and its PKCS#8 private key (how tests inject one). */
export interface WorkshopCaInput {
  readonly certificatePem: string;
  readonly privateKeyPem: string;
}

/** The workshop CA, parsed and imported once at startup. */
export interface WorkshopCa {
  readonly certificatePem: string;
  /** For issuing (`@peculiar/x509`): the exact subject DER becomes every issuer field. */
  readonly certificate: x509.X509Certificate;
  /** For the hot paths (`node:crypto`): chain checks in the handshake and CreateSession. */
  readonly nodeCertificate: NodeX509Certificate;
  readonly signingKey: CryptoKey;
  readonly signingAlgorithm: Algorithm | EcdsaParams;
}

export const CA_SUBJECT = `CN=Keyless Workshop CA, O=${WORKSHOP_ORGANIZATION}`;
const CA_VALIDITY_MS = 10 * 365 * 24 * 60 * 60 * 1000;

/**
 * A new self-signed CA, EC P-256 / ecdsa-with-SHA256: accepted by API
 * Gateway truststores and Roles Anywhere trust anchors alike, and fast to
 * sign with. On AWS the event stack holds the equivalent (one per event).
 */
export async function generateWorkshopCa(now: number = Date.now()): Promise<WorkshopCaInput> {
  const algorithm = { name: 'ECDSA', namedCurve: 'P-256' };
  const keys = await crypto.subtle.generateKey(algorithm, true, ['sign', 'verify']);
  const certificate = await x509.X509CertificateGenerator.createSelfSigned({
    serialNumber: newSerialHex(),
    name: CA_SUBJECT,
    // Backdated an hour so a client whose clock lags a little still accepts it.
    notBefore: new Date(now - 60 * 60 * 1000),
    notAfter: new Date(now + CA_VALIDITY_MS),
    keys,
    signingAlgorithm: { name: 'ECDSA', hash: 'SHA-256' },
    extensions: [
      new x509.BasicConstraintsExtension(true, 0, true),
      new x509.KeyUsagesExtension(x509.KeyUsageFlags.keyCertSign | x509.KeyUsageFlags.cRLSign | x509.KeyUsageFlags.digitalSignature, true),
      await x509.SubjectKeyIdentifierExtension.create(keys.publicKey),
    ],
  });
  const pkcs8 = await crypto.subtle.exportKey('pkcs8', keys.privateKey);
  return { certificatePem: `${certificate.toString('pem')}\n`, privateKeyPem: `${x509.PemConverter.encode(pkcs8, 'PRIVATE KEY')}\n` };
}

/**
 * The sandbox's CA: the injected one, else the one persisted in the
 * database, else a new one, persisted first (insert-or-ignore and re-read, so
 * two processes starting on a fresh file end up with the same CA).
 */
export async function loadWorkshopCa(db: DatabaseSync, options: { now: () => number; injected?: WorkshopCaInput }): Promise<WorkshopCa> {
  const read = (): WorkshopCaInput | undefined => {
    const row = db.prepare('SELECT certificate_pem, private_key_pem FROM pki_ca WHERE id = 1').get() as
      { certificate_pem: string; private_key_pem: string } | undefined;
    return row ? { certificatePem: row.certificate_pem, privateKeyPem: row.private_key_pem } : undefined;
  };
  let input = options.injected ?? read();
  if (!input) {
    const fresh = await generateWorkshopCa(options.now());
    input = transaction(db, () => {
      db.prepare('INSERT OR IGNORE INTO pki_ca (id, certificate_pem, private_key_pem, created_at) VALUES (1, ?, ?, ?)').run(
        fresh.certificatePem,
        fresh.privateKeyPem,
        options.now(),
      );
      return read() ?? fresh;
    });
  }
  return importCa(input);
}

export async function importCa(input: WorkshopCaInput): Promise<WorkshopCa> {
  const keyObject = createPrivateKey(input.privateKeyPem);
  const nodeCertificate = new NodeX509Certificate(input.certificatePem);
  if (!nodeCertificate.ca) throw new Error('The workshop CA certificate must have basicConstraints CA:TRUE.');
  if (!nodeCertificate.checkPrivateKey(keyObject)) throw new Error('The workshop CA private key does not match its certificate.');
  // ECDSA P-256/P-384 or RSA PKCS#1 v1.5; SHA-256 (SHA-384 for P-384).
  const { key: signingKey, signingAlgorithm } = await toWebCryptoSigningKey(keyObject);
  return {
    certificatePem: nodeCertificate.toString(),
    certificate: new x509.X509Certificate(nodeCertificate.raw),
    nodeCertificate,
    signingKey,
    signingAlgorithm,
  };
}
