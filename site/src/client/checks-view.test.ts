import assert from 'node:assert/strict';
import { describe, test } from 'node:test';
import { stepOutcome } from './checks-view.ts';

const result = (checkId: string, status: 'pass' | 'fail') => ({ checkId, status, title: `title of ${checkId}` });

describe('stepOutcome', () => {
  test('all of the step passed: done, and the lab is complete when every core check passes', () => {
    assert.deepEqual(stepOutcome([result('a', 'pass'), result('b', 'pass')], ['b'], ['a', 'b']), {
      summary: '✓ Step done: 1 of 1 checks passed. Lab complete.',
      stepDone: true,
      labDone: true,
    });
    assert.equal(stepOutcome([result('a', 'fail'), result('b', 'pass')], ['b'], ['a', 'b']).labDone, false);
  });
  test('a failing step names the first check that did not pass', () => {
    const outcome = stepOutcome([result('a', 'pass'), result('b', 'fail')], ['a', 'b'], ['a', 'b']);
    assert.equal(outcome.stepDone, false);
    assert.match(outcome.summary, /^✕ 1 of 2 checks passed: “title of b” did not/);
  });
  test('a step without checks never reads "0 of 0"', () => {
    const outcome = stepOutcome([result('a', 'pass')], [], ['a', 'b']);
    assert.doesNotMatch(outcome.summary, /0 of 0/);
    assert.match(outcome.summary, /no checks of its own; 1 of 2/);
  });
});
