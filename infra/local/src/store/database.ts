import { DatabaseSync } from 'node:sqlite';
import { openDatabaseFile, SANDBOX_DATABASE } from './database-file.ts';
import { MIGRATIONS, type Migration } from './migrations.ts';

/**
 * Opens (creating only if it does not exist) the sandbox database and brings
 * its schema up to date; an empty or damaged file stops with a
 * DatabaseFileError instead (database-file.ts). WAL lets the checker CLI read
 * while the server writes; the busy timeout lets two processes migrate or
 * write the same file without failing on a momentary lock.
 */
export function openDatabase(path: string, migrations: readonly Migration[] = MIGRATIONS): DatabaseSync {
  const db = path === ':memory:' ? new DatabaseSync(path) : openDatabaseFile(path, SANDBOX_DATABASE);
  db.exec('PRAGMA busy_timeout = 5000');
  db.exec('PRAGMA journal_mode = WAL');
  // NORMAL is durable across process crashes in WAL mode; only an OS crash can
  // lose the last transactions, which is fine for a workshop sandbox.
  db.exec('PRAGMA synchronous = NORMAL');
  db.exec('PRAGMA foreign_keys = ON');
  migrate(db, migrations);
  return db;
}

/** Applies every migration newer than the file's `user_version`, each in its own transaction. */
export function migrate(db: DatabaseSync, migrations: readonly Migration[]): void {
  const latest = migrations.at(-1)?.version ?? 0;
  for (const migration of migrations) {
    // BEGIN IMMEDIATE takes the write lock first, so when two processes open a
    // fresh file at once, the second waits and then sees the new version.
    db.exec('BEGIN IMMEDIATE');
    try {
      const current = userVersion(db);
      if (current > latest) {
        throw new Error(`The sandbox database is at schema version ${current}, newer than this code (${latest}). Update the code or use another database file.`);
      }
      if (migration.version === current + 1) {
        db.exec(migration.sql);
        db.exec(`PRAGMA user_version = ${migration.version}`);
      }
      db.exec('COMMIT');
    } catch (error) {
      db.exec('ROLLBACK');
      throw error;
    }
  }
}

export function userVersion(db: DatabaseSync): number {
  const row = db.prepare('PRAGMA user_version').get() as { user_version: number } | undefined;
  return row?.user_version ?? 0;
}

/** Runs `work` in a transaction; node:sqlite has no helper for it. */
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
