import type { DatabaseSync } from 'node:sqlite';

interface PendingWrite {
  readonly write: () => void;
  readonly resolve: () => void;
  readonly reject: (error: unknown) => void;
}

/**
 * Group commit for hot-path writes (evidence, issued tokens). Each SQLite
 * commit costs far more than the insert itself, and at token-endpoint rates
 * two autocommits per request were a fifth of the server's CPU. Writes queued
 * in the same event-loop turn share one transaction, committed on
 * `setImmediate`; callers await the commit before answering, so a client
 * never sees a response whose evidence is not yet in the file.
 */
export class WriteBatch {
  readonly #db: DatabaseSync;
  #pending: PendingWrite[] = [];
  #scheduled = false;

  constructor(db: DatabaseSync) {
    this.#db = db;
  }

  /** Queues a write; resolves once it is committed. */
  run(write: () => void): Promise<void> {
    return new Promise((resolve, reject) => {
      this.#pending.push({ write, resolve, reject });
      if (!this.#scheduled) {
        this.#scheduled = true;
        setImmediate(() => this.flush());
      }
    });
  }

  /** Commits everything queued now (readers call this first to see their own writes). */
  flush(): void {
    this.#scheduled = false;
    const batch = this.#pending;
    if (batch.length === 0) return;
    this.#pending = [];
    const outcomes: unknown[] = [];
    try {
      this.#db.exec('BEGIN IMMEDIATE');
      // A failing statement is rolled back alone; the rest of the batch commits.
      for (const entry of batch) {
        try {
          entry.write();
          outcomes.push(undefined);
        } catch (error) {
          outcomes.push(error ?? new Error('write failed'));
        }
      }
      this.#db.exec('COMMIT');
    } catch (error) {
      if (this.#db.isTransaction) this.#db.exec('ROLLBACK');
      for (const entry of batch) entry.reject(error);
      return;
    }
    batch.forEach((entry, index) => {
      const failure = outcomes[index];
      if (failure === undefined) entry.resolve();
      else entry.reject(failure);
    });
  }
}
