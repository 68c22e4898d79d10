import type { DatabaseSync, StatementSync } from 'node:sqlite';

/** Revocation reasons attendees may give (RFC 5280 §5.3.1 names; the CA-only ones are left out). */
export const REVOCATION_REASONS = ['unspecified', 'keyCompromise', 'affiliationChanged', 'superseded', 'cessationOfOperation'] as const;
export type RevocationReason = (typeof REVOCATION_REASONS)[number];

/** A certificate the workshop CA issued. Times are epoch ms. */
export interface IssuedCertificate {
  /** Lowercase hex, no leading zeros. */
  readonly serial: string;
  readonly attendeeId: string;
  /** RFC 2253, e.g. `CN=alice,OU=keyless-workshop,O=Keyless`. */
  readonly subject: string;
  /** `RSA-2048`, `EC-P-256`, … */
  readonly keyType: string;
  readonly notBefore: number;
  readonly notAfter: number;
  readonly issuedAt: number;
  readonly revokedAt?: number;
  readonly revocationReason?: RevocationReason;
  readonly certificatePem: string;
}

interface Row {
  serial: string;
  attendee_id: string;
  subject: string;
  key_type: string;
  not_before: number;
  not_after: number;
  issued_at: number;
  revoked_at: number | null;
  revocation_reason: string | null;
  certificate_pem: string;
}

const COLUMNS = 'serial, attendee_id, subject, key_type, not_before, not_after, issued_at, revoked_at, revocation_reason, certificate_pem';

/**
 * Issued certificates and their revocation, in SQLite so the mTLS front door,
 * CreateSession and the CRL all see a revocation the moment it commits, and
 * so a second process (the checker) reads the same state.
 */
export class CertificateStore {
  readonly #insert: StatementSync;
  readonly #get: StatementSync;
  readonly #list: StatementSync;
  readonly #revoke: StatementSync;
  readonly #revokeAll: StatementSync;
  readonly #revoked: StatementSync;
  readonly #revocationCount: StatementSync;
  readonly #getSetting: StatementSync;
  readonly #putSetting: StatementSync;

  constructor(db: DatabaseSync) {
    this.#insert = db.prepare(`INSERT INTO pki_certificates (${COLUMNS}) VALUES (?, ?, ?, ?, ?, ?, ?, NULL, NULL, ?)`);
    this.#get = db.prepare(`SELECT ${COLUMNS} FROM pki_certificates WHERE serial = ?`);
    this.#list = db.prepare(`SELECT ${COLUMNS} FROM pki_certificates WHERE attendee_id = ? ORDER BY issued_at DESC, serial LIMIT ?`);
    this.#revoke = db.prepare(
      'UPDATE pki_certificates SET revoked_at = ?, revocation_reason = ? WHERE serial = ? AND attendee_id = ? AND revoked_at IS NULL',
    );
    this.#revokeAll = db.prepare(
      'UPDATE pki_certificates SET revoked_at = ?, revocation_reason = ? WHERE attendee_id = ? AND revoked_at IS NULL AND not_after > ?',
    );
    this.#revoked = db.prepare(
      'SELECT serial, revoked_at, revocation_reason FROM pki_certificates WHERE revoked_at IS NOT NULL AND not_after > ? ORDER BY revoked_at, serial',
    );
    this.#revocationCount = db.prepare('SELECT COUNT(*) AS n FROM pki_certificates WHERE revoked_at IS NOT NULL');
    this.#getSetting = db.prepare('SELECT value FROM pki_settings WHERE name = ?');
    this.#putSetting = db.prepare(
      'INSERT INTO pki_settings (name, value) VALUES (?, ?) ON CONFLICT (name) DO UPDATE SET value = excluded.value',
    );
  }

  insert(certificate: Omit<IssuedCertificate, 'revokedAt' | 'revocationReason'>): void {
    const c = certificate;
    this.#insert.run(c.serial, c.attendeeId, c.subject, c.keyType, c.notBefore, c.notAfter, c.issuedAt, c.certificatePem);
  }

  get(serial: string): IssuedCertificate | undefined {
    const row = this.#get.get(serial) as Row | undefined;
    return row ? fromRow(row) : undefined;
  }

  listFor(attendeeId: string, limit = 100): IssuedCertificate[] {
    return (this.#list.all(attendeeId, limit) as unknown as Row[]).map(fromRow);
  }

  /** Revokes one of the attendee's own certificates; false if it is not theirs or already revoked. */
  revoke(attendeeId: string, serial: string, at: number, reason: RevocationReason): boolean {
    return Number(this.#revoke.run(at, reason, serial, attendeeId).changes) > 0;
  }

  /** Revokes every unexpired certificate of the attendee (sandbox reset). */
  revokeAllFor(attendeeId: string, at: number, reason: RevocationReason): number {
    return Number(this.#revokeAll.run(at, reason, attendeeId, at).changes);
  }

  /** Revoked certificates that have not expired yet: what the CRL lists. */
  revokedUnexpired(now: number): { serial: string; revokedAt: number; reason: RevocationReason }[] {
    const rows = this.#revoked.all(now) as { serial: string; revoked_at: number; revocation_reason: string }[];
    return rows.map((row) => ({ serial: row.serial, revokedAt: row.revoked_at, reason: row.revocation_reason as RevocationReason }));
  }

  /** Grows with every revocation (they are never undone): a cheap "has the CRL changed" check. */
  revocationCount(): number {
    return Number((this.#revocationCount.get() as { n: number | bigint }).n);
  }

  setting(name: string): string | undefined {
    return (this.#getSetting.get(name) as { value: string } | undefined)?.value;
  }

  putSetting(name: string, value: string): void {
    this.#putSetting.run(name, value);
  }
}

function fromRow(row: Row): IssuedCertificate {
  return {
    serial: row.serial,
    attendeeId: row.attendee_id,
    subject: row.subject,
    keyType: row.key_type,
    notBefore: row.not_before,
    notAfter: row.not_after,
    issuedAt: row.issued_at,
    ...(row.revoked_at === null
      ? {}
      : { revokedAt: row.revoked_at, revocationReason: (row.revocation_reason ?? 'unspecified') as RevocationReason }),
    certificatePem: row.certificate_pem,
  };
}
