import type { DatabaseSync, StatementSync } from 'node:sqlite';

/** Temporary credentials, the shape the SDK's credential providers return (expiry in epoch ms). */
export interface TemporaryCredentials {
  readonly accessKeyId: string;
  readonly secretAccessKey: string;
  readonly sessionToken: string;
  /** Epoch ms. */
  readonly expiresAt: number;
}

/** Who issued a session: tells evidence and GetCallerIdentity nothing, but makes the table readable. */
export type SessionIssuer = 'imds' | 'AssumeRole' | 'AssumeRoleWithWebIdentity' | 'rolesanywhere';

/** One role session: its credentials and everything policy evaluation needs about it. */
export interface RoleSession extends TemporaryCredentials {
  readonly attendeeId: string;
  readonly roleName: string;
  readonly sessionName: string;
  readonly sourceIdentity: string | undefined;
  /** Session tags, i.e. the principal's tags (`aws:PrincipalTag/<key>`). */
  readonly tags: Readonly<Record<string, string>>;
  /** Inline session policy (JSON) passed when the session was created. */
  readonly sessionPolicy: string | undefined;
  readonly issuedBy: SessionIssuer;
  readonly createdAt: number;
}

interface SessionRow {
  access_key_id: string;
  attendee_id: string;
  role_name: string;
  session_name: string;
  secret_access_key: string;
  session_token: string;
  source_identity: string | null;
  tags: string;
  session_policy: string | null;
  issued_by: string;
  expires_at: number;
  created_at: number;
}

const COLUMNS =
  'access_key_id, attendee_id, role_name, session_name, secret_access_key, session_token, source_identity, tags, session_policy, issued_by, expires_at, created_at';

/** Expired sessions are kept this long so a late request gets "expired", not "unknown key". */
const KEEP_EXPIRED_MS = 24 * 60 * 60 * 1000;

/** Role sessions in SQLite, looked up by access key id on every signed request. */
export class SessionStore {
  readonly #insert: StatementSync;
  readonly #byKey: StatementSync;
  readonly #newest: StatementSync;
  readonly #prune: StatementSync;

  constructor(db: DatabaseSync) {
    this.#insert = db.prepare(`INSERT INTO role_sessions (${COLUMNS}) VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)`);
    this.#byKey = db.prepare(`SELECT ${COLUMNS} FROM role_sessions WHERE access_key_id = ?`);
    this.#newest = db.prepare(
      `SELECT ${COLUMNS} FROM role_sessions WHERE attendee_id = ? AND role_name = ? AND session_name = ? ORDER BY expires_at DESC LIMIT 1`,
    );
    this.#prune = db.prepare('DELETE FROM role_sessions WHERE attendee_id = ? AND expires_at < ?');
  }

  insert(session: RoleSession): void {
    this.#prune.run(session.attendeeId, session.createdAt - KEEP_EXPIRED_MS);
    this.#insert.run(
      session.accessKeyId,
      session.attendeeId,
      session.roleName,
      session.sessionName,
      session.secretAccessKey,
      session.sessionToken,
      session.sourceIdentity ?? null,
      JSON.stringify(session.tags),
      session.sessionPolicy ?? null,
      session.issuedBy,
      session.expiresAt,
      session.createdAt,
    );
  }

  lookup(accessKeyId: string): RoleSession | undefined {
    const row = this.#byKey.get(accessKeyId) as SessionRow | undefined;
    return row ? fromRow(row) : undefined;
  }

  /** The newest session of a role with a given session name (the instance's IMDS credentials). */
  newest(attendeeId: string, roleName: string, sessionName: string): RoleSession | undefined {
    const row = this.#newest.get(attendeeId, roleName, sessionName) as SessionRow | undefined;
    return row ? fromRow(row) : undefined;
  }
}

function fromRow(row: SessionRow): RoleSession {
  return {
    accessKeyId: row.access_key_id,
    secretAccessKey: row.secret_access_key,
    sessionToken: row.session_token,
    expiresAt: row.expires_at,
    attendeeId: row.attendee_id,
    roleName: row.role_name,
    sessionName: row.session_name,
    sourceIdentity: row.source_identity ?? undefined,
    tags: JSON.parse(row.tags) as Record<string, string>,
    sessionPolicy: row.session_policy ?? undefined,
    issuedBy: row.issued_by as SessionIssuer,
    createdAt: row.created_at,
  };
}
