import assert from 'node:assert/strict';
import { test } from 'node:test';
import { detectStuck, REPEATED_FAILURES } from './stuck.ts';

const MIN = 60_000;
const base = { now: 100 * MIN, eventStartsAt: 0, stuckAfterMinutes: 10, currentSince: 95 * MIN, currentStepFailures: [] };

test('rule 1, no progress: on the current step for the threshold without passing it', () => {
  assert.equal(detectStuck({ ...base, currentSince: 91 * MIN }), null, '9 minutes is not yet');
  assert.deepEqual(detectStuck({ ...base, currentSince: 90 * MIN }), { reason: 'no-progress', minutes: 10 });
  assert.deepEqual(
    detectStuck({ ...base, currentSince: 0, eventStartsAt: 80 * MIN }),
    { reason: 'no-progress', minutes: 20 },
    'counted from the start',
  );
  assert.equal(detectStuck({ ...base, currentSince: 0, eventStartsAt: 200 * MIN }), null, 'the event has not started');
  assert.equal(detectStuck({ ...base, currentSince: undefined }), null, 'finished: no current step');
});

test('rule 2, repeated failures: a check of the current step failing K Checks in a row', () => {
  assert.equal(REPEATED_FAILURES, 3);
  const failures = (n: number): { checkId: string; failures: number }[] => [
    { checkId: 'a', failures: 1 },
    { checkId: 'revoked-refused', failures: n },
  ];
  assert.equal(detectStuck({ ...base, currentStepFailures: failures(2) }), null);
  assert.deepEqual(detectStuck({ ...base, currentStepFailures: failures(3) }), {
    reason: 'repeated-failures',
    checkId: 'revoked-refused',
    failures: 3,
  });
  assert.deepEqual(detectStuck({ ...base, currentStepFailures: failures(6) }), {
    reason: 'repeated-failures',
    checkId: 'revoked-refused',
    failures: 6,
  });
  assert.equal(detectStuck({ ...base, currentSince: undefined, currentStepFailures: failures(6) }), null, 'finished');
});
