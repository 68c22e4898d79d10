import { DatabaseSync } from 'node:sqlite';
import type { DatabaseFileRole } from './database-file-error.ts';
import { openDatabaseFile } from './database-file.ts';
import { migrate, type Migration } from './migrate.ts';

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
