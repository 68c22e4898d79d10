import assert from 'node:assert/strict';
import { test } from 'node:test';
import { currentWorkspace } from './current-workspace.ts';

const lab = { starter: { 'main.ts': 'starter main', 'not-done.ts': 'helper' } };

test('nothing saved: the starter', () => {
  assert.deepEqual(currentWorkspace(lab, undefined), lab.starter);
});

test('saved code is kept, a file the lab gained since comes from the starter, one it dropped goes', () => {
  assert.deepEqual(currentWorkspace(lab, { 'main.ts': 'my code', 'old.ts': 'gone' }), { 'main.ts': 'my code', 'not-done.ts': 'helper' });
});
