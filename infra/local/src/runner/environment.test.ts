import assert from 'node:assert/strict';
import { test } from 'node:test';
import { buildChildEnv } from './environment.ts';
import { RunRequestError } from './errors.ts';

const base = { runDir: '/runs/r', tmpDir: '/runs/r/.tmp', compileCacheDir: undefined };

test('only the given variables plus what Node needs', () => {
  const env = buildChildEnv({ ...base, sandboxEnv: { AWS_REGION: 'us-east-1' }, requestEnv: { DEBUG: '1' } });
  assert.deepEqual(env, { AWS_REGION: 'us-east-1', DEBUG: '1', PATH: '/usr/bin:/bin', HOME: '/runs/r', TMPDIR: '/runs/r/.tmp' });
});

test('refuses reserved and malformed variables from either source', () => {
  for (const [name, value] of [
    ['NODE_OPTIONS', '--allow-fs-read=*'],
    ['LD_PRELOAD', 'x'],
    ['HOME', '/'],
    ['NODE_V8_COVERAGE', '/x'],
    ['A=B', 'x'],
    ['OK', 'nul\0'],
  ]) {
    assert.throws(
      () => buildChildEnv({ ...base, sandboxEnv: {}, requestEnv: { [name as string]: value as string } }),
      RunRequestError,
      name,
    );
    assert.throws(
      () => buildChildEnv({ ...base, sandboxEnv: { [name as string]: value as string }, requestEnv: undefined }),
      RunRequestError,
      name,
    );
  }
});
