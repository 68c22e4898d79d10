import type { DatabaseSync } from 'node:sqlite';
import type { CheckStatus } from '@keyless/labs';
import { transaction } from './database.ts';

export interface StoredCheckResult {
  readonly labId: string;
  readonly checkId: string;
  readonly status: CheckStatus;
  readonly messageKey: string;
  readonly explanation: string;
  readonly checkedAt: number;
  /** When the check first passed; kept even if a later check fails. */
  readonly firstPassedAt: number | null;
  /** Fails in a row since the last pass (stuck detection). */
  readonly consecutiveFailures: number;
}

export interface CheckResultInput {
  readonly checkId: string;
  readonly status: CheckStatus;
  readonly messageKey: string;
  readonly explanation: string;
}

/** The latest result of every check, per attendee and lab. */
export class ProgressStore {
  readonly #db: DatabaseSync;
  readonly #upsert;
  readonly #forLab;
  readonly #forAttendee;
  readonly #forEvent;

  constructor(db: DatabaseSync) {
    this.#db = db;
    this.#upsert = db.prepare(`
      INSERT INTO check_results (attendee_id, lab_id, check_id, status, message_key, explanation, checked_at, first_passed_at, consecutive_failures)
      VALUES (:attendee, :lab, :check, :status, :key, :explanation, :at, CASE WHEN :status = 'pass' THEN :at END, CASE WHEN :status = 'fail' THEN 1 ELSE 0 END)
      ON CONFLICT (attendee_id, lab_id, check_id) DO UPDATE SET
        status = excluded.status, message_key = excluded.message_key, explanation = excluded.explanation,
        checked_at = excluded.checked_at,
        first_passed_at = COALESCE(check_results.first_passed_at, excluded.first_passed_at),
        consecutive_failures = CASE WHEN excluded.status = 'fail' THEN check_results.consecutive_failures + 1 ELSE 0 END`);
    this.#forLab = db.prepare('SELECT * FROM check_results WHERE attendee_id = ? AND lab_id = ?');
    this.#forAttendee = db.prepare('SELECT * FROM check_results WHERE attendee_id = ?');
    this.#forEvent = db.prepare(
      'SELECT cr.* FROM check_results cr JOIN event_attendees ea ON ea.attendee_id = cr.attendee_id WHERE ea.event_id = ?',
    );
  }

  /** Records a batch of results atomically: a crash leaves all or none. */
  record(attendeeId: string, labId: string, results: readonly CheckResultInput[], at: number): void {
    transaction(this.#db, () => {
      for (const result of results) {
        this.#upsert.run({
          attendee: attendeeId,
          lab: labId,
          check: result.checkId,
          status: result.status,
          key: result.messageKey,
          explanation: result.explanation,
          at,
        });
      }
    });
  }

  forLab(attendeeId: string, labId: string): StoredCheckResult[] {
    return (this.#forLab.all(attendeeId, labId) as unknown as CheckResultRow[]).map(toResult);
  }

  forAttendee(attendeeId: string): StoredCheckResult[] {
    return (this.#forAttendee.all(attendeeId) as unknown as CheckResultRow[]).map(toResult);
  }

  /** Every result of every attendee of an event, in one query (the dashboard grid). */
  forEvent(eventId: string): (StoredCheckResult & { attendeeId: string })[] {
    return (this.#forEvent.all(eventId) as unknown as (CheckResultRow & { attendee_id: string })[]).map((row) => ({
      ...toResult(row),
      attendeeId: row.attendee_id,
    }));
  }
}

interface CheckResultRow {
  lab_id: string;
  check_id: string;
  status: StoredCheckResult['status'];
  message_key: string;
  explanation: string;
  checked_at: number;
  first_passed_at: number | null;
  consecutive_failures: number;
}

function toResult(row: CheckResultRow): StoredCheckResult {
  return {
    labId: row.lab_id,
    checkId: row.check_id,
    status: row.status,
    messageKey: row.message_key,
    explanation: row.explanation,
    checkedAt: row.checked_at,
    firstPassedAt: row.first_passed_at,
    consecutiveFailures: row.consecutive_failures,
  };
}
