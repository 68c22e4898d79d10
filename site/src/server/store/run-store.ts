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

  constructor(db: DatabaseSync) {
    this.#insert = db.prepare(
      'INSERT INTO runs (attendee_id, lab_id, exit_code, timed_out, duration_ms, stdout, stderr, started_at) VALUES (?, ?, ?, ?, ?, ?, ?, ?)',
    );
    this.#latest = db.prepare('SELECT * FROM runs WHERE attendee_id = ? AND lab_id = ? ORDER BY id DESC LIMIT 1');
  }

  record(attendeeId: string, labId: string, run: StoredRun): void {
    this.#insert.run(attendeeId, labId, run.exitCode, run.timedOut ? 1 : 0, Math.round(run.durationMs), run.stdout, run.stderr, run.startedAt);
  }

  latest(attendeeId: string, labId: string): StoredRun | undefined {
    const row = this.#latest.get(attendeeId, labId) as
      | { exit_code: number | null; timed_out: number; duration_ms: number; stdout: string; stderr: string; started_at: number }
      | undefined;
    if (!row) return undefined;
    return { exitCode: row.exit_code, timedOut: row.timed_out === 1, durationMs: row.duration_ms, stdout: row.stdout, stderr: row.stderr, startedAt: row.started_at };
  }
}
