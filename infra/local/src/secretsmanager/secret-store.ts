import { randomBytes } from 'node:crypto';
import type { DatabaseSync, StatementSync } from 'node:sqlite';
import { arns, CLIENT_SECRET_NAME } from '../iam/index.ts';

/** One secret of an attendee account, with its current version (Secrets Manager's `AWSCURRENT`), if any. */
export interface StoredSecret {
  readonly attendeeId: string;
  readonly name: string;
  readonly arn: string;
  readonly createdAt: number;
  readonly current?: { readonly versionId: string; readonly secretString: string; readonly createdAt: number };
}

interface Row {
  attendee_id: string;
  name: string;
  arn: string;
  created_at: number;
  version_id: string | null;
  secret_string: string | null;
  version_created_at: number | null;
}

const SUFFIX_ALPHABET = 'ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789';

/** Secrets Manager appends `-` and six random characters to the name in a secret's ARN. */
function arnSuffix(): string {
  return Array.from(randomBytes(6), (byte) => SUFFIX_ALPHABET[byte % SUFFIX_ALPHABET.length]).join('');
}

/**
 * The attendees' secrets, in SQLite. Each account has, as its per-attendee
 * stack would create it, the lab 3 client secret (`CLIENT_SECRET_NAME`)
 * without a value until the client manager stores one. Only the current
 * version is kept: the labs never read an older one.
 */
export class SecretStore {
  readonly #byName: StatementSync;
  readonly #insert: StatementSync;
  readonly #put: StatementSync;
  readonly #delete: StatementSync;
  readonly #region: string;
  readonly #now: () => number;

  constructor(db: DatabaseSync, options: { region: string; now: () => number }) {
    this.#region = options.region;
    this.#now = options.now;
    this.#byName = db.prepare(
      'SELECT attendee_id, name, arn, created_at, version_id, secret_string, version_created_at FROM secrets WHERE attendee_id = ? AND name = ?',
    );
    this.#insert = db.prepare('INSERT OR IGNORE INTO secrets (attendee_id, name, arn, created_at) VALUES (?, ?, ?, ?)');
    this.#put = db.prepare(
      'UPDATE secrets SET version_id = ?, secret_string = ?, version_created_at = ? WHERE attendee_id = ? AND name = ?',
    );
    this.#delete = db.prepare('DELETE FROM secrets WHERE attendee_id = ?');
  }

  /** The secret of that name in the attendee's account; the lab's own secret is created (empty) on first use. */
  byName(attendeeId: string, accountId: string, name: string): StoredSecret | undefined {
    if (name === CLIENT_SECRET_NAME) {
      this.#insert.run(attendeeId, name, arns.secret(this.#region, accountId, `${name}-${arnSuffix()}`), this.#now());
    }
    const row = this.#byName.get(attendeeId, name) as Row | undefined;
    return row ? describe(row) : undefined;
  }

  /** Makes `secretString` the secret's current version. */
  put(secret: StoredSecret, versionId: string, secretString: string): StoredSecret {
    const now = this.#now();
    this.#put.run(versionId, secretString, now, secret.attendeeId, secret.name);
    return { ...secret, current: { versionId, secretString, createdAt: now } };
  }

  /** Sandbox reset: the next use finds the secret empty again, under a new ARN. */
  reset(attendeeId: string): void {
    this.#delete.run(attendeeId);
  }
}

function describe(row: Row): StoredSecret {
  return {
    attendeeId: row.attendee_id,
    name: row.name,
    arn: row.arn,
    createdAt: row.created_at,
    ...(row.version_id !== null && row.secret_string !== null
      ? { current: { versionId: row.version_id, secretString: row.secret_string, createdAt: row.version_created_at ?? row.created_at } }
      : {}),
  };
}
