/**
 * How Runs are isolated, end to end through the runtime: evidence carries the
 * lab and Run it came from and checks judge their own lab's; room mode
 * refuses reduced isolation unless the instructor accepts it by name; and a
 * room that accepted it still attributes each Run's evidence correctly.
 */
import assert from 'node:assert/strict';
import { join } from 'node:path';
import { after, describe, test } from 'node:test';
import { createLocalRuntime, ReducedIsolationError, type Runtime, type RuntimeConfig } from '../site/src/server/create-runtime.ts';
import { freshDataDir, repoRoot } from '../site/e2e/local-server.ts';

const base: RuntimeConfig = {
  dataDir: '',
  labsDir: join(repoRoot, 'labs', 'content'),
  nodeModulesDir: join(repoRoot, 'node_modules'),
  host: '127.0.0.1',
  awsPort: 0,
};
const runtimes: Runtime[] = [];
after(() => Promise.all(runtimes.map((runtime) => runtime.close())));

async function start(config: Partial<RuntimeConfig> = {}): Promise<Runtime> {
  const runtime = await createLocalRuntime({ ...base, dataDir: freshDataDir(), ...config });
  runtimes.push(runtime);
  return runtime;
}

async function runSolution(runtime: Runtime, attendeeId: string | undefined, labId: string) {
  const lab = runtime.findLab(labId);
  assert.ok(lab);
  const attendee = attendeeId === undefined ? runtime.attendees.createSelfPaced().attendee : runtime.attendees.byId(attendeeId);
  assert.ok(attendee);
  const run = await runtime.run(attendee, lab, lab.solution, {});
  assert.equal(run.exitCode, 0, run.stderr);
  return { attendee, run, report: await runtime.check(attendee, lab) };
}

describe('evidence per lab and per Run', () => {
  test('lab 2\'s checks are not green from lab 1\'s work, and each piece of evidence names its lab and Run', async () => {
    const runtime = await start();
    const first = await runSolution(runtime, undefined, 'sts-temporary-credentials');
    assert.equal(first.report.passed, true);
    const stsCalls = await runtime.aws.evidence(first.attendee.id).query({ kind: 'sts-call' });
    assert.ok(stsCalls.length > 0);
    for (const call of stsCalls) assert.deepEqual([call.labId, call.runId], ['sts-temporary-credentials', first.run.runId]);

    const lab2 = runtime.findLab('ec2-instance-profile');
    assert.ok(lab2);
    const before = await runtime.check(first.attendee, lab2);
    assert.ok(before.results.every((result) => result.status === 'fail'), JSON.stringify(before.results.map((result) => [result.checkId, result.status])));
    const second = await runSolution(runtime, first.attendee.id, 'ec2-instance-profile');
    assert.equal(second.report.passed, true);
    assert.notEqual(second.run.runId, first.run.runId);
  });
});

describe('reduced isolation', () => {
  test('room mode refuses to start without a network per Run, naming the flag that accepts it', async () => {
    await assert.rejects(start({ host: '0.0.0.0', jail: 'permission-only' }), (error: unknown) => error instanceof ReducedIsolationError && /KEYLESS_ALLOW_RUNS_ON_SHARED_NETWORK=1/.test(error.message));
  });

  test('loopback is fine, and the runtime says isolation is reduced', async () => {
    const runtime = await start({ jail: 'permission-only' });
    assert.equal(runtime.runNetwork, 'host');
    assert.match(runtime.reducedIsolation ?? '', /permission-only/);
  });

  test('accepted by name, a room still attributes each attendee\'s evidence to their own Run', async () => {
    const runtime = await start({ host: '0.0.0.0', jail: 'permission-only', allowRunsOnSharedNetwork: true });
    const [one, two] = await Promise.all([runSolution(runtime, undefined, 'ec2-instance-profile'), runSolution(runtime, undefined, 'ec2-instance-profile')]);
    for (const { attendee, run, report } of [one, two]) {
      assert.equal(report.passed, true);
      const requests = await runtime.aws.evidence(attendee.id).query({ kind: 'imds-request' });
      assert.ok(requests.length > 0);
      for (const request of requests) assert.equal(request.runId, run.runId);
    }
    assert.equal(new URL(runtime.aws.baseUrl).hostname, '127.0.0.1', 'the emulator stays on loopback in room mode');
  });
});
