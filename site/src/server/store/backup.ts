import { existsSync, mkdirSync, statSync } from 'node:fs';
import { dirname, join, resolve } from 'node:path';
import { SANDBOX_DATABASE } from '@keyless/local-sandbox/database';
import { assertUsableDatabaseFile, backupDatabase, BackupError, type DatabaseFileRole } from '@keyless/local-sandbox/sqlite';
import { SITE_DATABASE } from './database.ts';

export { BackupError } from '@keyless/local-sandbox/sqlite';

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
    throw new BackupError(
      `Nothing to back up: ${missing.map((source) => source.path).join(' and ')} not found. Is the data directory right (KEYLESS_DATA_DIR, or --data-dir)? It is made by the first \`npm start\`.`,
    );
  }
  // A damaged original is reported as such, not copied into a "backup" that restores the damage.
  for (const source of sources) assertUsableDatabaseFile(source.path, source.role);

  const stamp = new Date((options.now ?? Date.now)()).toISOString().slice(0, 19).replaceAll(':', '-');
  const dir = join(resolve(options.parentDir ?? dirname(dataDir)), `keyless-backup-${stamp}Z`);
  mkdirSync(dirname(dir), { recursive: true, mode: 0o700 });
  try {
    mkdirSync(dir, { mode: 0o700 });
  } catch (error) {
    if ((error as NodeJS.ErrnoException).code === 'EEXIST')
      throw new BackupError(`${dir} already exists; backups never overwrite. Wait a second and run it again.`);
    throw error;
  }

  const files = [];
  for (const source of sources) {
    const path = join(dir, source.file);
    await backupDatabase(source.path, path);
    files.push({ file: source.file, path, bytes: statSync(path).size });
  }
  return { dir, files };
}
