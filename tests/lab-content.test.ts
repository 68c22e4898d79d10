/**
 * Content is code: for every lab, against the real local sandbox, the starter
 * fails its checks and the solution passes them all.
 */
import assert from 'node:assert/strict';
import { after, before, describe, test } from 'node:test';
import { partialSolution } from '@keyless/labs';
import type { LocalSandboxes } from '@keyless/local-sandbox';
import { newAttendeeId, repoLabs, runAndCheck as runAndCheckAs, startLocalSandboxes } from './test-support/local-sandboxes.ts';

const labs = repoLabs();
let sandboxes: LocalSandboxes;

before(async () => {
  sandboxes = await startLocalSandboxes();
});
// eslint-disable-next-line @typescript-eslint/no-unnecessary-condition -- unset when before() failed, which its type cannot say
after(() => sandboxes?.close());

/** A new attendee's Run of the files, then the lab's checks. */
function runAndCheck(files: Readonly<Record<string, string>>, labId: string) {
  const lab = labs.find((candidate) => candidate.definition.id === labId);
  assert.ok(lab);
  return runAndCheckAs(sandboxes, newAttendeeId(), lab, files);
}

for (const lab of labs) {
  describe(`lab ${lab.folder}`, () => {
    test('the starter fails every check, and ends calmly at "Step 1 is not done yet"', async () => {
      const { run, report } = await runAndCheck(lab.starter, lab.definition.id);
      for (const result of report.results) assert.equal(result.status, 'fail', `${result.checkId} should fail for the starter`);
      // An unfinished step is not a crash (labs/content/_shared/not-done.ts): the first TODO says so and the Run exits 0.
      assert.match(run.stdout, /^Step 1 is not done yet: /m, `the starter's first TODO names step 1:\n${run.stdout}\n${run.stderr}`);
      assert.doesNotMatch(run.stdout, /Step [2-9] is not done yet/, 'the first unfinished step is step 1');
      assert.equal(run.exitCode, 0, `the starter exits 0:\n${run.stderr}`);
    });

    for (const step of lab.steps) {
      test(`after step ${step.number} (${step.slug}) exactly the checks of steps 1..${step.number} pass`, async () => {
        const done = new Set(lab.steps.filter((other) => other.number <= step.number).flatMap((other) => other.frontmatter.checks));
        const { run, report } = await runAndCheck(partialSolution(lab, step.number), lab.definition.id);
        for (const result of report.results) {
          assert.equal(result.status, done.has(result.checkId) ? 'pass' : 'fail', `${result.checkId}: ${result.explanation}`);
        }
        // Correct code up to step N does not crash on step N+1's TODO: it says that step is not done and exits 0.
        assert.equal(run.exitCode, 0, `step ${step.number}'s code exits 0:\n${run.stdout}\n${run.stderr}`);
        if (step.number < lab.steps.length) {
          assert.match(
            run.stdout,
            new RegExp(`^Step ${step.number + 1} is not done yet: `, 'm'),
            `names step ${step.number + 1}:\n${run.stdout}`,
          );
        }
      });
    }

    test("the last step's partial solution is the solution", () => {
      assert.deepEqual(partialSolution(lab, lab.steps.length), lab.solution);
    });

    test('the solution passes every check', async () => {
      const { run, report } = await runAndCheck(lab.solution, lab.definition.id);
      assert.equal(run.exitCode, 0, `solution exits cleanly:\n${run.stdout}\n${run.stderr}`);
      for (const result of report.results) assert.equal(result.status, 'pass', `${result.checkId}: ${result.explanation}`);
    });
  });
}

test('requesting the wrong scope fails the token check with an explanation naming the scope', async () => {
  const lab = labs.find((candidate) => candidate.definition.id === 'cognito-client-credentials');
  assert.ok(lab);
  // The attendee's code at the end of the core steps, with the read token asked for the wrong scope.
  const coreSteps = lab.steps.filter((step) => !step.frontmatter.stretch).length;
  const done = partialSolution(lab, coreSteps);
  const wrong = {
    ...done,
    'main.ts': (done['main.ts'] ?? '').replace("getToken(client, 'orders/read')", "getToken(client, 'orders/write')"),
  };
  assert.notEqual(wrong['main.ts'], done['main.ts']);
  const { report } = await runAndCheck(wrong, lab.definition.id);
  const readToken = report.results.find((result) => result.checkId === 'read-token');
  assert.equal(readToken?.status, 'fail');
  assert.match(readToken.explanation, /orders\/read/);
  assert.match(readToken.hint, /scope=orders\/read/);
});

test('a session longer than the lab asks for fails the AssumeRole check, saying what was asked for', async () => {
  const lab = labs.find((candidate) => candidate.definition.id === 'sts-temporary-credentials');
  assert.ok(lab);
  const long = { ...lab.solution, 'main.ts': (lab.solution['main.ts'] ?? '').replace('DurationSeconds: 900,', 'DurationSeconds: 3600,') };
  assert.notEqual(long['main.ts'], lab.solution['main.ts']);
  const { report } = await runAndCheck(long, lab.definition.id);
  const assumed = report.results.find((result) => result.checkId === 'assumed-orders-role');
  assert.equal(assumed?.status, 'fail');
  assert.match(assumed.explanation, /at most 900 s/);
  assert.match(assumed.explanation, /for 3600 s/);
  assert.match(assumed.hint, /DurationSeconds: 900/);
});
