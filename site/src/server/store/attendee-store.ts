import { createHash, randomBytes, randomUUID } from 'node:crypto';
import type { DatabaseSync } from 'node:sqlite';

export interface Attendee {
  readonly id: string;
  readonly displayName: string;
  readonly kind: 'self-paced' | 'event';
}

const SESSION_TTL_MS = 90 * 24 * 60 * 60 * 1000;

/** Attendees and their session cookies. Statements are prepared once. */
export class AttendeeStore {
  readonly #insertAttendee;
  readonly #insertSession;
  readonly #resolve;
  readonly #touch;
  readonly #byId;
  readonly #now: () => number;

  constructor(db: DatabaseSync, now: () => number = Date.now) {
    this.#now = now;
    this.#insertAttendee = db.prepare('INSERT INTO attendees (id, display_name, kind, created_at, last_seen_at) VALUES (?, ?, ?, ?, ?)');
    this.#insertSession = db.prepare('INSERT INTO sessions (token_hash, attendee_id, created_at, expires_at) VALUES (?, ?, ?, ?)');
    this.#resolve = db.prepare(
      'SELECT a.id, a.display_name, a.kind FROM sessions s JOIN attendees a ON a.id = s.attendee_id WHERE s.token_hash = ? AND s.expires_at > ?',
    );
    this.#touch = db.prepare('UPDATE attendees SET last_seen_at = ? WHERE id = ?');
    this.#byId = db.prepare('SELECT id, display_name, kind FROM attendees WHERE id = ?');
  }

  /** A new self-paced attendee and the session token for their cookie. */
  createSelfPaced(): { attendee: Attendee; token: string } {
    const now = this.#now();
    const attendee: Attendee = { id: `att_${randomUUID().replaceAll('-', '')}`, displayName: 'Self-paced learner', kind: 'self-paced' };
    this.#insertAttendee.run(attendee.id, attendee.displayName, attendee.kind, now, now);
    return { attendee, token: this.createSession(attendee.id) };
  }

  /** A new attendee of an event (no session yet: the join service issues it). */
  createEventAttendee(displayName: string): Attendee {
    const now = this.#now();
    const attendee: Attendee = { id: `att_${randomUUID().replaceAll('-', '')}`, displayName, kind: 'event' };
    this.#insertAttendee.run(attendee.id, attendee.displayName, attendee.kind, now, now);
    return attendee;
  }

  /** Issues a session token for an attendee; only its hash is stored. */
  createSession(attendeeId: string): string {
    const token = randomBytes(32).toString('base64url');
    const now = this.#now();
    this.#insertSession.run(hashToken(token), attendeeId, now, now + SESSION_TTL_MS);
    return token;
  }

  /** The attendee behind a session token, if the session is valid. */
  resolveSession(token: string): Attendee | undefined {
    if (!/^[A-Za-z0-9_-]{43}$/.test(token)) return undefined;
    const row = this.#resolve.get(hashToken(token), this.#now()) as AttendeeRow | undefined;
    if (!row) return undefined;
    this.#touch.run(this.#now(), row.id);
    return toAttendee(row);
  }

  byId(id: string): Attendee | undefined {
    const row = this.#byId.get(id) as AttendeeRow | undefined;
    return row ? toAttendee(row) : undefined;
  }
}

interface AttendeeRow {
  id: string;
  display_name: string;
  kind: 'self-paced' | 'event';
}

function toAttendee(row: AttendeeRow): Attendee {
  return { id: row.id, displayName: row.display_name, kind: row.kind };
}

function hashToken(token: string): string {
  return createHash('sha256').update(token).digest('hex');
}
