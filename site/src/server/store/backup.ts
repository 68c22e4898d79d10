import { existsSync, mkdirSync, statSync, writeFileSync } from 'node:fs';
import { dirname, join, resolve } from 'node:path';
import { backup, DatabaseSync } from 'node:sqlite';
import { assertUsableDatabaseFile, SANDBOX_DATABASE, type DatabaseFileRole } from '@keyless/local-sandbox/database-file';
import { SITE_DATABASE } from './database.ts';

/** The databases of a data directory; run directories and caches are rebuilt on demand and not backed up. */
export const DATA_FILES: readonly { readonly file: string; readonly role: DatabaseFileRole }[] = [
  { file: 'keyless.db', role: SITE_DATABASE },
  { file: 'sandbox.db', role: SANDBOX_DATABASE },
];

export interface BackupResult {
  /** The new folder holding the copies. */
  readonly dir: string;
  readonly files: readonly { readonly file: string; readonly path: string; readonly bytes: number }[];
}

export class BackupError extends Error {}

/**
 * Copies every database of `dataDir` into a new folder
 * `keyless-backup-<UTC time>` under `parentDir` (default: the data
 * directory's parent), with SQLite's online backup, so it is safe while the
 * server runs: each copy is one consistent snapshot, including what is still
 * only in the write-ahead log. Each copy is checked (`quick_check`) before
 * the folder is reported. Never overwrites: an existing folder is an error.
 * The copies hold the same secrets as the originals: folder 0700, files 0600.
 */
export async function backupDataDir(options: { dataDir: string; parentDir?: string; now?: () => number }): Promise<BackupResult> {
  const dataDir = resolve(options.dataDir);
  const sources = DATA_FILES.map(({ file, role }) => ({ file, role, path: join(dataDir, file) }));
  const missing = sources.filter((source) => !existsSync(source.path));
  if (missing.length > 0) {
    throw new BackupError(`Nothing to back up: ${missing.map((source) => source.path).join(' and ')} not found. Is the data directory right (KEYLESS_DATA_DIR, or --data-dir)? It is made by the first \`npm start\`.`);
  }
  // A damaged original is reported as such, not copied into a "backup" that restores the damage.
  for (const source of sources) assertUsableDatabaseFile(source.path, source.role);

  const stamp = new Date((options.now ?? Date.now)()).toISOString().slice(0, 19).replaceAll(':', '-');
  const dir = join(resolve(options.parentDir ?? dirname(dataDir)), `keyless-backup-${stamp}Z`);
  mkdirSync(dirname(dir), { recursive: true, mode: 0o700 });
  try {
    mkdirSync(dir, { mode: 0o700 });
  } catch (error) {
    if ((error as NodeJS.ErrnoException).code === 'EEXIST') throw new BackupError(`${dir} already exists; backups never overwrite. Wait a second and run it again.`);
    throw error;
  }

  const files = [];
  for (const source of sources) {
    const path = join(dir, source.file);
    // Created empty and private first ('wx': never an existing file); SQLite keeps the mode when it writes into it.
    writeFileSync(path, '', { mode: 0o600, flag: 'wx' });
    const db = new DatabaseSync(source.path, { readOnly: true, timeout: 5000 });
    try {
      // All pages in one step (rate -1): one read transaction, so the copy is a single snapshot, and the
      // server's writes meanwhile neither wait for it nor restart it.
      await backup(db, path, { rate: -1 });
    } finally {
      db.close();
    }
    finishCopy(path, source.file);
    files.push({ file: source.file, path, bytes: statSync(path).size });
  }
  return { dir, files };
}

/**
 * The copy arrives in WAL mode, like its original; a rollback journal makes it one self-contained file
 * (no -wal or -shm beside it) that can be restored by copying it back. Opening it later turns WAL on again.
 */
function finishCopy(path: string, file: string): void {
  const copy = new DatabaseSync(path);
  try {
    copy.exec('PRAGMA journal_mode = DELETE');
    const rows = copy.prepare('PRAGMA quick_check').all() as { quick_check: string }[];
    if (rows.length !== 1 || rows[0]?.quick_check !== 'ok') throw new BackupError(`The copy of ${file} at ${path} fails SQLite's quick_check; the original was not changed. Run the backup again.`);
  } finally {
    copy.close();
  }
}
