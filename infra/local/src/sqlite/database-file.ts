import { randomBytes } from 'node:crypto';
import {
  chmodSync,
  closeSync,
  constants,
  copyFileSync,
  existsSync,
  linkSync,
  mkdirSync,
  openSync,
  readSync,
  rmSync,
  statSync,
} from 'node:fs';
import { dirname } from 'node:path';
import { DatabaseSync } from 'node:sqlite';
import { DatabaseFileError, type DatabaseFileRole } from './database-file-error.ts';

/**
 * Opening an SQLite file that holds an event, so that it is never lost
 * silently. SQLite happily treats a zero-byte file as a new, empty database,
 * which would start the product over with a new demo code and no warning;
 * a damaged file otherwise fails deep inside a migration with a stack trace.
 * So an existing file must be a database SQLite itself vouches for (its
 * header, then `PRAGMA quick_check` on a read-only connection, which cannot
 * checkpoint or rewrite anything), or start-up stops with a DatabaseFileError
 * that names the file, what is wrong and what to do, and nothing is written
 * in its place. Only a missing file is created, and it appears whole (see
 * createDatabaseFile), so a second process starting at the same moment never
 * mistakes it for an emptied one.
 *
 * The files hold session hashes, attendee code and, in sandbox.db, the
 * workshop CA key: the data directory is created 0700 and the database 0600
 * (SQLite gives its -wal and -shm files the database file's mode).
 */

/** Opens `path` read-write, creating it (and its directory) only if it does not exist. */
export function openDatabaseFile(path: string, role: DatabaseFileRole): DatabaseSync {
  const dir = dirname(path);
  // An existing directory is the user's choice (it may be shared); the files' own 0600 keeps them private.
  if (!existsSync(dir)) mkdirSync(dir, { recursive: true, mode: 0o700 });
  // Looked at before the database itself: a racing first start links the file in before it ever writes a log,
  // so "log there, file missing" seen in this order means the file really was moved or deleted.
  const orphanLog = nonEmpty(`${path}-wal`);
  if (existsSync(path)) {
    assertUsableDatabaseFile(path, role);
  } else if (orphanLog) {
    throw new DatabaseFileError(
      path,
      role,
      `is missing, but its write-ahead log ${path}-wal is there: the database was moved or deleted, and creating a new one would replay that log into it`,
    );
  } else {
    createDatabaseFile(path);
  }
  const db = withPrivateUmask(() => new DatabaseSync(path));
  for (const file of [path, `${path}-wal`, `${path}-shm`]) restrict(file);
  return db;
}

/** Throws a DatabaseFileError unless the existing file at `path` is a database SQLite vouches for; writes nothing. */
export function assertUsableDatabaseFile(path: string, role: DatabaseFileRole): void {
  const problem = headerProblem(path) ?? integrityProblem(path);
  if (problem) throw new DatabaseFileError(path, role, problem);
}

/**
 * A new database is built under a name of its own, given its first page (WAL
 * mode, so every later open finds it in WAL from the start), and only then
 * linked to `path`, which fails if another process got there first; that
 * one's file is then used. So a zero-byte file at `path` is always lost data,
 * never a first start in progress.
 */
function createDatabaseFile(path: string): void {
  const draft = `${path}.${process.pid}-${randomBytes(4).toString('hex')}.new`;
  try {
    withPrivateUmask(() => {
      const db = new DatabaseSync(draft);
      try {
        db.exec('PRAGMA journal_mode = WAL');
      } finally {
        db.close();
      }
    });
    placeWithoutOverwriting(draft, path);
  } finally {
    for (const file of [draft, `${draft}-wal`, `${draft}-shm`]) rmSync(file, { force: true });
  }
}

