import type { DatabaseSync } from 'node:sqlite';
import { transaction } from './transaction.ts';

/**
 * One step of a schema, as data: it takes a file from `version - 1` to
 * `version`, with SQL or, when SQL cannot say it, a function of the open
 * database. Lists are append-only: never edit a step that has shipped, add
 * the next, because attendees' database files outlive a release.
 */
export type Migration = { readonly version: number; readonly name: string } & (
  { readonly sql: string } | { readonly up: (db: DatabaseSync) => void }
);

/**
 * Brings the schema of `db` up to the last of `migrations`, each step in a
 * transaction of its own, so a failing step leaves the file at the one
 * before. `PRAGMA user_version` says where a file is; `schema_migrations`
 * keeps which step was applied when, for people. `what` names the file in
 * errors ("the sandbox database data/sandbox.db").
 */
export function migrate(db: DatabaseSync, migrations: readonly Migration[], what = 'the database'): void {
  assertNumbered(migrations);
  const latest = migrations.length;
  // Safe without the lock because versions only grow: a file at the latest version stays there. Opening an
  // up-to-date file then never waits for another process's write transaction. (Files of earlier releases
  // have no log yet, or no user_version: they take the locked path once.)
  if (userVersion(db) === latest && hasLog(db)) return;
  // Each step reads the version only after BEGIN IMMEDIATE has the write lock: when two processes open a
  // fresh file at once, the second waits (busy timeout), then finds the step done and does nothing.
  for (let applied = true; applied;) applied = transaction(db, () => applyNext(db, migrations, what));
}

/**
 * For a connection that must not write (a CLI that only reads): refuses a file
 * that is not at the last of `migrations`, since upgrading it is a write.
 */
export function assertCurrent(db: DatabaseSync, migrations: readonly Migration[], what = 'the database'): void {
  assertNumbered(migrations);
  const current = userVersion(db) || (hasLog(db) ? loggedVersion(db) : 0);
  if (current > migrations.length) throw newerThanCode(what, current, migrations.length);
  if (current < migrations.length) {
    throw new Error(
      `${capitalized(what)} is at schema version ${current}, older than this code (${migrations.length}); it is upgraded when Keyless opens it for writing (start it once), never by a read-only open.`,
    );
  }
}

/** The file's schema version, `PRAGMA user_version` (0 for a new file). */
export function userVersion(db: DatabaseSync): number {
  const row = db.prepare('PRAGMA user_version').get() as { user_version: number } | undefined;
  return row?.user_version ?? 0;
}

function applyNext(db: DatabaseSync, migrations: readonly Migration[], what: string): boolean {
  const current = lockedVersion(db);
  if (current > migrations.length) throw newerThanCode(what, current, migrations.length);
  const next = migrations[current];
  if (!next) return false;
  try {
    if ('sql' in next) db.exec(next.sql);
    else next.up(db);
  } catch (error) {
    throw new Error(
      `Migration ${next.version} (${next.name}) of ${what} failed: ${error instanceof Error ? error.message : String(error)}`,
      { cause: error },
    );
  }
  db.exec(`PRAGMA user_version = ${next.version}`);
  db.prepare('INSERT INTO schema_migrations (version, name, applied_at) VALUES (?, ?, ?)').run(next.version, next.name, Date.now());
  return true;
}

/**
 * The version, read under the write lock. The site's event database of
 * earlier releases recorded its steps only in `schema_migrations` (user_version
 * stayed 0); such a file is at the highest step it lists, and from now on says
 * so in user_version too.
 */
function lockedVersion(db: DatabaseSync): number {
  db.exec('CREATE TABLE IF NOT EXISTS schema_migrations (version INTEGER PRIMARY KEY, name TEXT NOT NULL, applied_at INTEGER NOT NULL)');
  const version = userVersion(db);
  if (version !== 0) return version;
  const logged = loggedVersion(db);
  if (logged > 0) db.exec(`PRAGMA user_version = ${logged}`);
  return logged;
}

function loggedVersion(db: DatabaseSync): number {
  return (
    (db.prepare('SELECT MAX(version) AS version FROM schema_migrations').get() as { version: number | null } | undefined)?.version ?? 0
  );
}

function hasLog(db: DatabaseSync): boolean {
  return db.prepare("SELECT 1 FROM sqlite_master WHERE type = 'table' AND name = 'schema_migrations'").get() !== undefined;
}

/** A list numbered 1, 2, 3, … in order; anything else is a mistake in the code, caught before any file is touched. */
function assertNumbered(migrations: readonly Migration[]): void {
  migrations.forEach((migration, index) => {
    if (migration.version !== index + 1) {
      throw new Error(
        `Migrations must be numbered 1, 2, 3, … in order: entry ${index + 1} ("${migration.name}") has version ${migration.version}.`,
      );
    }
  });
}

function newerThanCode(what: string, current: number, latest: number): Error {
  return new Error(
    `${capitalized(what)} is at schema version ${current}, newer than this code (${latest}). Update the code or use another database file.`,
  );
}

function capitalized(text: string): string {
  return text.charAt(0).toUpperCase() + text.slice(1);
}
