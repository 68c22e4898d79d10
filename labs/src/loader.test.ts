import assert from 'node:assert/strict';
import { cpSync, mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { test } from 'node:test';
import { fileURLToPath } from 'node:url';
import { LabContentError } from './errors.ts';
import { loadLab, loadLabs } from './loader.ts';

const contentDir = fileURLToPath(new URL('../content', import.meta.url));

test('every lab in labs/content loads and validates', () => {
  const labs = loadLabs(contentDir);
  assert.ok(labs.length >= 1);
  for (const lab of labs) {
    assert.ok(lab.steps.length > 0, `${lab.folder} has steps`);
    assert.ok(lab.definition.entry in lab.starter);
  }
});

/** A scratch copy of the Cognito lab (the fixtures below name its step file and check ids). */
function copyOfCognitoLab(): string {
  const lab = loadLabs(contentDir).find((candidate) => candidate.definition.id === 'cognito-client-credentials');
  assert.ok(lab);
  const dir = join(mkdtempSync(join(tmpdir(), 'keyless-lab-')), lab.folder);
  cpSync(lab.dir, dir, { recursive: true });
  return dir;
}

test('a schema error names the file, the field and the fix', () => {
  const dir = copyOfCognitoLab();
  writeFileSync(join(dir, 'lab.yaml'), 'id: cognito-client-credentials\ntitle: x\n');
  assert.throws(
    () => loadLab(dir),
    (error: unknown) => error instanceof LabContentError && error.file.endsWith('lab.yaml') && error.field === 'summary' && /Fix:/.test(error.message),
  );
});

test('a step listing an unknown check is reported with the ids that exist', () => {
  const dir = copyOfCognitoLab();
  writeFileSync(join(dir, 'steps', '01-create-client.mdx'), '---\ntitle: t\nchecks: [nope]\nminutes: 1\n---\n');
  assert.throws(
    () => loadLab(dir),
    (error: unknown) => error instanceof LabContentError && error.field === 'checks' && /unknown check "nope"/.test(error.message) && /client-created/.test(error.hint),
  );
});
