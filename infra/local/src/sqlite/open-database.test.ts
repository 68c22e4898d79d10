import assert from 'node:assert/strict';
import { existsSync, mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { after, test } from 'node:test';
import { userVersion, type Migration } from './migrate.ts';
import { openDatabase, openDatabaseReadOnly, type DatabaseSchema } from './open-database.ts';

const root = mkdtempSync(join(tmpdir(), 'keyless-open-'));
after(() => rmSync(root, { recursive: true, force: true }));
let dirs = 0;
const freshPath = (): string => join(root, `data-${(dirs += 1)}`, 'test.db');

const STEPS: readonly Migration[] = [
  { version: 1, name: 'notes', sql: 'CREATE TABLE notes (text TEXT NOT NULL)' },
  { version: 2, name: 'tags', sql: 'CREATE TABLE tags (name TEXT NOT NULL)' },
];
const schema = (migrations: readonly Migration[]): DatabaseSchema => ({
  role: { name: 'the test database', freshStartLoses: 'nothing' },
  migrations,
});

test('a read-only open reads a current file and cannot write to it', () => {
  const path = freshPath();
  const db = openDatabase(path, schema(STEPS));
  db.exec("INSERT INTO notes VALUES ('kept')");
  db.close();
  const reader = openDatabaseReadOnly(path, schema(STEPS));
  assert.deepEqual(
    reader
      .prepare('SELECT text FROM notes')
      .all()
      .map((row) => row.text),
    ['kept'],
  );
  assert.throws(() => reader.exec("INSERT INTO notes VALUES ('no')"), /readonly database/);
  reader.close();
});

test('a read-only open creates nothing, and refuses a file it would have to upgrade', () => {
  const missing = freshPath();
  assert.throws(
    () => openDatabaseReadOnly(missing, schema(STEPS)),
    /Cannot open the test database .*test\.db: it does not exist, and a read-only open never creates it/,
  );
  assert.equal(existsSync(missing), false);

  const older = freshPath();
  openDatabase(older, schema(STEPS.slice(0, 1))).close();
  assert.throws(
    () => openDatabaseReadOnly(older, schema(STEPS)),
    /is at schema version 1, older than this code \(2\); it is upgraded when Keyless opens it for writing/,
  );
  const after = openDatabase(older, schema(STEPS.slice(0, 1)));
  assert.equal(userVersion(after), 1, 'left as it was');
  after.close();
  assert.throws(() => openDatabaseReadOnly(older, schema([])), /newer than this code \(0\)/);
});
