import type { DatabaseSync } from 'node:sqlite';

/**
 * Runs `work` in one IMMEDIATE transaction (node:sqlite has no helper for
 * it): the write lock is taken up front, so a read-then-write rule (capacity,
 * single-use codes, "create unless there") holds even when another process
 * (the instructor CLI, a second start) writes to the same file.
 */
export function transaction<T>(db: DatabaseSync, work: () => T): T {
  db.exec('BEGIN IMMEDIATE');
  try {
    const result = work();
    db.exec('COMMIT');
    return result;
  } catch (error) {
    db.exec('ROLLBACK');
    throw error;
  }
}
