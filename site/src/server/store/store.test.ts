import assert from 'node:assert/strict';
import { mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type { DatabaseSync } from 'node:sqlite';
import { test } from 'node:test';
import { userVersion } from '@keyless/local-sandbox/sqlite';
import { createPreviousReleaseDatabase, insertPreviousReleaseEvent, PREVIOUS_RELEASE_MIGRATIONS } from './fixtures/previous-release.ts';
import { AttendeeStore, EventAttendeeStore, EventStore, openSiteDatabase, ProgressStore, RateLimitStore, WorkspaceStore } from './index.ts';
import { migrations } from './migrations.ts';

const ALL_VERSIONS = migrations.map((migration) => migration.version);
/** Columns the steps after the previous release add to its tables; every row it made has them NULL. */
const ADDED_SINCE: Record<string, readonly string[]> = { event_attendees: ['table_label'], events: ['time_zone'] };

const dbPath = (): string => join(mkdtempSync(join(tmpdir(), 'keyless-store-')), 'keyless.db');

test('migrations create the schema once and are recorded', () => {
  const path = dbPath();
  openSiteDatabase(path).close();
  const db = openSiteDatabase(path); // second open: nothing to apply, no error
  const versions = db.prepare('SELECT version FROM schema_migrations').all() as { version: number }[];
  assert.deepEqual(
    versions.map((row) => row.version),
    ALL_VERSIONS,
  );
  db.close();
});

test('a session token resolves to its attendee; tampered or unknown tokens do not', () => {
  const db = openSiteDatabase(dbPath());
  const attendees = new AttendeeStore(db);
  const { attendee, token } = attendees.createSelfPaced();
  assert.equal(attendees.resolveSession(token)?.id, attendee.id);
  assert.equal(attendees.resolveSession(`${token.slice(0, -1)}${token.endsWith('A') ? 'B' : 'A'}`), undefined);
  assert.equal(attendees.resolveSession('not-a-token'), undefined);
  const stored = db.prepare('SELECT token_hash FROM sessions').get() as { token_hash: string };
  assert.notEqual(stored.token_hash, token, 'only a hash of the token is stored');
});

test('expired sessions are refused', () => {
  let now = 1_000;
  const db = openSiteDatabase(dbPath());
  const attendees = new AttendeeStore(db, () => now);
  const { token } = attendees.createSelfPaced();
  now += 91 * 24 * 60 * 60 * 1000;
  assert.equal(attendees.resolveSession(token), undefined);
});

test('progress survives reopening the database and keeps the first pass time', () => {
  const path = dbPath();
  let db = openSiteDatabase(path);
  const { attendee } = new AttendeeStore(db).createSelfPaced();
  const progress = new ProgressStore(db);
  progress.record(attendee.id, 'lab', [{ checkId: 'a', status: 'pass', messageKey: 'k', explanation: 'ok' }], 100);
  progress.record(attendee.id, 'lab', [{ checkId: 'a', status: 'fail', messageKey: 'k2', explanation: 'no' }], 200);
  db.close();
  db = openSiteDatabase(path);
  const [result] = new ProgressStore(db).forLab(attendee.id, 'lab');
  assert.equal(result?.status, 'fail');
  assert.equal(result.firstPassedAt, 100);
  assert.equal(result.checkedAt, 200);
});

test('workspaces are per attendee', () => {
  const db = openSiteDatabase(dbPath());
  const attendees = new AttendeeStore(db);
  const one = attendees.createSelfPaced().attendee;
  const two = attendees.createSelfPaced().attendee;
  const workspaces = new WorkspaceStore(db);
  workspaces.save(one.id, 'lab', { 'main.ts': 'mine' }, 1);
  assert.deepEqual(workspaces.get(one.id, 'lab'), { 'main.ts': 'mine' });
  assert.equal(workspaces.get(two.id, 'lab'), undefined);
});

test('consecutive failures count up per check and reset on a pass (stuck detection)', () => {
  const db = openSiteDatabase(dbPath());
  const { attendee } = new AttendeeStore(db).createSelfPaced();
  const progress = new ProgressStore(db);
  const record = (status: 'pass' | 'fail', at: number): void =>
    progress.record(attendee.id, 'lab', [{ checkId: 'a', status, messageKey: 'k', explanation: '' }], at);
  record('fail', 1);
  record('fail', 2);
  assert.equal(progress.forLab(attendee.id, 'lab')[0]?.consecutiveFailures, 2);
  record('pass', 3);
  assert.equal(progress.forLab(attendee.id, 'lab')[0]?.consecutiveFailures, 0);
});

test('a database from before events is migrated in place, keeping its attendees', () => {
  const path = dbPath();
  // A real file of the previous release, made when its schema still stopped at step 1.
  const db = createPreviousReleaseDatabase(path, 1);
  const { attendee } = new AttendeeStore(db).createSelfPaced();
  db.close();
  const reopened = openSiteDatabase(path);
  assert.equal(new AttendeeStore(reopened).byId(attendee.id)?.id, attendee.id);
  assert.deepEqual(
    (reopened.prepare('SELECT version FROM schema_migrations').all() as { version: number }[]).map((row) => row.version),
    ALL_VERSIONS,
  );
  assert.deepEqual(schemaOf(reopened), schemaOf(openSiteDatabase(':memory:')), 'the schema a fresh database gets');
});

test('a database made by the previous release opens with every row kept and the schema current', () => {
  const path = dbPath();
  const old = createPreviousReleaseDatabase(path);
  const { attendee, token } = new AttendeeStore(old).createSelfPaced();
  new WorkspaceStore(old).save(attendee.id, 'lab', { 'main.ts': 'mine' }, 5);
  new ProgressStore(old).record(attendee.id, 'lab', [{ checkId: 'a', status: 'fail', messageKey: 'k', explanation: 'no' }], 6);
  insertPreviousReleaseEvent(old, attendee.id);
  new RateLimitStore(old).record('join', '203.0.113.7', 8);
  const before = rowsOf(old);
  old.close();

  const db = openSiteDatabase(path);
  const after = rowsOf(db);
  assert.deepEqual(withoutColumns(after, ADDED_SINCE), before, 'not a row changed, none lost');
  for (const [table, columns] of Object.entries(ADDED_SINCE))
    for (const row of after[table] ?? [])
      for (const column of columns) assert.equal((row as Record<string, unknown>)[column], null, `${table}.${column}`);
  assert.equal(new AttendeeStore(db).resolveSession(token)?.id, attendee.id, 'sessions survive the upgrade');
  assert.deepEqual(new WorkspaceStore(db).get(attendee.id, 'lab'), { 'main.ts': 'mine' });
  assert.deepEqual(schemaOf(db), schemaOf(openSiteDatabase(':memory:')), 'the schema a fresh database gets');
  assert.equal(userVersion(db), ALL_VERSIONS.at(-1), 'the version is now in user_version, read under the lock');
  assert.deepEqual(
    (db.prepare('SELECT version FROM schema_migrations').all() as { version: number }[]).map((row) => row.version),
    ALL_VERSIONS,
  );
});

test('an upgraded event keeps its attendees, who get no table, and shows times in the server zone until given one', () => {
  const path = dbPath();
  const old = createPreviousReleaseDatabase(path);
  const { attendee } = new AttendeeStore(old).createSelfPaced();
  const { eventId } = insertPreviousReleaseEvent(old, attendee.id);
  old.close();

  const db = openSiteDatabase(path);
  const members = new EventAttendeeStore(db);
  assert.equal(members.byAttendee(attendee.id)?.table, null);
  assert.equal(new EventStore(db).get(eventId)?.timeZone, null);
  members.setTable(attendee.id, 'B3');
  assert.equal(members.byAttendee(attendee.id)?.table, 'B3');
  assert.equal(members.resumeHashOf(attendee.id), 'hash', 'the rest of the row stays');
});

test('the migrations that shipped are unchanged: only new steps are appended', () => {
  assert.deepEqual(migrations.slice(0, PREVIOUS_RELEASE_MIGRATIONS.length), PREVIOUS_RELEASE_MIGRATIONS);
});

/** Tables, indexes and their SQL, as SQLite stores them. */
function schemaOf(db: DatabaseSync): unknown[] {
  return db.prepare("SELECT type, name, tbl_name, sql FROM sqlite_master WHERE name NOT LIKE 'sqlite_%' ORDER BY type, name").all();
}

/** Every row of every table but the migration log, which the upgrade is meant to change. */
function rowsOf(db: DatabaseSync): Record<string, unknown[]> {
  const tables = db
    .prepare("SELECT name FROM sqlite_master WHERE type = 'table' AND name NOT IN ('schema_migrations', 'sqlite_sequence') ORDER BY name")
    .all() as { name: string }[];
  return Object.fromEntries(tables.map(({ name }) => [name, db.prepare(`SELECT * FROM "${name}" ORDER BY rowid`).all()]));
}

/** The rows as they were before `columns` were added. */
function withoutColumns(rows: Record<string, unknown[]>, columns: Record<string, readonly string[]>): Record<string, unknown[]> {
  return Object.fromEntries(
    Object.entries(rows).map(([table, list]) => [
      table,
      list.map((row) => {
        // Same null prototype as SQLite's rows, so deepEqual compares only the columns.
        const kept = Object.create(null) as Record<string, unknown>;
        for (const [column, value] of Object.entries(row as Record<string, unknown>))
          if (!(columns[table] ?? []).includes(column)) kept[column] = value;
        return kept;
      }),
    ]),
  );
}
