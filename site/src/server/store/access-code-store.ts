import type { DatabaseSync } from 'node:sqlite';

/** `event`: the shared code on the table cards. `named`: single use, for one named attendee. */
export type AccessCodeKind = 'event' | 'named';

export interface AccessCode {
  /** Canonical form (no separators). */
  readonly code: string;
  readonly eventId: string;
  readonly kind: AccessCodeKind;
  /** The attendee a named code is for. */
  readonly label: string | null;
  readonly status: 'active' | 'revoked' | 'used';
  readonly createdAt: number;
  readonly usedBy: string | null;
}

/** Access codes of events; rotated and revoked codes are kept to explain why they no longer work. */
export class AccessCodeStore {
  readonly #insert;
  readonly #find;
  readonly #forEvent;
  readonly #revoke;
  readonly #use;

  constructor(db: DatabaseSync) {
    this.#insert = db.prepare(
      "INSERT INTO access_codes (code, event_id, kind, label, status, created_at) VALUES (?, ?, ?, ?, 'active', ?)",
    );
    this.#find = db.prepare('SELECT * FROM access_codes WHERE code = ?');
    this.#forEvent = db.prepare('SELECT * FROM access_codes WHERE event_id = ? ORDER BY created_at, rowid');
    this.#revoke = db.prepare("UPDATE access_codes SET status = 'revoked', revoked_at = ? WHERE code = ? AND status = 'active'");
    this.#use = db.prepare("UPDATE access_codes SET status = 'used', used_by = ?, used_at = ? WHERE code = ? AND status = 'active'");
  }

  add(code: string, eventId: string, kind: AccessCodeKind, label: string | null, at: number): AccessCode {
    this.#insert.run(code, eventId, kind, label, at);
    return { code, eventId, kind, label, status: 'active', createdAt: at, usedBy: null };
  }

  find(code: string): AccessCode | undefined {
    const row = this.#find.get(code) as CodeRow | undefined;
    return row ? toCode(row) : undefined;
  }

  forEvent(eventId: string): AccessCode[] {
    return (this.#forEvent.all(eventId) as unknown as CodeRow[]).map(toCode);
  }

  /** The event's current shared code, if it has one. */
  activeEventCode(eventId: string): AccessCode | undefined {
    return this.forEvent(eventId).find((code) => code.kind === 'event' && code.status === 'active');
  }

  /** True if the code was active and is now revoked. */
  revoke(code: string, at: number): boolean {
    return this.#revoke.run(at, code).changes === 1;
  }

  /** Spends a single-use code; false if someone else spent it first. */
  markUsed(code: string, attendeeId: string, at: number): boolean {
    return this.#use.run(attendeeId, at, code).changes === 1;
  }
}

interface CodeRow {
  code: string;
  event_id: string;
  kind: AccessCodeKind;
  label: string | null;
  status: AccessCode['status'];
  created_at: number;
  used_by: string | null;
}

function toCode(row: CodeRow): AccessCode {
  return {
    code: row.code,
    eventId: row.event_id,
    kind: row.kind,
    label: row.label,
    status: row.status,
    createdAt: row.created_at,
    usedBy: row.used_by,
  };
}
