import assert from 'node:assert/strict';
import { mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { test } from 'node:test';
import { AttendeeStore, openSiteDatabase, ProgressStore, WorkspaceStore } from './index.ts';
import { migrations } from './migrations.ts';

const ALL_VERSIONS = migrations.map((migration) => migration.version);

const dbPath = (): string => join(mkdtempSync(join(tmpdir(), 'keyless-store-')), 'keyless.db');

test('migrations create the schema once and are recorded', () => {
  const path = dbPath();
  openSiteDatabase(path).close();
  const db = openSiteDatabase(path); // second open: nothing to apply, no error
  const versions = db.prepare('SELECT version FROM schema_migrations').all() as { version: number }[];
  assert.deepEqual(versions.map((row) => row.version), ALL_VERSIONS);
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
  assert.equal(result?.firstPassedAt, 100);
  assert.equal(result?.checkedAt, 200);
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
  const record = (status: 'pass' | 'fail', at: number): void => progress.record(attendee.id, 'lab', [{ checkId: 'a', status, messageKey: 'k', explanation: '' }], at);
  record('fail', 1);
  record('fail', 2);
  assert.equal(progress.forLab(attendee.id, 'lab')[0]?.consecutiveFailures, 2);
  record('pass', 3);
  assert.equal(progress.forLab(attendee.id, 'lab')[0]?.consecutiveFailures, 0);
});

test('a database from before events is migrated in place, keeping its attendees', () => {
  const path = dbPath();
  const db = openSiteDatabase(path);
  const { attendee } = new AttendeeStore(db).createSelfPaced();
  db.exec('DROP TABLE events; DROP TABLE access_codes; DROP TABLE event_attendees; DROP TABLE instructors; DROP TABLE instructor_sessions;');
  db.exec('DROP TABLE instructor_login_links; DROP TABLE instructor_unlocks; DROP TABLE sandbox_pool; DROP TABLE instructor_actions; DROP TABLE rate_limit_failures;');
  db.exec('ALTER TABLE check_results DROP COLUMN consecutive_failures; DELETE FROM schema_migrations WHERE version > 1;');
  db.close();
  const reopened = openSiteDatabase(path);
  assert.equal(new AttendeeStore(reopened).byId(attendee.id)?.id, attendee.id);
  assert.deepEqual((reopened.prepare('SELECT version FROM schema_migrations').all() as { version: number }[]).map((row) => row.version), ALL_VERSIONS);
});
