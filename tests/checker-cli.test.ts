/** The `keyless check` CLI judges the same evidence the site recorded, from the data directory. */
import assert from 'node:assert/strict';
import { spawnSync } from 'node:child_process';
import { join } from 'node:path';
import { test } from 'node:test';
import { createLocalRuntime } from '../site/src/server/create-runtime.ts';
import { freshDataDir, repoRoot } from '../site/e2e/local-server.ts';

function cli(dataDir: string, attendeeId: string) {
  return spawnSync(process.execPath, ['--disable-warning=ExperimentalWarning', join(repoRoot, 'checker/bin/keyless.js'), 'check', 'cognito-client-credentials', '--attendee', attendeeId, '--data-dir', dataDir], { encoding: 'utf8' });
}

test('keyless check passes for an attendee who ran the solution and fails for one who did not', async () => {
  const dataDir = freshDataDir();
  const runtime = await createLocalRuntime({ dataDir, labsDir: join(repoRoot, 'labs/content'), nodeModulesDir: join(repoRoot, 'node_modules'), host: '127.0.0.1', awsPort: 0 });
  const lab = runtime.findLab('cognito-client-credentials');
  assert.ok(lab);
  const done = runtime.attendees.createSelfPaced().attendee;
  const idle = runtime.attendees.createSelfPaced().attendee;
  const run = await runtime.run(done, lab, lab.solution, {});
  assert.equal(run.exitCode, 0, run.stderr);
  await runtime.close();

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
