import assert from 'node:assert/strict';
import { spawn } from 'node:child_process';
import { mkdtempSync, readdirSync, rmSync, statSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { DatabaseSync } from 'node:sqlite';
import { after, test } from 'node:test';
import { fileURLToPath } from 'node:url';
import { userVersion } from './migrate.ts';

const RACER = fileURLToPath(new URL('./fixtures/open-at.ts', import.meta.url));
const root = mkdtempSync(join(tmpdir(), 'keyless-first-start-'));
after(() => rmSync(root, { recursive: true, force: true }));

/** Runs one racer in a process of its own; resolves with its exit code and what it printed. */
function race(path: string, startAt: number): Promise<{ code: number | null; output: string }> {
  return new Promise((resolve, reject) => {
    const child = spawn(process.execPath, ['--disable-warning=ExperimentalWarning', RACER, path, String(startAt)], {
      stdio: ['ignore', 'pipe', 'pipe'],
    });
    let output = '';
    child.stdout.on('data', (chunk: Buffer) => (output += chunk.toString()));
    child.stderr.on('data', (chunk: Buffer) => (output += chunk.toString()));
    child.on('error', reject);
    child.on('close', (code) => resolve({ code, output: output.trim() }));
  });
}

test(
  'two processes that start on a missing database at the same moment both open it, and each step is applied once',
  { timeout: 30_000 },
  async () => {
    const dir = join(root, 'data');
    const path = join(dir, 'race.db');
    // Far enough ahead that both processes have started (two cores, shared) before either opens the file.
    const startAt = Date.now() + 2000;
    const results = await Promise.all([race(path, startAt), race(path, startAt)]);
    assert.deepEqual(results, [
      { code: 0, output: 'opened' },
      { code: 0, output: 'opened' },
    ]);

    const db = new DatabaseSync(path, { readOnly: true });
    assert.equal(userVersion(db), 2);
    assert.equal(db.prepare('SELECT COUNT(*) AS n FROM first_step').get()?.n, 1, 'the slow step ran in one process only');
    assert.deepEqual(
      db
        .prepare('SELECT version FROM schema_migrations ORDER BY version')
        .all()
        .map((row) => row.version),
      [1, 2],
    );
    db.close();
    assert.equal(statSync(path).mode & 0o777, 0o600);
    assert.deepEqual(
      readdirSync(dir).filter((file) => file.endsWith('.new')),
      [],
      'no draft file left behind',
    );
  },
);
