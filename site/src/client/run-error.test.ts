import assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
import { describe, test } from 'node:test';
import { shapeCrashOutput } from '@keyless/local-sandbox/runner';
import { findRunError } from './run-error.ts';

/** Real outputs of failing lab files, captured through the instance runner (bwrap jail, Node 24). */
const crashes = JSON.parse(
  readFileSync(new URL('../../../infra/local/src/runner/fixtures/crashes.json', import.meta.url), 'utf8'),
) as Record<string, { files: Record<string, string>; stderr: string }>;
const locate = (name: string) => {
  const crash = crashes[name];
  assert.ok(crash, name);
  return findRunError(shapeCrashOutput(crash.stderr), Object.keys(crash.files));
};

describe('findRunError on real Run output', () => {
  test('a ReferenceError points at the frame in main.ts, not the caller', () => {
    assert.deepEqual(locate('reference'), { file: 'main.ts', line: 5, column: 15, message: 'ReferenceError: tokn is not defined' });
  });
  test('an error in an imported lab file points at that file', () => {
    assert.deepEqual(locate('imported'), {
      file: 'lib.ts',
      line: 3,
      column: 5,
      message: "TypeError: Cannot read properties of undefined (reading 'name')",
    });
  });
  test('a throw inside a package points at the attendee line that called it', () => {
    assert.deepEqual(locate('jose'), { file: 'main.ts', line: 4, column: 13, message: 'JWTInvalid: Invalid JWT' });
  });
  test('a throw inside a built-in (JSON.parse, a frame without a location) points at the attendee line', () => {
    assert.deepEqual(locate('jsonParse'), {
      file: 'main.ts',
      line: 3,
      column: 23,
      message: "SyntaxError: Expected property name or '}' in JSON at position 2 (line 1 column 3)",
    });
  });
  test('a syntax error (no frames) points at the excerpt line and the caret column', () => {
    assert.deepEqual(locate('syntax'), {
      file: 'main.ts',
      line: 4,
      column: 6,
      message: 'SyntaxError [ERR_INVALID_TYPESCRIPT_SYNTAX]: Expression expected',
    });
    assert.equal(locate('syntaxType')?.line, 2);
  });
  test('an error with no attendee location (connection refused inside the SDK, a missing module) marks nothing', () => {
    assert.equal(locate('sdk'), undefined);
    assert.equal(locate('importMissing'), undefined);
  });
  test('an error line the program printed is not a crash', () => {
    assert.equal(findRunError('Error: this is just a log line\nmore output\n', ['main.ts']), undefined);
  });
});
