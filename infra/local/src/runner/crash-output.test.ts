import assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
import { describe, test } from 'node:test';
import { shapeCrashOutput } from './crash-output.ts';

/**
 * Real error output of failing lab files, captured through this runner (bwrap
 * jail, Node 24.9) with the run dir already scrubbed: the `files` of each case
 * are what was run.
 */
const crashes = JSON.parse(readFileSync(new URL('./fixtures/crashes.json', import.meta.url), 'utf8')) as Record<string, { stderr: string }>;
const shaped = (name: string): string => {
  const crash = crashes[name];
  assert.ok(crash, `fixture ${name}`);
  return shapeCrashOutput(crash.stderr);
};

describe('shapeCrashOutput', () => {
  test('a runtime error keeps the excerpt, the message and the frames in the project; Node internals and the version trailer go', () => {
    assert.equal(
      shaped('reference'),
      'main.ts:5\n  console.log(tokn);\n              ^\n\nReferenceError: tokn is not defined\n    at main (main.ts:5:15)\n    at main.ts:7:7\n',
    );
  });

  test('a syntax error is the file and line, the offending line, the caret and the message: no loader stack', () => {
    assert.equal(shaped('syntax'), 'main.ts:4\n} ) )};\n     ^\n\nSyntaxError [ERR_INVALID_TYPESCRIPT_SYNTAX]: Expression expected\n');
    assert.match(
      shaped('syntaxType'),
      /^main\.ts:2\nenum Color \{ Red \}\n\^+\n\nSyntaxError \[ERR_UNSUPPORTED_TYPESCRIPT_SYNTAX\]: TypeScript enum/,
    );
    assert.ok(crashes.syntax && crashes.syntax.stderr.split('\n').length > 20, 'the raw output was the long loader stack');
  });

  test('a throw inside a package names the attendee frame first, and keeps the error properties block whole', () => {
    const text = shaped('jose');
    const lines = text.split('\n');
    const message = lines.indexOf('JWTInvalid: Invalid JWT');
    assert.equal(lines[message + 1], '    Your code: main.ts:4:13 (it called what threw)');
    assert.match(text, /at main\.ts:4:13 \{\n {2}code: 'ERR_JWT_INVALID'\n\}\n$/);
  });

  test('a throw inside a built-in names the attendee frame after the frame without a location', () => {
    assert.match(
      shaped('jsonParse'),
      /\n {4}Your code: main\.ts:3:23 \(it called what threw\)\n {4}at JSON\.parse \(<anonymous>\)\n {4}at main\.ts:3:23\n$/,
    );
  });

  test('an error whose frames are all internal keeps its properties, with the brace on the message', () => {
    assert.equal(
      shaped('importMissing'),
      "Error [ERR_MODULE_NOT_FOUND]: Cannot find module 'missing.ts' imported from main.ts {\n  code: 'ERR_MODULE_NOT_FOUND',\n  url: 'missing.ts'\n}\n",
    );
  });

  test('is idempotent on every captured case, so streamed chunks and the whole output agree', () => {
    for (const [name, crash] of Object.entries(crashes)) {
      const once = shapeCrashOutput(crash.stderr);
      assert.equal(shapeCrashOutput(once), once, name);
      assert.doesNotMatch(once, /node:internal|Node\.js v\d/, name);
    }
  });

  test('a streamed chunk that is only the version trailer vanishes', () => {
    assert.equal(shapeCrashOutput('\nNode.js v24.9.0\n'), '');
  });

  test('leaves ordinary output alone', () => {
    const text = 'token ok\nGET /orders 200\n  at the end of the day\n';
    assert.equal(shapeCrashOutput(text), text);
  });
});
