import assert from 'node:assert/strict';
import { mkdtempSync, statSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { Readable } from 'node:stream';
import { test } from 'node:test';
import { InstructorStore, openSiteDatabase } from '../store/index.ts';
import { instructorCli } from './cli.ts';
import { InstructorAuth } from './instructor-auth.ts';

function io(dataDir: string, stdin = '') {
  const out: string[] = [];
  const err: string[] = [];
  return {
    out,
    err,
    io: {
      env: { KEYLESS_DATA_DIR: dataDir },
      repoRoot: '/nowhere',
      stdin: Readable.from([stdin]),
      out: (line: string) => out.push(line),
      err: (line: string) => err.push(line),
    },
  };
}

test('the CLI creates an instructor with a hashed password (read from stdin) and prints login links', async () => {
  const dataDir = mkdtempSync(join(tmpdir(), 'keyless-cli-'));
  const created = io(dataDir, 'a long enough password\n');
  assert.equal(await instructorCli(['create', 'alice'], created.io), 0, created.err.join('\n'));
  assert.match(created.out.join('\n'), /Created instructor "alice"/);

  const db = openSiteDatabase(join(dataDir, 'keyless.db'));
  const stored = db.prepare('SELECT password_hash FROM instructors WHERE username = ?').get('alice') as { password_hash: string };
  assert.match(stored.password_hash, /^scrypt\$15\$/);
  assert.ok(await new InstructorAuth(new InstructorStore(db)).login('alice', 'a long enough password', 'c'));
  db.close();

  const duplicate = io(dataDir, 'another long password\n');
  assert.equal(await instructorCli(['create', 'alice'], duplicate.io), 1);
  assert.match(duplicate.err.join('\n'), /already exists/);
  const weak = io(dataDir, 'short\n');
  assert.equal(await instructorCli(['create', 'bob'], weak.io), 1);

  const link = io(dataDir);
  assert.equal(await instructorCli(['link', 'alice', '--url', 'https://workshop.example/'], link.io), 0);
  assert.match(link.out[0] ?? '', /^https:\/\/workshop\.example\/instructor\/login#token=[\w-]{43}$/);
  const usage = io(dataDir);
  assert.equal(await instructorCli([], usage.io), 2);
  assert.match(usage.err.join('\n'), /Usage/);
});

test('an empty event database is explained, not started over, by the CLI', async () => {
  const dataDir = mkdtempSync(join(tmpdir(), 'keyless-cli-'));
  writeFileSync(join(dataDir, 'keyless.db'), '');
  const link = io(dataDir);
  assert.equal(await instructorCli(['link'], link.io), 1);
  assert.match(link.err.join('\n'), /keyless\.db: it is empty \(0 bytes\)[\s\S]*restore a copy/);
  assert.equal(statSync(join(dataDir, 'keyless.db')).size, 0);
});
