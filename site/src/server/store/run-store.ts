import type { DatabaseSync } from 'node:sqlite';

export interface StoredRun {
  readonly exitCode: number | null;
  readonly timedOut: boolean;
  readonly durationMs: number;
  readonly stdout: string;
  readonly stderr: string;
  readonly startedAt: number;
}

/** Every Run's result, so the attendee (and later the instructor) can see the last output. */
export class RunStore {
  readonly #insert;
  readonly #latest;
  readonly #lastRunTimes;
  readonly #lastRunTime;

  constructor(db: DatabaseSync) {
    this.#insert = db.prepare(
      'INSERT INTO runs (attendee_id, lab_id, exit_code, timed_out, duration_ms, stdout, stderr, started_at) VALUES (?, ?, ?, ?, ?, ?, ?, ?)',
    );
    this.#latest = db.prepare('SELECT * FROM runs WHERE attendee_id = ? AND lab_id = ? ORDER BY id DESC LIMIT 1');
    this.#lastRunTimes = db.prepare(`
      SELECT r.attendee_id, MAX(r.started_at) AS at FROM runs r JOIN event_attendees ea ON ea.attendee_id = r.attendee_id
      WHERE ea.event_id = ? GROUP BY r.attendee_id`);
    this.#lastRunTime = db.prepare('SELECT attendee_id, MAX(started_at) AS at FROM runs WHERE attendee_id = ? GROUP BY attendee_id');
  }

  /** When each attendee of an event last pressed Run (one attendee's, if given). */
  lastRunTimes(eventId: string, attendeeId?: string): Map<string, number> {
    const rows = (attendeeId === undefined ? this.#lastRunTimes.all(eventId) : this.#lastRunTime.all(attendeeId)) as unknown as {
      attendee_id: string;
      at: number;
    }[];
    return new Map(rows.map((row) => [row.attendee_id, row.at]));
  }

  record(attendeeId: string, labId: string, run: StoredRun): void {
    this.#insert.run(
      attendeeId,
      labId,
      run.exitCode,
      run.timedOut ? 1 : 0,
      Math.round(run.durationMs),
      run.stdout,
      run.stderr,
      run.startedAt,
    );
  }

  latest(attendeeId: string, labId: string): StoredRun | undefined {
    const row = this.#latest.get(attendeeId, labId) as
      { exit_code: number | null; timed_out: number; duration_ms: number; stdout: string; stderr: string; started_at: number } | undefined;
    if (!row) return undefined;
    return {
      exitCode: row.exit_code,
      timedOut: row.timed_out === 1,
      durationMs: row.duration_ms,
      stdout: row.stdout,
      stderr: row.stderr,
      startedAt: row.started_at,
    };
  }
}
