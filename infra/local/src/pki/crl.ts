import { AsnConvert } from '@peculiar/asn1-schema';
import { CRLNumber, id_ce_cRLNumber } from '@peculiar/asn1-x509';
import type { CertificateStore, RevocationReason } from './certificate-store.ts';
import { evenLength } from './serial.ts';
import type { WorkshopCa } from './workshop-ca.ts';
import * as x509 from './x509.ts';

export interface PublishedCrl {
  readonly der: Buffer;
  readonly pem: string;
  readonly crlNumber: number;
  /** Epoch ms. */
  readonly thisUpdate: number;
  readonly nextUpdate: number;
}

/** A CRL is valid a day; a fresh one is signed every hour, or at once after a revocation. */
const CRL_VALIDITY_MS = 24 * 60 * 60 * 1000;
const CRL_MAX_AGE_MS = 60 * 60 * 1000;

const REASON_CODES: Record<RevocationReason, x509.X509CrlReason> = {
  unspecified: x509.X509CrlReason.unspecified,
  keyCompromise: x509.X509CrlReason.keyCompromise,
  affiliationChanged: x509.X509CrlReason.affiliationChanged,
  superseded: x509.X509CrlReason.superseded,
  cessationOfOperation: x509.X509CrlReason.cessationOfOperation,
};

/**
 * The workshop CA's CRL (RFC 5280 v2: CRL number and authority key
 * identifier extensions, a reason code per entry). Signed on demand and
 * cached until a revocation lands or it is an hour old, so fetching it is
 * cheap. The CRL number is persisted, so it keeps growing across restarts.
 */
export class CrlPublisher {
  readonly #ca: WorkshopCa;
  readonly #store: CertificateStore;
  readonly #now: () => number;
  #cache: { crl: PublishedCrl; revocations: number } | undefined;
  #pending: { promise: Promise<PublishedCrl>; revocations: number } | undefined;

  constructor(ca: WorkshopCa, store: CertificateStore, now: () => number) {
    this.#ca = ca;
    this.#store = store;
    this.#now = now;
  }

  current(): Promise<PublishedCrl> {
    const revocations = this.#store.revocationCount();
    const cached = this.#cache;
    if (cached && cached.revocations === revocations && this.#now() - cached.crl.thisUpdate < CRL_MAX_AGE_MS)
      return Promise.resolve(cached.crl);
    if (this.#pending?.revocations === revocations) return this.#pending.promise;
    const promise = this.#sign().then((crl) => {
      this.#cache = { crl, revocations };
      return crl;
    });
    this.#pending = { promise, revocations };
    void promise
      .finally(() => {
        if (this.#pending?.promise === promise) this.#pending = undefined;
      })
      .catch(() => undefined);
    return promise;
  }

  async #sign(): Promise<PublishedCrl> {
    const now = this.#now();
    const crlNumber = Number(this.#store.setting('crl_number') ?? '0') + 1;
    this.#store.putSetting('crl_number', String(crlNumber));
    const crl = await x509.X509CrlGenerator.create({
      issuer: this.#ca.certificate.subjectName,
      thisUpdate: new Date(now),
      nextUpdate: new Date(now + CRL_VALIDITY_MS),
      signingKey: this.#ca.signingKey,
      signingAlgorithm: this.#ca.signingAlgorithm,
      extensions: [
        await x509.AuthorityKeyIdentifierExtension.create(this.#ca.certificate.publicKey),
        new x509.Extension(id_ce_cRLNumber, false, AsnConvert.serialize(new CRLNumber(crlNumber))),
      ],
      entries: this.#store.revokedUnexpired(now).map((entry) => ({
        serialNumber: evenLength(entry.serial),
        revocationDate: new Date(entry.revokedAt),
        reason: REASON_CODES[entry.reason],
      })),
    });
    // OpenSSL's label (RFC 7468 §5) rather than the library's `CRL`.
    return {
      der: Buffer.from(crl.rawData),
      pem: `${x509.PemConverter.encode(crl.rawData, 'X509 CRL')}\n`,
      crlNumber,
      thisUpdate: now,
      nextUpdate: now + CRL_VALIDITY_MS,
    };
  }
}
