import type { DatabaseSync, StatementSync } from 'node:sqlite';
import { newSecretAccessKey, newSessionToken, newTemporaryAccessKeyId } from './ids.ts';

/** Temporary credentials, the shape the SDK's credential providers return. */
export interface AttendeeCredentials {
  readonly accessKeyId: string;
  readonly secretAccessKey: string;
  readonly sessionToken: string;
  /** Epoch ms. */
  readonly expiresAt: number;
}

export interface StoredCredentials extends AttendeeCredentials {
  readonly attendeeId: string;
}

/** Instance-role credentials last 6 hours on EC2; we mirror that. */
export const CREDENTIAL_LIFETIME_MS = 6 * 60 * 60 * 1000;
/** Hand out a new set once the newest has less than this left, well before the SDK's 5-minute refresh window. */
export const CREDENTIAL_REFRESH_MS = 15 * 60 * 1000;

interface CredentialRow {
  access_key_id: string;
  attendee_id: string;
  secret_access_key: string;
  session_token: string;
  expires_at: number;
}

/**
 * Per-attendee temporary credentials. They stand in for the instance role
 * until the IMDS emulator hands them out; the SigV4 verifier looks them up
 * by access key id. Old sets stay valid until they expire, as on AWS.
 */
export class CredentialStore {
  readonly #now: () => number;
  readonly #newest: StatementSync;
  readonly #byKey: StatementSync;
  readonly #insert: StatementSync;
  readonly #prune: StatementSync;

  constructor(db: DatabaseSync, now: () => number) {
    this.#now = now;
    this.#newest = db.prepare(
      'SELECT access_key_id, attendee_id, secret_access_key, session_token, expires_at FROM credentials WHERE attendee_id = ? ORDER BY expires_at DESC LIMIT 1',
    );
    this.#byKey = db.prepare('SELECT access_key_id, attendee_id, secret_access_key, session_token, expires_at FROM credentials WHERE access_key_id = ?');
    this.#insert = db.prepare(
      'INSERT INTO credentials (access_key_id, attendee_id, secret_access_key, session_token, expires_at, created_at) VALUES (?, ?, ?, ?, ?, ?)',
    );
    // Keep expired sets for a day so a late request still gets ExpiredTokenException, not "unknown key".
    this.#prune = db.prepare('DELETE FROM credentials WHERE attendee_id = ? AND expires_at < ?');
  }

  /** The attendee's newest credentials, minting a set when none has comfortably long left. */
  current(attendeeId: string): StoredCredentials {
    const now = this.#now();
    const row = this.#newest.get(attendeeId) as CredentialRow | undefined;
    if (row && row.expires_at - now > CREDENTIAL_REFRESH_MS) return fromRow(row);
    this.#prune.run(attendeeId, now - 24 * 60 * 60 * 1000);
    const minted: StoredCredentials = {
      attendeeId,
      accessKeyId: newTemporaryAccessKeyId(),
      secretAccessKey: newSecretAccessKey(),
      sessionToken: newSessionToken(),
      expiresAt: now + CREDENTIAL_LIFETIME_MS,
    };
    this.#insert.run(minted.accessKeyId, attendeeId, minted.secretAccessKey, minted.sessionToken, minted.expiresAt, now);
    return minted;
  }

  lookup(accessKeyId: string): StoredCredentials | undefined {
    const row = this.#byKey.get(accessKeyId) as CredentialRow | undefined;
    return row ? fromRow(row) : undefined;
  }
}

function fromRow(row: CredentialRow): StoredCredentials {
  return {
    attendeeId: row.attendee_id,
    accessKeyId: row.access_key_id,
    secretAccessKey: row.secret_access_key,
    sessionToken: row.session_token,
    expiresAt: row.expires_at,
  };
}
