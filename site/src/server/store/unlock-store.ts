import type { DatabaseSync } from 'node:sqlite';

/** "Solve up to step N": an instructor's decision, stored apart from check results. */
export interface Unlock {
  readonly attendeeId: string;
  readonly labId: string;
  readonly upToStep: number;
  readonly unlockedAt: number;
}

export class UnlockStore {
  readonly #upsert;
  readonly #forAttendee;
  readonly #forEvent;

  constructor(db: DatabaseSync) {
    this.#upsert = db.prepare(`
      INSERT INTO instructor_unlocks (attendee_id, lab_id, up_to_step, unlocked_by, unlocked_at) VALUES (?, ?, ?, ?, ?)
      ON CONFLICT (attendee_id, lab_id) DO UPDATE SET
        up_to_step = excluded.up_to_step, unlocked_by = excluded.unlocked_by, unlocked_at = excluded.unlocked_at`);
    this.#forAttendee = db.prepare('SELECT * FROM instructor_unlocks WHERE attendee_id = ?');
    this.#forEvent = db.prepare(`
      SELECT u.* FROM instructor_unlocks u JOIN event_attendees ea ON ea.attendee_id = u.attendee_id WHERE ea.event_id = ?`);
  }

  set(attendeeId: string, labId: string, upToStep: number, instructorId: string, at: number): void {
    this.#upsert.run(attendeeId, labId, upToStep, instructorId, at);
  }

  forAttendee(attendeeId: string): Unlock[] {
    return (this.#forAttendee.all(attendeeId) as unknown as UnlockRow[]).map(toUnlock);
  }

  forEvent(eventId: string): Unlock[] {
    return (this.#forEvent.all(eventId) as unknown as UnlockRow[]).map(toUnlock);
  }
}

interface UnlockRow {
  attendee_id: string;
  lab_id: string;
  up_to_step: number;
  unlocked_at: number;
}

function toUnlock(row: UnlockRow): Unlock {
  return { attendeeId: row.attendee_id, labId: row.lab_id, upToStep: row.up_to_step, unlockedAt: row.unlocked_at };
}
