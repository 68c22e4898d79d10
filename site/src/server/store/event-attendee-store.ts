import type { DatabaseSync } from 'node:sqlite';

/** An attendee's membership of an event. */
export interface EventMembership {
  readonly attendeeId: string;
  readonly eventId: string;
  readonly displayName: string;
  readonly joinedAt: number;
  /** Personal time on top of the event's end (granted by the instructor). */
  readonly extraMinutes: number;
  /** `waiting`: AWS mode, no sandbox left in the pool yet. */
  readonly sandboxStatus: 'ready' | 'waiting';
  readonly sandboxId: string | null;
  /** The table they sit at ("7", "B3"; table-label.ts), or null when not given. */
  readonly table: string | null;
}

export interface NewMembership {
  readonly attendeeId: string;
  readonly eventId: string;
  readonly nameKey: string;
  readonly resumeHash: string;
  readonly joinedWith: string;
  readonly joinedAt: number;
  readonly sandboxStatus: 'ready' | 'waiting';
  readonly sandboxId: string | null;
  readonly table?: string | null;
}

const SELECT = `SELECT ea.*, a.display_name FROM event_attendees ea JOIN attendees a ON a.id = ea.attendee_id`;

/** Who joined which event, with the hashed resume secret that lets them rejoin elsewhere. */
export class EventAttendeeStore {
  readonly #insert;
  readonly #byAttendee;
  readonly #byName;
  readonly #count;
  readonly #list;
  readonly #extend;
  readonly #setSandbox;
  readonly #setTable;

  constructor(db: DatabaseSync) {
    this.#insert = db.prepare(`
      INSERT INTO event_attendees (attendee_id, event_id, name_key, resume_hash, joined_with, joined_at, sandbox_status, sandbox_id, table_label)
      VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?)`);
    this.#byAttendee = db.prepare(`${SELECT} WHERE ea.attendee_id = ?`);
    this.#byName = db.prepare(`${SELECT} WHERE ea.event_id = ? AND ea.name_key = ?`);
    this.#count = db.prepare('SELECT COUNT(*) AS n FROM event_attendees WHERE event_id = ?');
    this.#list = db.prepare(`${SELECT} WHERE ea.event_id = ? ORDER BY ea.joined_at, ea.attendee_id`);
    this.#extend = db.prepare('UPDATE event_attendees SET extra_minutes = extra_minutes + ? WHERE attendee_id = ?');
    this.#setSandbox = db.prepare('UPDATE event_attendees SET sandbox_status = ?, sandbox_id = ? WHERE attendee_id = ?');
    this.#setTable = db.prepare('UPDATE event_attendees SET table_label = ? WHERE attendee_id = ?');
  }

  add(membership: NewMembership): void {
    const m = membership;
    this.#insert.run(
      m.attendeeId,
      m.eventId,
      m.nameKey,
      m.resumeHash,
      m.joinedWith,
      m.joinedAt,
      m.sandboxStatus,
      m.sandboxId,
      m.table ?? null,
    );
  }

  byAttendee(attendeeId: string): EventMembership | undefined {
    const row = this.#byAttendee.get(attendeeId) as MembershipRow | undefined;
    return row ? toMembership(row) : undefined;
  }

  byName(eventId: string, nameKey: string): EventMembership | undefined {
    const row = this.#byName.get(eventId, nameKey) as MembershipRow | undefined;
    return row ? toMembership(row) : undefined;
  }

  /** The SHA-256 of the attendee's resume secret, to compare a presented secret against. */
  resumeHashOf(attendeeId: string): string | undefined {
    return (this.#byAttendee.get(attendeeId) as MembershipRow | undefined)?.resume_hash;
  }

  count(eventId: string): number {
    return (this.#count.get(eventId) as { n: number }).n;
  }

  list(eventId: string): EventMembership[] {
    return (this.#list.all(eventId) as unknown as MembershipRow[]).map(toMembership);
  }

  extend(attendeeId: string, minutes: number): void {
    this.#extend.run(minutes, attendeeId);
  }

  setSandbox(attendeeId: string, status: 'ready' | 'waiting', sandboxId: string | null): void {
    this.#setSandbox.run(status, sandboxId, attendeeId);
  }

  /** `table` already validated (table-label.ts); null clears it. */
  setTable(attendeeId: string, table: string | null): void {
    this.#setTable.run(table, attendeeId);
  }
}

interface MembershipRow {
  attendee_id: string;
  event_id: string;
  display_name: string;
  resume_hash: string;
  joined_at: number;
  extra_minutes: number;
  sandbox_status: 'ready' | 'waiting';
  sandbox_id: string | null;
  table_label: string | null;
}

function toMembership(row: MembershipRow): EventMembership {
  return {
    attendeeId: row.attendee_id,
    eventId: row.event_id,
    displayName: row.display_name,
    joinedAt: row.joined_at,
    extraMinutes: row.extra_minutes,
    sandboxStatus: row.sandbox_status,
    sandboxId: row.sandbox_id,
    table: row.table_label,
  };
}
