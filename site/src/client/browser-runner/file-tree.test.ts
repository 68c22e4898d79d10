import assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
import { describe, test } from 'node:test';
import { buildFileTree, containerManifest } from './file-tree.ts';

const templateManifest = readFileSync(new URL('../../../../labs/templates/node/package.json', import.meta.url), 'utf8');

describe('buildFileTree', () => {
  test("mounts the template's files and the attendee's, nested by folder", () => {
    const tree = buildFileTree(
      { 'package.json': '{}' },
      { 'main.ts': 'console.log(1);', 'lib/tokens.ts': 'export {};', 'lib/deep/x.ts': '' },
    );
    assert.deepEqual(tree, {
      'package.json': { file: { contents: '{}' } },
      'main.ts': { file: { contents: 'console.log(1);' } },
      lib: {
        directory: { 'tokens.ts': { file: { contents: 'export {};' } }, deep: { directory: { 'x.ts': { file: { contents: '' } } } } },
      },
    });
  });
  test("an attendee file of the template's name wins", () => {
    const tree = buildFileTree({ 'package.json': 'template', 'tsconfig.json': 't' }, { 'package.json': 'mine' });
    assert.deepEqual(tree['package.json'], { file: { contents: 'mine' } });
    assert.deepEqual(tree['tsconfig.json'], { file: { contents: 't' } });
  });
  test('refuses names the instance runner refuses: .., empty segments, node_modules, backslashes, a file that is also a folder', () => {
    for (const bad of ['../escape.ts', 'a//b.ts', '/abs.ts', 'node_modules/jose/index.js', 'a\\b.ts', './main.ts']) {
      assert.throws(() => buildFileTree({}, { [bad]: 'x' }), RangeError, bad);
    }
    assert.throws(() => buildFileTree({ lib: 'file' }, { 'lib/x.ts': '' }), /is a file/);
    assert.throws(() => buildFileTree({ 'lib/x.ts': '' }, { lib: 'file' }), /folder/);
  });
});

describe('containerManifest', () => {
  test("keeps the template's dependencies, runs ES modules and brings tsx", () => {
    const manifest = JSON.parse(containerManifest(templateManifest)) as {
      type: string;
      dependencies: Record<string, string>;
      devDependencies: Record<string, string>;
    };
    assert.equal(manifest.type, 'module');
    assert.deepEqual(manifest.dependencies, (JSON.parse(templateManifest) as { dependencies: Record<string, string> }).dependencies);
    assert.ok(manifest.devDependencies.tsx);
  });
});
