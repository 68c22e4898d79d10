import type { DatabaseSync, StatementSync } from 'node:sqlite';
import type { Evidence, EvidenceKind, EvidenceOf, EvidenceQuery } from '@keyless/labs/sandbox';
import { currentCaller, type RunCaller } from '../channels/caller.ts';
import type { WriteBatch } from '../sqlite/index.ts';

type DistributiveOmit<T, K extends PropertyKey> = T extends unknown ? Omit<T, K> : never;

/** An event as a service reports it; the store adds `id`, `at` and `attendeeId`. */
export type NewEvidence = DistributiveOmit<Evidence, 'id' | 'at' | 'attendeeId' | 'labId' | 'runId'>;

/** The attendee's Run in progress, for evidence that arrives without a channel (permission-only runs). */
export type ActiveRunOf = (attendeeId: string) => RunCaller | undefined;

interface EvidenceRow {
  id: number;
  attendee_id: string;
  kind: string;
  at: number;
  outcome: string;
  error: string | null;
  detail: string;
  lab_id: string | null;
  run_id: string | null;
}

const DEFAULT_LIMIT = 100;
const MAX_LIMIT = 10_000;

/**
 * Every service's evidence, one SQLite table for all attendees. The columns
 * queries filter on are real columns; the kind-specific rest is JSON, so a new
 * evidence kind needs no migration.
 */
export class EvidenceStore {
  readonly #now: () => number;
  readonly #batch: WriteBatch;
  readonly #insert: StatementSync;
  readonly #select: StatementSync;
  readonly #delete: StatementSync;

  #activeRunOf: ActiveRunOf = () => undefined;

  constructor(db: DatabaseSync, now: () => number, batch: WriteBatch) {
    this.#now = now;
    this.#batch = batch;
    this.#insert = db.prepare(
      'INSERT INTO evidence (attendee_id, kind, at, outcome, error, detail, lab_id, run_id) VALUES (?, ?, ?, ?, ?, ?, ?, ?)',
    );
    // `?5 IS NULL` means "any lab"; evidence from outside any Run counts for every lab.
    this.#select = db.prepare(
      `SELECT id, attendee_id, kind, at, outcome, error, detail, lab_id, run_id FROM evidence
        WHERE attendee_id = ?1 AND kind = ?2 AND at >= ?3 AND (?5 IS NULL OR lab_id IS NULL OR lab_id = ?5) AND (?6 IS NULL OR run_id = ?6)
        ORDER BY id DESC LIMIT ?4`,
    );
    this.#delete = db.prepare('DELETE FROM evidence WHERE attendee_id = ?');
  }

  /**
   * Records one event for an attendee, timestamped now; resolves once it is
   * committed. Services await it before answering the request it describes.
   */
  record(attendeeId: string, event: NewEvidence): Promise<void> {
    const caller = currentCaller();
    // Last line of defence: a Run writes evidence into its own attendee's
    // sandbox only, whatever ids its requests named.
    if (caller !== undefined && caller.attendeeId !== attendeeId) return Promise.resolve();
    const run = caller ?? this.#activeRunOf(attendeeId);
    const { kind, outcome, error, ...detail } = event;
    const at = this.#now();
    const json = JSON.stringify(detail);
    return this.#batch.run(() =>
      this.#insert.run(attendeeId, kind, at, outcome, error ?? null, json, run?.labId ?? null, run?.runId ?? null),
    );
  }

  /**
   * Where evidence without a channel gets its lab and Run: permission-only
   * runs reach the host's loopback port directly, and each attendee has at
   * most one Run in progress (the run queue's rule), so that Run is theirs.
   */
  attributeUnchanneledTo(activeRunOf: ActiveRunOf): void {
    this.#activeRunOf = activeRunOf;
  }

  /** Newest first, scoped to one attendee. */
  query<K extends EvidenceKind>(attendeeId: string, query: EvidenceQuery<K>): EvidenceOf<K>[] {
    this.#batch.flush();
    const limit = Math.min(Math.max(Math.trunc(query.limit ?? DEFAULT_LIMIT), 0), MAX_LIMIT);
    const rows = this.#select.all(
      attendeeId,
      query.kind,
      query.since ?? 0,
      limit,
      query.labId ?? null,
      query.runId ?? null,
    ) as unknown as EvidenceRow[];
    return rows.map((row) => toEvidence(row) as EvidenceOf<K>);
  }

  deleteFor(attendeeId: string): void {
    this.#batch.flush();
    this.#delete.run(attendeeId);
  }
}

function toEvidence(row: EvidenceRow): Evidence {
  const detail = JSON.parse(row.detail) as Record<string, unknown>;
  return {
    ...detail,
    id: row.id,
    at: row.at,
    attendeeId: row.attendee_id,
    kind: row.kind,
    outcome: row.outcome,
    ...(row.error === null ? {} : { error: row.error }),
    ...(row.lab_id === null ? {} : { labId: row.lab_id }),
    ...(row.run_id === null ? {} : { runId: row.run_id }),
  } as Evidence;
}
