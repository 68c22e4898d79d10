import { DatabaseSync } from 'node:sqlite';
import { openDatabaseFile, type DatabaseFileRole } from '@keyless/local-sandbox/database-file';
import { migrations } from './migrations.ts';

export { DatabaseFileError, databaseFileErrorIn } from '@keyless/local-sandbox/database-file';

export const SITE_DATABASE: DatabaseFileRole = {
  name: 'the event database',
  freshStartLoses: 'every event, attendee, access code, instructor account and all progress it held (a new demo event and code are made)',
};

/**
 * Opens (creating only if it does not exist) the site's SQLite database and
 * brings its schema up to date; an empty or damaged file stops with a
 * DatabaseFileError that says what to do, never a fresh empty product
 * (database-file.ts in @keyless/local-sandbox, shared with sandbox.db).
 * WAL + synchronous=NORMAL: a committed write survives a killed server, and
 * readers never wait for the writer.
 */
export function openSiteDatabase(path: string): DatabaseSync {
  const db = path === ':memory:' ? new DatabaseSync(path) : openDatabaseFile(path, SITE_DATABASE);
  db.exec('PRAGMA journal_mode = WAL; PRAGMA synchronous = NORMAL; PRAGMA foreign_keys = ON; PRAGMA busy_timeout = 5000;');
  migrate(db);
  return db;
}

/** Applies every migration newer than the database's version, each in its own transaction. */
export function migrate(db: DatabaseSync): void {
  db.exec('CREATE TABLE IF NOT EXISTS schema_migrations (version INTEGER PRIMARY KEY, name TEXT NOT NULL, applied_at INTEGER NOT NULL)');
  const row = db.prepare('SELECT MAX(version) AS version FROM schema_migrations').get() as { version: number | null } | undefined;
  const current = row?.version ?? 0;
  for (const migration of migrations) {
    if (migration.version <= current) continue;
    try {
      transaction(db, () => {
        db.exec(migration.sql);
        db.prepare('INSERT INTO schema_migrations (version, name, applied_at) VALUES (?, ?, ?)').run(migration.version, migration.name, Date.now());
      });
    } catch (error) {
      throw new Error(`Migration ${migration.version} (${migration.name}) failed: ${error instanceof Error ? error.message : String(error)}`, { cause: error });
    }
  }
}

/**
 * Runs `work` in one IMMEDIATE transaction: the write lock is taken up front,
 * so a read-then-write rule (capacity, single-use codes) holds even when
 * another process (the instructor CLI) writes to the same file.
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
