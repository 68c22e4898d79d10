import { existsSync } from 'node:fs';
import { DatabaseSync } from 'node:sqlite';
import type { DatabaseFileRole } from './database-file-error.ts';
import { assertUsableDatabaseFile, openDatabaseFile } from './database-file.ts';
import { assertCurrent, migrate, type Migration } from './migrate.ts';

/** What a database file is (for its error messages) and the steps of its schema. */
export interface DatabaseSchema {
  readonly role: DatabaseFileRole;
  readonly migrations: readonly Migration[];
}

/**
 * Opens (creating only if it does not exist) an SQLite database and brings
 * its schema up to date; an empty or damaged file stops with a
 * DatabaseFileError that says what to do, never a fresh empty product
 * (database-file.ts). `:memory:` skips the file checks, for tests.
 */
export function openDatabase(path: string, schema: DatabaseSchema): DatabaseSync {
  const db = path === ':memory:' ? new DatabaseSync(path) : openDatabaseFile(path, schema.role);
  try {
    // The busy timeout first: two processes may migrate or write the same file, and a momentary lock is waited out.
    db.exec('PRAGMA busy_timeout = 5000');
    // WAL: readers (a second process, the backup) never wait for the writer. NORMAL is durable across
    // process crashes in WAL mode; only an OS crash can lose the last transactions, fine for a workshop.
    db.exec('PRAGMA journal_mode = WAL');
    db.exec('PRAGMA synchronous = NORMAL');
    db.exec('PRAGMA foreign_keys = ON');
    migrate(db, schema.migrations, `${schema.role.name} ${path}`);
    return db;
  } catch (error) {
    db.close();
    throw error;
  }
}

/**
 * Opens an existing database for reading only (a CLI beside the running
 * server): the same file checks, nothing created, nothing migrated, and a
 * file at another schema version than this code's is refused. SQLite may
 * still create the -wal and -shm files a WAL reader needs, as any reader does.
 */
export function openDatabaseReadOnly(path: string, schema: DatabaseSchema): DatabaseSync {
  if (!existsSync(path))
    throw new Error(`Cannot open ${schema.role.name} ${path}: it does not exist, and a read-only open never creates it.`);
  assertUsableDatabaseFile(path, schema.role);
  const db = new DatabaseSync(path, { readOnly: true, timeout: 5000 });
  try {
    assertCurrent(db, schema.migrations, `${schema.role.name} ${path}`);
    return db;
  } catch (error) {
    db.close();
    throw error;
  }
}