function placeWithoutOverwriting(draft: string, path: string): void {
  try {
    linkSync(draft, path);
  } catch (error) {
    if (isCode(error, 'EEXIST')) return;
    // File systems without hard links (FAT, some network mounts): an exclusive copy still never overwrites.
    if (!isCode(error, 'EPERM') && !isCode(error, 'ENOTSUP') && !isCode(error, 'ENOSYS')) throw error;
    try {
      copyFileSync(draft, path, constants.COPYFILE_EXCL);
    } catch (copyError) {
      if (!isCode(copyError, 'EEXIST')) throw copyError;
    }
  }
}

const MAGIC = 'SQLite format 3\u0000';

/** SQLite's file header (https://sqlite.org/fileformat.html#the_database_header), read without opening the database. */
function headerProblem(path: string): string | undefined {
  const size = statSync(path).size;
  if (size === 0) return 'is empty (0 bytes), so whatever it held is gone from it';
  const header = Buffer.alloc(100);
  const fd = openSync(path, 'r');
  try {
    readSync(fd, header, 0, 100, 0);
  } finally {
    closeSync(fd);
  }
  if (size < 100 || header.toString('latin1', 0, 16) !== MAGIC)
    return `is not an SQLite database (${size} bytes without SQLite's header): it was overwritten or is another file`;
  const pageSize = header.readUInt16BE(16) === 1 ? 65_536 : header.readUInt16BE(16);
  const pages = header.readUInt32BE(28);
  // The page count is only valid when "version-valid-for" matches the change counter.
  const countValid = pages > 0 && header.readUInt32BE(92) === header.readUInt32BE(24);
  // With a write-ahead log, pages may legitimately live only in the log until the next checkpoint.
  if (countValid && !nonEmpty(`${path}-wal`) && size < pages * pageSize) {
    return `is truncated: ${size} bytes, but its header says ${pages} pages of ${pageSize} bytes (${pages * pageSize} bytes)`;
  }
  return undefined;
}

function integrityProblem(path: string): string | undefined {
  // A read-only connection to a WAL-mode file may create an empty -wal and -shm it cannot remove again.
  const sideFiles = [`${path}-wal`, `${path}-shm`].filter((file) => !existsSync(file));
  let db: DatabaseSync | undefined;
  let problem: string | undefined;
  try {
    // The timeout: a process starting at the same moment may hold a lock while it sets the file up.
    db = new DatabaseSync(path, { readOnly: true, timeout: 5000 });
    const rows = db.prepare('PRAGMA quick_check').all() as { quick_check: string }[];
    if (rows.length !== 1 || rows[0]?.quick_check !== 'ok') {
      problem = `is damaged: SQLite's quick_check reports ${rows
        .slice(0, 3)
        .map((row) => `"${row.quick_check}"`)
        .join(', ')}${rows.length > 3 ? ` and ${rows.length - 3} more` : ''}`;
    }
  } catch (error) {
    problem = `is damaged: SQLite cannot read it (${error instanceof Error ? error.message : String(error)})`;
  } finally {
    db?.close();
  }
  // Refusing leaves the directory as it was; a healthy file keeps them for the read-write open that follows.
  if (problem) for (const file of sideFiles) rmSync(file, { force: true });
  return problem;
}

function nonEmpty(path: string): boolean {
  return existsSync(path) && statSync(path).size > 0;
}

/** New files are created 0600. process.umask cannot be set in worker threads; the chmod below still applies there. */
function withPrivateUmask<T>(work: () => T): T {
  let previous: number | undefined;
  try {
    previous = process.umask(0o077);
  } catch {
    previous = undefined;
  }
  try {
    return work();
  } finally {
    if (previous !== undefined) process.umask(previous);
  }
}

/** Also tightens files made 0644 by earlier versions. */
function restrict(file: string): void {
  try {
    chmodSync(file, 0o600);
  } catch (error) {
    // Absent (-wal and -shm come and go) or not ours to change (someone else's file we may read): leave it.
    if (!isCode(error, 'ENOENT') && !isCode(error, 'EPERM')) throw error;
  }
}

function isCode(error: unknown, code: string): boolean {
  return error instanceof Error && (error as NodeJS.ErrnoException).code === code;
}
