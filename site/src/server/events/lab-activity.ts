import type { DatabaseSync } from 'node:sqlite';

/** What an attendee did in one lab, as far as Runs and saved code tell (Checks come with their results). */
export interface LabActivity {
  readonly firstRunAt: number | undefined;
  readonly lastRunAt: number | undefined;
  readonly savedAt: number | undefined;
}

/** attendee id → lab id → activity. */
export type ActivityByAttendee = Map<string, Map<string, LabActivity>>;

interface ActivityRow {
  attendee_id: string;
  lab_id: string;
  first_run: number | null;
  last_run: number | null;
  saved: number | null;
}

/**
 * Reads when each attendee of an event ran code or saved it, per lab, in one
 * query (the room view needs it for 150 rows every snapshot). Read-only over
 * the `runs` and `workspaces` tables the site's stores write.
 */
export class LabActivityReader {
  readonly #forEvent;
  readonly #forAttendee;

  constructor(db: DatabaseSync) {
    const select = (where: string): string => `
      SELECT attendee_id, lab_id, MIN(first_run) AS first_run, MAX(last_run) AS last_run, MAX(saved) AS saved FROM (
        SELECT r.attendee_id, r.lab_id, MIN(r.started_at) AS first_run, MAX(r.started_at) AS last_run, NULL AS saved
          FROM runs r ${where} GROUP BY r.attendee_id, r.lab_id
        UNION ALL
        SELECT r.attendee_id, r.lab_id, NULL, NULL, r.updated_at FROM workspaces r ${where}
      ) GROUP BY attendee_id, lab_id`;
    this.#forEvent = db.prepare(select('JOIN event_attendees ea ON ea.attendee_id = r.attendee_id WHERE ea.event_id = :key'));
    this.#forAttendee = db.prepare(select('WHERE r.attendee_id = :key'));
  }

  forEvent(eventId: string): ActivityByAttendee {
    return group(this.#forEvent.all({ key: eventId }) as unknown as ActivityRow[]);
  }

  forAttendee(attendeeId: string): Map<string, LabActivity> {
    return group(this.#forAttendee.all({ key: attendeeId }) as unknown as ActivityRow[]).get(attendeeId) ?? new Map<string, LabActivity>();
  }
}

function group(rows: readonly ActivityRow[]): ActivityByAttendee {
  const byAttendee: ActivityByAttendee = new Map();
  for (const row of rows) {
    let labs = byAttendee.get(row.attendee_id);
    if (!labs) byAttendee.set(row.attendee_id, (labs = new Map<string, LabActivity>()));
    labs.set(row.lab_id, { firstRunAt: row.first_run ?? undefined, lastRunAt: row.last_run ?? undefined, savedAt: row.saved ?? undefined });
  }
  return byAttendee;
}
