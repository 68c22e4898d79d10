/** The `keyless check` CLI judges the same evidence the site recorded, from the data directory. */
import assert from 'node:assert/strict';
import { spawnSync } from 'node:child_process';
import { join } from 'node:path';
import { test } from 'node:test';
import { newAttendeeId, repoLabs, startLocalSandboxes } from './support/local-sandboxes.ts';
import { freshDataDir, repoRoot } from './support/repo.ts';

function cli(dataDir: string, attendeeId: string) {
  return spawnSync(process.execPath, ['--disable-warning=ExperimentalWarning', join(repoRoot, 'checker/bin/keyless.js'), 'check', 'cognito-client-credentials', '--attendee', attendeeId, '--data-dir', dataDir], { encoding: 'utf8' });
}

test('keyless check passes for an attendee who ran the solution and fails for one who did not', async () => {
  const dataDir = freshDataDir();
  const sandboxes = await startLocalSandboxes({ dataDir });
  const lab = repoLabs().find((candidate) => candidate.definition.id === 'cognito-client-credentials');
  assert.ok(lab);
  const done = { id: newAttendeeId() };
  const idle = { id: newAttendeeId() };
  const sandbox = await sandboxes.provider.forAttendee(done.id);
  await sandboxes.provider.forAttendee(idle.id);
  const run = await sandbox.instance.run({ files: lab.solution, entry: lab.definition.entry, labId: lab.definition.id });
  assert.equal(run.exitCode, 0, run.stderr);
  await sandboxes.close();

  const passed = cli(dataDir, done.id);
  assert.equal(passed.status, 0, passed.stdout + passed.stderr);
  const total = lab.definition.checks.length;
  assert.match(passed.stdout, new RegExp(`${total} of ${total} checks passed`));

  const failed = cli(dataDir, idle.id);
  assert.equal(failed.status, 1, failed.stdout + failed.stderr);
  assert.match(failed.stdout, /✖ .*\n.*\n\s+Try: /);
});

test('keyless check without arguments prints usage and exits 2', () => {
  const result = spawnSync(process.execPath, [join(repoRoot, 'checker/bin/keyless.js')], { encoding: 'utf8' });
  assert.equal(result.status, 2);
  assert.match(result.stderr, /Usage: keyless check/);
});
