/**
 * Both databases of a data directory (keyless.db: events, attendees,
 * progress; sandbox.db: the workshop CA, keys, evidence) are never lost
 * silently: an empty, truncated, foreign or damaged file stops start-up with
 * a message naming the file, the problem and the remedy, and is left byte for
 * byte as it was. A missing file is created, private to its owner.
 */
import assert from 'node:assert/strict';
import { chmodSync, existsSync, mkdtempSync, readdirSync, readFileSync, rmSync, statSync, truncateSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type { DatabaseSync } from 'node:sqlite';
import { after, test } from 'node:test';
import { openSandboxDatabase } from '@keyless/local-sandbox/database';
import { startTestServer } from '@keyless/site/test-server';
import { DatabaseFileError, openSiteDatabase } from '@keyless/site/store';

const root = mkdtempSync(join(tmpdir(), 'keyless-db-files-'));
after(() => rmSync(root, { recursive: true, force: true }));
let dirs = 0;
const freshDir = (): string => join(root, `data-${(dirs += 1)}`);

const FILES: { file: string; open: (path: string) => DatabaseSync }[] = [
  { file: 'keyless.db', open: openSiteDatabase },
  { file: 'sandbox.db', open: openSandboxDatabase },
];

/** A real, migrated database of a few dozen pages, closed (so checkpointed: no -wal left). */
function realDatabase(open: (path: string) => DatabaseSync, path: string): void {
  const db = open(path);
  db.exec('CREATE TABLE filler (x BLOB)');
  for (let i = 0; i < 100; i += 1) db.prepare('INSERT INTO filler VALUES (randomblob(1000))').run();
  db.close();
}

const DAMAGE: { kind: string; problem: RegExp; damage: (path: string) => void }[] = [
  { kind: 'empty', problem: /is empty \(0 bytes\)/, damage: (path) => writeFileSync(path, '') },
  {
    kind: 'truncated',
    problem: /is truncated: \d+ bytes, but its header says \d+ pages/,
    damage: (path) => truncateSync(path, Math.floor(statSync(path).size / 2)),
  },
  {
    kind: 'not SQLite',
    problem: /is not an SQLite database/,
    damage: (path) => writeFileSync(path, Buffer.alloc(8192, 'not a database ')),
  },
  {
    kind: 'damaged pages',
    problem: /is damaged: SQLite/,
    damage: (path) => {
      const bytes = readFileSync(path);
      bytes.fill(0xa5, 4096, 4096 * 12); // the header page stays intact: only quick_check can tell
      writeFileSync(path, bytes);
    },
  },
];

for (const { file, open } of FILES) {
  for (const { kind, problem, damage } of DAMAGE) {
    test(`${file}, ${kind}: opening stops with a message naming the file and the remedy, and changes nothing`, () => {
      const dir = freshDir();
      const path = join(dir, file);
      realDatabase(open, path);
      damage(path);
      const before = readFileSync(path);
      const listed = readdirSync(dir);
      assert.throws(
        () => open(path),
        (error: unknown) => {
          assert.ok(error instanceof DatabaseFileError, String(error));
          assert.equal(error.path, path);
          assert.ok(error.message.includes(path), 'names the file');
          assert.match(error.message, problem);
          assert.match(error.message, /restore a copy/);
          assert.match(error.message, /move .* aside/);
          return true;
        },
      );
      assert.deepEqual(readFileSync(path), before, 'not a byte changed');
      assert.deepEqual(readdirSync(dir), listed, 'nothing created beside it');
    });
  }

  test(`${file}: a write-ahead log without its database is not taken for a fresh start`, () => {
    const dir = freshDir();
    const path = join(dir, file);
    realDatabase(open, path);
    rmSync(path);
    writeFileSync(`${path}-wal`, Buffer.alloc(4096, 1));
    assert.throws(() => open(path), /is missing, but its write-ahead log/);
    assert.equal(existsSync(path), false, 'no new database in its place');
  });

  test(`${file}: a fresh data directory gets a new database; directory 0700, database, -wal and -shm 0600`, () => {
    const dir = join(freshDir(), 'nested');
    const path = join(dir, file);
    const db = open(path);
    db.exec('CREATE TABLE written (x); INSERT INTO written VALUES (1)'); // makes SQLite create -wal and -shm
    assert.equal(statSync(dir).mode & 0o777, 0o700);
    for (const name of [path, `${path}-wal`, `${path}-shm`]) assert.equal(statSync(name).mode & 0o777, 0o600, name);
    db.close();
    const again = open(path);
    assert.deepEqual(
      again
        .prepare('SELECT x FROM written')
        .all()
        .map((row) => row.x),
      [1],
      'reopening keeps what was written',
    );
    again.close();
  });

  test(`${file}: an existing database made 0644 by an earlier version is made 0600`, () => {
    const path = join(freshDir(), file);
    realDatabase(open, path);
    chmodSync(path, 0o644);
    open(path).close();
    assert.equal(statSync(path).mode & 0o777, 0o600);
  });
}

test('start-up stops on an empty keyless.db before anything else is created, and on a damaged sandbox.db', async () => {
  const emptyEvents = freshDir();
  realDatabase(openSiteDatabase, join(emptyEvents, 'keyless.db'));
  writeFileSync(join(emptyEvents, 'keyless.db'), '');
  await assert.rejects(
    startTestServer(emptyEvents),
    (error: unknown) => error instanceof DatabaseFileError && /keyless\.db: it is empty/.test(error.message),
  );
  assert.equal(statSync(join(emptyEvents, 'keyless.db')).size, 0, 'not replaced by a fresh database with a new demo code');
  assert.equal(existsSync(join(emptyEvents, 'sandbox.db')), false);

  const brokenSandbox = freshDir();
  realDatabase(openSandboxDatabase, join(brokenSandbox, 'sandbox.db'));
  truncateSync(join(brokenSandbox, 'sandbox.db'), 4096);
  const before = readFileSync(join(brokenSandbox, 'sandbox.db'));
  await assert.rejects(
    startTestServer(brokenSandbox),
    (error: unknown) =>
      error instanceof DatabaseFileError && /sandbox\.db: it is truncated/.test(error.message) && /workshop CA/.test(error.message),
  );
  assert.deepEqual(readFileSync(join(brokenSandbox, 'sandbox.db')), before);
});
