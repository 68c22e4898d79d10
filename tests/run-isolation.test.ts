/**
 * How Runs are isolated, end to end through local mode's sandboxes: evidence carries the
 * lab and Run it came from and checks judge their own lab's; room mode
 * refuses reduced isolation unless the instructor accepts it by name; and a
 * room that accepted it still attributes each Run's evidence correctly.
 */
import assert from 'node:assert/strict';
import { after, describe, test } from 'node:test';
import { checkLab } from '@keyless/checker';
import { ReducedIsolationError, type LocalSandboxes, type LocalSandboxesOptions } from '@keyless/local-sandbox';
import { newAttendeeId, repoLabs, runAndCheck, startLocalSandboxes } from './test-support/local-sandboxes.ts';

const labs = repoLabs();
const findLab = (labId: string) => labs.find((lab) => lab.definition.id === labId);
const started: LocalSandboxes[] = [];
after(() => Promise.all(started.map((sandboxes) => sandboxes.close())));

async function start(options: Partial<LocalSandboxesOptions> = {}): Promise<LocalSandboxes> {
  const sandboxes = await startLocalSandboxes(options);
  started.push(sandboxes);
  return sandboxes;
}

async function runSolution(sandboxes: LocalSandboxes, attendeeId: string | undefined, labId: string) {
  const lab = findLab(labId);
  assert.ok(lab);
  const attendee = { id: attendeeId ?? newAttendeeId() };
  const { run, report } = await runAndCheck(sandboxes, attendee.id, lab, lab.solution);
  assert.equal(run.exitCode, 0, run.stderr);
  return { attendee, run, report };
}

describe('evidence per lab and per Run', () => {
  test("lab 2's checks are not green from lab 1's work, and each piece of evidence names its lab and Run", async () => {
    const sandboxes = await start();
    const first = await runSolution(sandboxes, undefined, 'sts-temporary-credentials');
    assert.equal(first.report.passed, true);
    const stsCalls = await sandboxes.aws.evidence(first.attendee.id).query({ kind: 'sts-call' });
    assert.ok(stsCalls.length > 0);
    for (const call of stsCalls) assert.deepEqual([call.labId, call.runId], ['sts-temporary-credentials', first.run.runId]);

    const lab2 = findLab('ec2-instance-profile');
    assert.ok(lab2);
    const before = await checkLab({ lab: lab2, sandbox: await sandboxes.provider.forAttendee(first.attendee.id) });
    assert.ok(
      before.results.every((result) => result.status === 'fail'),
      JSON.stringify(before.results.map((result) => [result.checkId, result.status])),
    );
    const second = await runSolution(sandboxes, first.attendee.id, 'ec2-instance-profile');
    assert.equal(second.report.passed, true);
    assert.notEqual(second.run.runId, first.run.runId);
  });
});

describe('reduced isolation', () => {
  test('room mode refuses to start without a network per Run, naming the flag that accepts it', async () => {
    await assert.rejects(
      start({ siteHost: '0.0.0.0', jail: 'permission-only' }),
      (error: unknown) => error instanceof ReducedIsolationError && /KEYLESS_ALLOW_RUNS_ON_SHARED_NETWORK=1/.test(error.message),
    );
  });

  test('loopback is fine, and the runtime says isolation is reduced', async () => {
    const sandboxes = await start({ jail: 'permission-only' });
    assert.equal(sandboxes.runner.network, 'host');
    assert.match(sandboxes.runner.reducedIsolation ?? '', /permission-only/);
  });

  test("accepted by name, a room still attributes each attendee's evidence to their own Run", async () => {
    const sandboxes = await start({ siteHost: '0.0.0.0', jail: 'permission-only', allowRunsOnSharedNetwork: true });
    const [one, two] = await Promise.all([
      runSolution(sandboxes, undefined, 'ec2-instance-profile'),
      runSolution(sandboxes, undefined, 'ec2-instance-profile'),
    ]);
    for (const { attendee, run, report } of [one, two]) {
      assert.equal(report.passed, true);
      const requests = await sandboxes.aws.evidence(attendee.id).query({ kind: 'imds-request' });
      assert.ok(requests.length > 0);
      for (const request of requests) assert.equal(request.runId, run.runId);
    }
    assert.equal(new URL(sandboxes.aws.baseUrl).hostname, '127.0.0.1', 'the emulator stays on loopback in room mode');
  });
});
