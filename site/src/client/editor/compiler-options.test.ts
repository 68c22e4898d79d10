import assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
import { test } from 'node:test';
import ts from 'typescript';
import { editorCompilerOptions, editorTsconfigOptions } from './compiler-options.ts';

test("the browser's parsed options say what the tsconfig form says", () => {
  const { options, errors } = ts.convertCompilerOptionsFromJson(editorTsconfigOptions, '/');
  assert.deepEqual(errors, []);
  assert.deepEqual(options, editorCompilerOptions);
});

test('the options are the lab code test’s (tsconfig.base.json) without the DOM', () => {
  const base = (
    JSON.parse(readFileSync(new URL('../../../../tsconfig.base.json', import.meta.url), 'utf8')) as {
      compilerOptions: Record<string, unknown>;
    }
  ).compilerOptions;
  for (const [name, value] of Object.entries(editorTsconfigOptions)) {
    if (name === 'lib')
      assert.deepEqual(
        value,
        (base.lib as string[]).filter((lib) => !lib.startsWith('DOM')),
      );
    else assert.deepEqual(value, base[name], name);
  }
  for (const name of ['erasableSyntaxOnly', 'verbatimModuleSyntax', 'allowImportingTsExtensions'] as const)
    assert.equal(editorTsconfigOptions[name], true);
});
