import assert from 'node:assert/strict';
import { mkdtemp, readFile, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { test } from 'node:test';
import { RunRequestError } from './errors.ts';
import { PROJECT_CAPS, validateProject, writeProject } from './project-files.ts';

test('accepts a nested TypeScript project', () => {
  validateProject({ 'main.ts': '', 'src/client.ts': '', 'certs/client.pem': '' }, 'main.ts');
});

test('rejects names that could escape or collide with the runner', () => {
  for (const name of [
    '../x.ts',
    'a/../../x.ts',
    '/abs.ts',
    'C:/x.ts',
    'a\\b.ts',
    'a//b.ts',
    './a.ts',
    '',
    'node_modules/x.js',
    '.tmp/x',
    'a b.ts',
    'x\0.ts',
  ]) {
    assert.throws(() => validateProject({ 'main.ts': '', [name]: '' }, 'main.ts'), RunRequestError, JSON.stringify(name));
  }
});

test('rejects oversized projects and a missing or non-script entry', () => {
  assert.throws(() => validateProject({ 'main.ts': 'x'.repeat(PROJECT_CAPS.maxFileBytes + 1) }, 'main.ts'), /per file/);
  const many = Object.fromEntries(Array.from({ length: PROJECT_CAPS.maxFiles + 1 }, (_, i) => [`f${i}.ts`, '']));
  assert.throws(() => validateProject(many, 'f0.ts'), /files/);
  assert.throws(() => validateProject({}, 'main.ts'), /no files/);
  assert.throws(() => validateProject({ 'main.ts': '' }, 'other.ts'), /not among/);
  assert.throws(() => validateProject({ 'notes.md': '' }, 'notes.md'), /not a script/);
});

test('writes files and pins ESM with a package.json', async () => {
  const dir = await mkdtemp(join(tmpdir(), 'keyless-project-'));
  try {
    await writeProject(dir, { 'main.ts': 'a', 'src/b.ts': 'b' });
    assert.equal(await readFile(join(dir, 'src/b.ts'), 'utf8'), 'b');
    assert.match(await readFile(join(dir, 'package.json'), 'utf8'), /"module"/);
  } finally {
    await rm(dir, { recursive: true, force: true });
  }
});
