import { writeFileSync } from 'node:fs';
import { backup, DatabaseSync } from 'node:sqlite';

export class BackupError extends Error {}

/**
 * Copies the database at `source` into a new file `target` (never an
 * existing one) with SQLite's online backup, so it is safe while another
 * process writes: the copy is one consistent snapshot, including what is
 * still only in the write-ahead log, and is checked (`quick_check`) before it
 * is reported. The copy holds the original's secrets: it is created 0600.
 */
export async function backupDatabase(source: string, target: string): Promise<void> {
  // Created empty and private first ('wx': never an existing file); SQLite keeps the mode when it writes into it.
  writeFileSync(target, '', { mode: 0o600, flag: 'wx' });
  const db = new DatabaseSync(source, { readOnly: true, timeout: 5000 });
  try {
    // All pages in one step (rate -1): one read transaction, so the copy is a single snapshot, and the
    // writer's transactions meanwhile neither wait for it nor restart it.
    await backup(db, target, { rate: -1 });
  } finally {
    db.close();
  }
  finishCopy(source, target);
}

/**
 * The copy arrives in WAL mode, like its original; a rollback journal makes it one self-contained file
 * (no -wal or -shm beside it) that can be restored by copying it back. Opening it later turns WAL on again.
 */
function finishCopy(source: string, target: string): void {
  const copy = new DatabaseSync(target);
  try {
    copy.exec('PRAGMA journal_mode = DELETE');
    const rows = copy.prepare('PRAGMA quick_check').all() as { quick_check: string }[];
    if (rows.length !== 1 || rows[0]?.quick_check !== 'ok')
      throw new BackupError(
        `The copy of ${source} at ${target} fails SQLite's quick_check; the original was not changed. Run the backup again.`,
      );
  } finally {
    copy.close();
  }
}
