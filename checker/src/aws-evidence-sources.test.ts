import assert from 'node:assert/strict';
import { test } from 'node:test';
import { fileURLToPath } from 'node:url';
import { loadLab } from '@keyless/labs';
import { AWS_EVIDENCE_SOURCES, AWS_EVIDENCE_UNAVAILABLE } from './aws-evidence-sources.ts';
import { checkKinds } from './checks/index.ts';
import { checkLab } from './engine.ts';
import { fixtureSandbox } from './test-support/fixture-sandbox.ts';

test('every check kind says where its evidence comes from in AWS mode, and the table names no kind that does not exist', () => {
  assert.deepEqual(Object.keys(AWS_EVIDENCE_SOURCES).sort(), [...checkKinds.keys()].sort());
});

const stsLab = loadLab(fileURLToPath(new URL('../../labs/content/01-sts-temporary-credentials', import.meta.url)));

test('in AWS mode a check whose evidence AWS cannot give fails at once saying it is not verifiable there, and the lab is not passed', async () => {
  const sandbox = { ...fixtureSandbox({}), mode: 'aws' as const };
  // A long window: the unavailable checks must not wait it out (sleep would be called).
  const sandbox2 = { ...sandbox, consistencyWindowMs: 60_000 };
  let slept = 0;
  const report = await checkLab({
    lab: stsLab,
    sandbox: sandbox2,
    checkIds: stsLab.definition.checks.filter((c) => c.kind === 'sts-call').map((c) => c.id),
    sleep: () => {
      slept += 1;
      return Promise.resolve();
    },
  });
  const sts = report.results.filter((result) => stsLab.definition.checks.find((check) => check.id === result.checkId)?.kind === 'sts-call');
  assert.ok(sts.length > 0);
  for (const result of sts) {
    assert.equal(result.status, 'fail');
    assert.equal(result.messageKey, AWS_EVIDENCE_UNAVAILABLE);
    assert.match(result.explanation, /Not verifiable in AWS mode: STS calls are visible only to CloudTrail/);
  }
  assert.equal(report.passed, false, 'never passes silently');
  assert.equal(slept, 0, 'no polling for evidence that cannot come');
});

test('in local mode the same checks are judged on evidence as always', async () => {
  const report = await checkLab({ lab: stsLab, sandbox: fixtureSandbox({}) });
  assert.ok(report.results.every((result) => result.messageKey !== AWS_EVIDENCE_UNAVAILABLE));
  assert.ok(report.results.some((result) => result.status === 'fail'));
});
