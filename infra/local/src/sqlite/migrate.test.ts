import assert from 'node:assert/strict';
import { DatabaseSync } from 'node:sqlite';
import { test } from 'node:test';
import { migrate, userVersion, type Migration } from './migrate.ts';

const STEPS: readonly Migration[] = [
  { version: 1, name: 'notes', sql: 'CREATE TABLE notes (id INTEGER PRIMARY KEY, text TEXT NOT NULL)' },
  { version: 2, name: 'notes get a title', sql: "ALTER TABLE notes ADD COLUMN title TEXT NOT NULL DEFAULT ''" },
  {
    version: 3,
    name: 'titles from the first line (a function: SQL alone cannot split text this way)',
    up: (db) => {
      const update = db.prepare('UPDATE notes SET title = ? WHERE id = ?');
      for (const row of db.prepare('SELECT id, text FROM notes').all() as { id: number; text: string }[])
        update.run(row.text.split('\n')[0] ?? '', row.id);
    },
  },
];

const logged = (db: DatabaseSync): { version: number; name: string }[] =>
  db
    .prepare('SELECT version, name FROM schema_migrations ORDER BY version')
    .all()
    .map((row) => ({ version: Number(row.version), name: String(row.name) }));

test('steps are applied in order, once, and recorded in user_version and the log', () => {
  const db = new DatabaseSync(':memory:');
  migrate(db, STEPS.slice(0, 2));
  db.prepare('INSERT INTO notes (text) VALUES (?)').run('Shopping\nmilk');
  migrate(db, STEPS);
  migrate(db, STEPS); // nothing left to apply
  assert.equal(userVersion(db), 3);
  assert.deepEqual(
    logged(db),
    STEPS.map(({ version, name }) => ({ version, name })),
  );
  assert.deepEqual({ ...db.prepare('SELECT title FROM notes').get() }, { title: 'Shopping' }, 'the function step ran on the existing row');
});

test('a list not numbered 1, 2, 3, … is refused before the file is touched', () => {
  const db = new DatabaseSync(':memory:');
  assert.throws(
    () =>
      migrate(
        db,
        [STEPS[0], STEPS[2]].filter((step) => step !== undefined),
      ),
    /numbered 1, 2, 3, … in order: entry 2 \("titles from the first line/,
  );
  assert.equal(db.prepare('SELECT COUNT(*) AS n FROM sqlite_master').get()?.n, 0);
});

test('a failing step is named, and the file stays at the step before it', () => {
  const db = new DatabaseSync(':memory:');
  const failing: Migration = { version: 2, name: 'a typo', sql: 'CREATE TABLE tags (x); ALTER TABLE nope ADD COLUMN y' };
  assert.throws(
    () => migrate(db, [STEPS[0] as Migration, failing], 'the test database'),
    /Migration 2 \(a typo\) of the test database failed: no such table: nope/,
  );
  assert.equal(userVersion(db), 1);
  assert.deepEqual(
    logged(db).map((row) => row.version),
    [1],
  );
  assert.equal(
    db.prepare("SELECT COUNT(*) AS n FROM sqlite_master WHERE name = 'tags'").get()?.n,
    0,
    'the half-applied step was rolled back',
  );
});

test('a file from newer code is refused, naming the file', () => {
  const db = new DatabaseSync(':memory:');
  migrate(db, STEPS);
  assert.throws(
    () => migrate(db, STEPS.slice(0, 2), 'the test database t.db'),
    /^Error: The test database t\.db is at schema version 3, newer than this code \(2\)/,
  );
});

test('a file that recorded its steps only in the log (the event database of earlier releases) continues from the last logged step', () => {
  const db = new DatabaseSync(':memory:');
  db.exec('CREATE TABLE schema_migrations (version INTEGER PRIMARY KEY, name TEXT NOT NULL, applied_at INTEGER NOT NULL)');
  db.exec(
    STEPS.slice(0, 2)
      .map((step) => ('sql' in step ? step.sql : ''))
      .join(';'),
  );
  db.exec(
    "INSERT INTO schema_migrations VALUES (1, 'notes', 1), (2, 'notes get a title', 2); INSERT INTO notes (text) VALUES ('Kept\nas it was')",
  );
  migrate(db, STEPS);
  assert.equal(userVersion(db), 3);
  assert.deepEqual(
    logged(db).map((row) => row.version),
    [1, 2, 3],
  );
  assert.deepEqual({ ...db.prepare('SELECT text, title FROM notes').get() }, { text: 'Kept\nas it was', title: 'Kept' });
});
