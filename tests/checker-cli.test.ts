/**
 * The `keyless check` CLI judges the same evidence the site recorded, from
 * the data directory, which it only reads: it starts no emulator, provisions
 * nothing, and refuses an attendee the sandbox has never seen.
 */
import assert from 'node:assert/strict';
import { spawn, spawnSync } from 'node:child_process';
import { readdirSync, readFileSync, statSync } from 'node:fs';
import { join } from 'node:path';
import { before, test } from 'node:test';
import type { LocalSandboxes } from '@keyless/local-sandbox';
import { newAttendeeId, repoLabs, startLocalSandboxes } from './test-support/local-sandboxes.ts';
import { freshDataDir, repoRoot } from './test-support/repo.ts';

const LAB = 'cognito-client-credentials';
const lab = repoLabs().find((candidate) => candidate.definition.id === LAB);
const bin = join(repoRoot, 'bin/keyless.js');
const args = (dataDir: string, attendeeId: string): string[] => [
  '--disable-warning=ExperimentalWarning',
  bin,
  'check',
  LAB,
  '--attendee',
  attendeeId,
  '--data-dir',
  dataDir,
];

function cli(dataDir: string, attendeeId: string) {
  return spawnSync(process.execPath, args(dataDir, attendeeId), { encoding: 'utf8' });
}

/** The same, without blocking this process's event loop (a sandbox served from here must keep answering). */
function cliAsync(dataDir: string, attendeeId: string): Promise<{ status: number | null; stdout: string; stderr: string }> {
  return new Promise((resolve, reject) => {
    const child = spawn(process.execPath, args(dataDir, attendeeId));
    let stdout = '';
    let stderr = '';
    child.stdout.on('data', (chunk: Buffer) => (stdout += chunk.toString()));
    child.stderr.on('data', (chunk: Buffer) => (stderr += chunk.toString()));
    child.once('error', reject);
    child.once('close', (status) => resolve({ status, stdout, stderr }));
  });
}

/** A data dir where one attendee ran the lab's solution and another joined but did nothing. */
async function ranSolution(): Promise<{ dataDir: string; sandboxes: LocalSandboxes; done: string; idle: string }> {
  assert.ok(lab);
  const dataDir = freshDataDir();
  const sandboxes = await startLocalSandboxes({ dataDir });
  const done = newAttendeeId();
  const idle = newAttendeeId();
  const sandbox = await sandboxes.provider.forAttendee(done);
  await sandboxes.provider.forAttendee(idle);
  const run = await sandbox.instance.run({ files: lab.solution, entry: lab.definition.entry, labId: lab.definition.id });
  assert.equal(run.exitCode, 0, run.stderr);
  return { dataDir, sandboxes, done, idle };
}

/** Every file of the data dir (runs/ aside: the runner's) with its bytes and mtime. */
function snapshot(dataDir: string): Record<string, { bytes: string; mtimeMs: number }> {
  const files: Record<string, { bytes: string; mtimeMs: number }> = {};
  for (const name of readdirSync(dataDir).filter((entry) => entry !== 'runs')) {
    const path = join(dataDir, name);
    files[name] = { bytes: readFileSync(path).toString('base64'), mtimeMs: statSync(path).mtimeMs };
  }
  return files;
}

let stopped: { dataDir: string; done: string; idle: string };
before(async () => {
  const { sandboxes, ...rest } = await ranSolution();
  await sandboxes.close();
  stopped = rest;
});

test('keyless check passes for an attendee who ran the solution and fails for one who did not', () => {
  assert.ok(lab);
  const passed = cli(stopped.dataDir, stopped.done);
  assert.equal(passed.status, 0, passed.stdout + passed.stderr);
  const total = lab.definition.checks.length;
  assert.match(passed.stdout, new RegExp(`${total} of ${total} checks passed`));

  const failed = cli(stopped.dataDir, stopped.idle);
  assert.equal(failed.status, 1, failed.stdout + failed.stderr);
  assert.match(failed.stdout, /✖ .*\n.*\n\s+Try: /);
});

test('keyless check only reads the data dir: sandbox.db keeps its bytes and mtime, and no file appears', () => {
  const before = snapshot(stopped.dataDir);
  assert.deepEqual(Object.keys(before), ['sandbox.db'], 'a cleanly stopped sandbox leaves its database alone');
  for (const attendee of [stopped.done, stopped.idle, newAttendeeId()]) cli(stopped.dataDir, attendee);
  assert.deepEqual(snapshot(stopped.dataDir), before);
});

test('an attendee the sandbox has never seen is refused with a clear message, and not provisioned', () => {
  const unknown = newAttendeeId();
  const before = snapshot(stopped.dataDir);
  const refused = cli(stopped.dataDir, unknown);
  assert.equal(refused.status, 2, refused.stdout + refused.stderr);
  assert.equal(refused.stdout, '');
  assert.match(refused.stderr, new RegExp(`No attendee "${unknown}" in .*sandbox\\.db: this sandbox has never seen them`));
  assert.match(refused.stderr, /Check the id/);
  assert.deepEqual(snapshot(stopped.dataDir), before);
  // Still unknown the second time: the first refusal created nothing.
  assert.equal(cli(stopped.dataDir, unknown).status, 2);
});

test('beside a running sandbox, keyless check reads what it committed, and the sandbox keeps serving that attendee', async () => {
  assert.ok(lab);
  const live = await ranSolution();
  try {
    const passed = await cliAsync(live.dataDir, live.done);
    assert.equal(passed.status, 0, passed.stdout + passed.stderr);
    assert.match(passed.stdout, new RegExp(`${lab.definition.checks.length} of ${lab.definition.checks.length} checks passed`));
    // The serving sandbox still answers its attendee as before: nothing moved their instance or ids.
    const sandbox = await live.sandboxes.provider.forAttendee(live.done);
    const run = await sandbox.instance.run({ files: lab.solution, entry: lab.definition.entry, labId: lab.definition.id });
    assert.equal(run.exitCode, 0, run.stderr);
  } finally {
    await live.sandboxes.close();
  }
});

test('a data dir without a sandbox database is named, and nothing is created in it', () => {
  const empty = freshDataDir();
  const result = cli(empty, newAttendeeId());
  assert.equal(result.status, 2);
  assert.match(result.stderr, /There is no sandbox database at .*sandbox\.db/);
  assert.deepEqual(readdirSync(empty), []);
});

test('keyless check without arguments prints usage and exits 2', () => {
  const result = spawnSync(process.execPath, [bin], { encoding: 'utf8' });
  assert.equal(result.status, 2);
  assert.match(result.stderr, /Usage: keyless check/);
});
