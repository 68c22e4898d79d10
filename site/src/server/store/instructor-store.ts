import { createHash, randomBytes, randomUUID } from 'node:crypto';
import type { DatabaseSync } from 'node:sqlite';

export interface Instructor {
  readonly id: string;
  readonly username: string;
}

const SESSION_TTL_MS = 12 * 60 * 60 * 1000;

/**
 * Instructor accounts, their sessions and one-time login links. Like
 * attendee sessions, tokens are random 256-bit values stored only as SHA-256.
 */
export class InstructorStore {
  readonly #insert;
  readonly #byUsername;
  readonly #insertSession;
  readonly #resolve;
  readonly #deleteSession;
  readonly #insertLink;
  readonly #redeemLink;
  readonly #now: () => number;
  /** The database these accounts live in; sign-in rate limits are kept beside them. */
  readonly db: DatabaseSync;

  constructor(db: DatabaseSync, now: () => number = Date.now) {
    this.db = db;
    this.#now = now;
    this.#insert = db.prepare('INSERT INTO instructors (id, username, password_hash, created_at) VALUES (?, ?, ?, ?)');
    this.#byUsername = db.prepare('SELECT id, username, password_hash FROM instructors WHERE username = ?');
    this.#insertSession = db.prepare(
      'INSERT INTO instructor_sessions (token_hash, instructor_id, created_at, expires_at) VALUES (?, ?, ?, ?)',
    );
    this.#resolve = db.prepare(`
      SELECT i.id, i.username FROM instructor_sessions s JOIN instructors i ON i.id = s.instructor_id
      WHERE s.token_hash = ? AND s.expires_at > ?`);
    this.#deleteSession = db.prepare('DELETE FROM instructor_sessions WHERE token_hash = ?');
    this.#insertLink = db.prepare(
      'INSERT INTO instructor_login_links (token_hash, instructor_id, created_at, expires_at) VALUES (?, ?, ?, ?)',
    );
    // One statement marks the link used and returns its owner: a link cannot be redeemed twice, even by two racing requests.
    this.#redeemLink = db.prepare(`
      UPDATE instructor_login_links SET used_at = ? WHERE token_hash = ? AND used_at IS NULL AND expires_at > ?
      RETURNING instructor_id`);
  }

  /** `passwordHash` null: the account signs in only with one-time login links. */
  create(username: string, passwordHash: string | null): Instructor {
    const instructor = { id: `ins_${randomUUID().replaceAll('-', '')}`, username };
    this.#insert.run(instructor.id, username, passwordHash, this.#now());
    return instructor;
  }

  byUsername(username: string): (Instructor & { passwordHash: string | null }) | undefined {
    const row = this.#byUsername.get(username) as { id: string; username: string; password_hash: string | null } | undefined;
    return row ? { id: row.id, username: row.username, passwordHash: row.password_hash } : undefined;
  }

  createSession(instructorId: string): string {
    const token = newToken();
    const now = this.#now();
    this.#insertSession.run(hashToken(token), instructorId, now, now + SESSION_TTL_MS);
    return token;
  }

  resolveSession(token: string): Instructor | undefined {
    if (!isToken(token)) return undefined;
    return this.#resolve.get(hashToken(token), this.#now()) as Instructor | undefined;
  }

  deleteSession(token: string): void {
    if (isToken(token)) this.#deleteSession.run(hashToken(token));
  }

  createLoginLink(instructorId: string, ttlMs: number): string {
    const token = newToken();
    const now = this.#now();
    this.#insertLink.run(hashToken(token), instructorId, now, now + ttlMs);
    return token;
  }

  /** The instructor a login link belongs to, spending it; undefined if unknown, used or expired. */
  redeemLoginLink(token: string): string | undefined {
    if (!isToken(token)) return undefined;
    const now = this.#now();
    const row = this.#redeemLink.get(now, hashToken(token), now) as { instructor_id: string } | undefined;
    return row?.instructor_id;
  }
}

function newToken(): string {
  return randomBytes(32).toString('base64url');
}

function isToken(token: string): boolean {
  return /^[A-Za-z0-9_-]{43}$/.test(token);
}

export function hashToken(token: string): string {
  return createHash('sha256').update(token).digest('hex');
}
