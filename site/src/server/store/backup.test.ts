import assert from 'node:assert/strict';
import { cpSync, mkdirSync, mkdtempSync, readdirSync, rmSync, statSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type { DatabaseSync } from 'node:sqlite';
import { after, test } from 'node:test';
import { openSandboxDatabase } from '@keyless/local-sandbox/database';
import { testEvents } from '../events/test-support/test-events.ts';
import { backupDataDir, BackupError } from './backup.ts';
import { DatabaseFileError, openSiteDatabase } from './index.ts';

const root = mkdtempSync(join(tmpdir(), 'keyless-backup-'));
after(() => rmSync(root, { recursive: true, force: true }));
const NOW = Date.UTC(2026, 10, 23, 9, 30, 5);

function rowCounts(db: DatabaseSync): Record<string, number> {
  const tables = db.prepare("SELECT name FROM sqlite_master WHERE type = 'table' ORDER BY name").all() as { name: string }[];
  return Object.fromEntries(tables.map(({ name }) => [name, (db.prepare(`SELECT COUNT(*) AS n FROM "${name}"`).get() as { n: number }).n]));
}

test('a backup taken while the server has the databases open holds the same events, and opens as a data directory', async () => {
  const dataDir = join(root, 'running', 'data');
  const events = testEvents({ path: join(dataDir, 'keyless.db') });
  const sandbox = openSandboxDatabase(join(dataDir, 'sandbox.db'));
  const { code } = events.event({ name: 'Morning session' });
  events.event({ name: 'Afternoon session' });
  const ada = events.join.join({ code, displayName: 'Ada' }, '203.0.113.7');
  const bo = events.join.join({ code, displayName: 'Bo' }, '203.0.113.7');
  assert.ok(ada.ok && bo.ok);
  // Still open and never checkpointed: the newest writes are only in the -wal files, which the copy must include.

  const result = await backupDataDir({ dataDir, now: () => NOW });
  assert.equal(result.dir, join(root, 'running', 'keyless-backup-2026-11-23T09-30-05Z'), 'beside the data directory, named by the time');
  assert.deepEqual(readdirSync(result.dir).sort(), ['keyless.db', 'sandbox.db'], 'self-contained files, no -wal or -shm');
  assert.equal(statSync(result.dir).mode & 0o777, 0o700);
  for (const file of result.files) assert.equal(statSync(file.path).mode & 0o777, 0o600, file.file);

  // Restoring is copying the files into a data directory; the product opens them as its own.
  const restoredDir = join(root, 'restored', 'data');
  cpSync(result.dir, restoredDir, { recursive: true });
  const restored = testEvents({ path: join(restoredDir, 'keyless.db') });
  assert.deepEqual(
    restored.service
      .list()
      .map((summary) => summary.event.name)
      .sort(),
    ['Afternoon session', 'Morning session'],
  );
  assert.equal(restored.service.list().find((summary) => summary.event.name === 'Morning session')?.attendees, 2);
  assert.equal(restored.attendeesStore.resolveSession(ada.sessionToken)?.id, ada.attendee.id, 'sessions survive a restore');
  assert.deepEqual(rowCounts(restored.context.db), rowCounts(events.context.db));
  const sandboxCopy = openSandboxDatabase(join(restoredDir, 'sandbox.db'));
  assert.deepEqual(rowCounts(sandboxCopy), rowCounts(sandbox));
  for (const db of [restored.context.db, sandboxCopy, events.context.db, sandbox]) db.close();
});

test('a backup goes where it is told, never overwrites, and says when there is nothing or something broken to copy', async () => {
  const dataDir = join(root, 'told', 'data');
  openSiteDatabase(join(dataDir, 'keyless.db')).close();
  openSandboxDatabase(join(dataDir, 'sandbox.db')).close();
  const elsewhere = join(root, 'usb-stick');
  const first = await backupDataDir({ dataDir, parentDir: elsewhere, now: () => NOW });
  assert.equal(first.dir, join(elsewhere, 'keyless-backup-2026-11-23T09-30-05Z'));
  await assert.rejects(
    backupDataDir({ dataDir, parentDir: elsewhere, now: () => NOW }),
    (error: unknown) => error instanceof BackupError && /already exists; backups never overwrite/.test(error.message),
  );

  const empty = join(root, 'never-started', 'data');
  mkdirSync(empty, { recursive: true });
  await assert.rejects(
    backupDataDir({ dataDir: empty }),
    (error: unknown) => error instanceof BackupError && /Nothing to back up/.test(error.message),
  );

  writeFileSync(join(dataDir, 'sandbox.db'), '');
  await assert.rejects(
    backupDataDir({ dataDir, now: () => NOW + 1000 }),
    (error: unknown) => error instanceof DatabaseFileError && /sandbox\.db: it is empty/.test(error.message),
  );
});
