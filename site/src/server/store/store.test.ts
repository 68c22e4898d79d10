import assert from 'node:assert/strict';
import { mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type { DatabaseSync } from 'node:sqlite';
import { test } from 'node:test';
import { userVersion } from '@keyless/local-sandbox/sqlite';
import { createPreviousReleaseDatabase, PREVIOUS_RELEASE_MIGRATIONS } from './fixtures/previous-release.ts';
import { AttendeeStore, EventStore, openSiteDatabase, ProgressStore, RateLimitStore, WorkspaceStore } from './index.ts';
import { migrations } from './migrations.ts';

const ALL_VERSIONS = migrations.map((migration) => migration.version);

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
  new EventStore(old).create(
    { name: 'Morning session', startsAt: 1, endsAt: 2, labs: ['lab'], sandboxMode: 'local', capacity: 10, stuckAfterMinutes: 5 },
    7,
  );
  new RateLimitStore(old).record('join', '203.0.113.7', 8);
  const before = rowsOf(old);
  old.close();

  const db = openSiteDatabase(path);
  assert.deepEqual(rowsOf(db), before, 'not a row changed');
  assert.equal(new AttendeeStore(db).resolveSession(token)?.id, attendee.id, 'sessions survive the upgrade');
  assert.deepEqual(new WorkspaceStore(db).get(attendee.id, 'lab'), { 'main.ts': 'mine' });
  assert.deepEqual(schemaOf(db), schemaOf(openSiteDatabase(':memory:')), 'the schema a fresh database gets');
  assert.equal(userVersion(db), ALL_VERSIONS.at(-1), 'the version is now in user_version, read under the lock');
  assert.deepEqual(
    (db.prepare('SELECT version FROM schema_migrations').all() as { version: number }[]).map((row) => row.version),
    ALL_VERSIONS,
  );
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
