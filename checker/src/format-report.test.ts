import assert from 'node:assert/strict';
import { test } from 'node:test';
import { CHECK_STATUSES } from '@keyless/labs';
import type { LabReport } from './engine.ts';
import { formatReport } from './format-report.ts';

test('the terminal report has a mark for every status a check can have, and a hint under failures only', () => {
  const report: LabReport = {
    labId: 'lab',
    checkedAt: 0,
    passed: false,
    results: CHECK_STATUSES.map((status) => ({
      checkId: status,
      title: `Check that is ${status}`,
      hint: `hint for ${status}`,
      status,
      messageKey: 'k',
      explanation: `why ${status}`,
    })),
  };
  const lines = formatReport('Lab', report).split('\n');
  for (const status of CHECK_STATUSES) {
    const line = lines.find((candidate) => candidate.endsWith(`Check that is ${status}`));
    assert.match(line ?? '', /^ {2}\S /, `a one-character mark before the ${status} check`);
    assert.doesNotMatch(line ?? '', /undefined/);
    assert.equal(lines.includes(`      Try: hint for ${status}`), status === 'fail');
  }
  assert.equal(lines.at(-1), `1 of ${CHECK_STATUSES.length} checks passed.`);
});
