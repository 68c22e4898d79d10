import type { DatabaseSync } from 'node:sqlite';

/** What instructors did, for the record: unlocks and resets change what an attendee's results mean. */
export class ActionLog {
  readonly #insert;

  constructor(db: DatabaseSync) {
    this.#insert = db.prepare(
      'INSERT INTO instructor_actions (instructor_id, event_id, attendee_id, action, detail, at) VALUES (?, ?, ?, ?, ?, ?)',
    );
  }

  record(entry: { instructorId: string; eventId: string | null; attendeeId?: string; action: string; detail?: unknown }, at: number): void {
    this.#insert.run(entry.instructorId, entry.eventId, entry.attendeeId ?? null, entry.action, JSON.stringify(entry.detail ?? {}), at);
  }
}
