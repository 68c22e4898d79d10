import type { CertificateStore, IssuedCertificate, RevocationReason } from './certificate-store.ts';
import { CrlPublisher } from './crl.ts';
import { acceptCsr } from './csr.ts';
import { signCertificate } from './issuer.ts';
import { attendeeSubject, MAX_COMMON_NAME, rfc2253 } from './names.ts';
import { newSerialHex, serialOf } from './serial.ts';
import type { WorkshopCa } from './workshop-ca.ts';
import * as x509 from './x509.ts';
import { CsrError } from './csr.ts';
import { X509Certificate as NodeX509Certificate } from 'node:crypto';

/** Attendee certificates live a day: long enough for a workshop, short enough to teach rotation. */
export const CLIENT_CERT_VALIDITY_MS = 24 * 60 * 60 * 1000;
/** Issued certificates start five minutes early, so a client whose clock lags a little accepts them. */
const BACKDATE_MS = 5 * 60 * 1000;

export interface IssueResult extends IssuedCertificate {
  readonly requestedSubject: string;
}

/**
 * Keyless's workshop PKI: the CA, what it issued, revocation and the CRL.
 * The mTLS front door and Roles Anywhere ask it whether a serial is revoked.
 */
export class WorkshopPki {
  readonly ca: WorkshopCa;
  readonly store: CertificateStore;
  readonly crl: CrlPublisher;
  readonly crlUrl: string;
  readonly #now: () => number;

  constructor(options: { ca: WorkshopCa; store: CertificateStore; now: () => number; crlUrl: string }) {
    this.ca = options.ca;
    this.store = options.store;
    this.crlUrl = options.crlUrl;
    this.#now = options.now;
    this.crl = new CrlPublisher(options.ca, options.store, options.now);
  }

  /**
   * Issues a client certificate for the attendee from their CSR: the CSR's
   * key is kept, its subject is replaced by the attendee's, validity is 24 h
   * from the sandbox clock.
   */
  async issueForAttendee(attendeeId: string, csrText: string): Promise<IssueResult> {
    if (attendeeId.length > MAX_COMMON_NAME)
      throw new CsrError(`Attendee id longer than ${MAX_COMMON_NAME} characters cannot be a certificate common name.`);
    const csr = await acceptCsr(csrText);
    const now = this.#now();
    const certificate = await signCertificate(this.ca, {
      subject: attendeeSubject(attendeeId),
      publicKey: csr.publicKey,
      serialHex: newSerialHex(),
      notBefore: new Date(now - BACKDATE_MS),
      notAfter: new Date(now + CLIENT_CERT_VALIDITY_MS),
      usage: 'client',
      crlUrl: this.crlUrl,
    });
    const issued = describe(certificate, attendeeId, csr.keyType, now);
    this.store.insert(issued);
    return { ...issued, requestedSubject: csr.requestedSubject };
  }

  /** The front door's own certificate (`localhost`, 127.0.0.1, ::1) with a fresh key, for this process's lifetime. */
  async issueServerCertificate(): Promise<{ certificatePem: string; privateKeyPem: string }> {
    const keys = await crypto.subtle.generateKey({ name: 'ECDSA', namedCurve: 'P-256' }, true, ['sign', 'verify']);
    const now = this.#now();
    const certificate = await signCertificate(this.ca, {
      subject: 'CN=localhost, O=Keyless',
      publicKey: await x509.PublicKey.create(keys.publicKey),
      serialHex: newSerialHex(),
      notBefore: new Date(now - 60 * 60 * 1000),
      notAfter: new Date(now + 365 * 24 * 60 * 60 * 1000),
      usage: 'server',
      subjectAltNames: [
        { type: 'dns', value: 'localhost' },
        { type: 'ip', value: '127.0.0.1' },
        { type: 'ip', value: '::1' },
      ],
    });
    const pkcs8 = Buffer.from(await crypto.subtle.exportKey('pkcs8', keys.privateKey));
    return { certificatePem: `${certificate.toString('pem')}\n`, privateKeyPem: `${x509.PemConverter.encode(pkcs8, 'PRIVATE KEY')}\n` };
  }

  revoke(attendeeId: string, serial: string, reason: RevocationReason): boolean {
    return this.store.revoke(attendeeId, serial, this.#now(), reason);
  }

  /** What the PKI knows about a serial it issued (undefined: not ours). */
  lookup(serialHex: string): IssuedCertificate | undefined {
    return this.store.get(serialHex);
  }
}

function describe(
  certificate: x509.X509Certificate,
  attendeeId: string,
  keyType: string,
  issuedAt: number,
): Omit<IssuedCertificate, 'revokedAt' | 'revocationReason'> {
  const node = new NodeX509Certificate(Buffer.from(certificate.rawData));
  return {
    serial: serialOf(node),
    attendeeId,
    subject: rfc2253(node.subject),
    keyType,
    notBefore: node.validFromDate.getTime(),
    notAfter: node.validToDate.getTime(),
    issuedAt,
    certificatePem: `${certificate.toString('pem')}\n`,
  };
}
