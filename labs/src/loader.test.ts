import assert from 'node:assert/strict';
import { cpSync, existsSync, mkdirSync, mkdtempSync, readdirSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, relative } from 'node:path';
import { test } from 'node:test';
import { fileURLToPath } from 'node:url';
import { LabContentError } from './errors.ts';
import { loadLab, loadLabs } from './loader.ts';

const contentDir = fileURLToPath(new URL('../content', import.meta.url));

/** The files under `root`, path → content, as found on disk. */
function filesOnDisk(root: string): Record<string, string> {
  const files: Record<string, string> = {};
  if (!existsSync(root)) return files;
  for (const entry of readdirSync(root, { recursive: true, withFileTypes: true })) {
    if (entry.isFile())
      files[relative(root, join(entry.parentPath, entry.name)).split('\\').join('/')] = readFileSync(
        join(entry.parentPath, entry.name),
        'utf8',
      );
  }
  return files;
}

test('every lab in labs/content loads and validates', () => {
  const labs = loadLabs(contentDir);
  assert.ok(labs.length >= 1);
  // Every NN-<id> folder, in order, each with its id, steps and code as they are on disk.
  assert.deepEqual(
    labs.map((lab) => lab.folder),
    readdirSync(contentDir)
      .filter((name) => /^\d{2}-/.test(name))
      .sort(),
  );
  // The labs' common folder, but what describes it (labs/src/lab-files.ts); each lab gets the files it imports.
  const { 'tsconfig.json': _tsconfig, 'README.md': _readme, ...common } = filesOnDisk(join(contentDir, '_shared'));
  const commonImported: Record<string, string[]> = {
    '00-welcome-api-key': ['not-done.ts'],
    '01-sts-temporary-credentials': ['not-done.ts'],
    '02-ec2-instance-profile': ['not-done.ts'],
    '03-cognito-client-credentials': ['not-done.ts'],
    '04-mutual-tls': ['csr.ts', 'not-done.ts', 'signed-fetch.ts'],
    '05-iam-roles-anywhere': ['csr.ts', 'not-done.ts', 'signed-fetch.ts'],
    '06-oidc-federation': ['not-done.ts', 'signed-fetch.ts'],
    '07-choosing': ['not-done.ts'],
  };
  for (const lab of labs) {
    assert.ok(lab.steps.length > 0, `${lab.folder} has steps`);
    assert.ok(lab.definition.entry in lab.starter);
    assert.equal(lab.folder, `${lab.folder.slice(0, 2)}-${lab.definition.id}`);
    assert.deepEqual(
      lab.steps.map((step) => `${step.number}:${step.slug}.mdx`),
      readdirSync(join(lab.dir, 'steps'))
        .sort()
        .map((name, index) => `${index + 1}:${name}`),
    );
    for (const step of lab.steps) assert.ok(step.frontmatter.title.length > 0, `${lab.folder} step ${step.slug} has its title`);
    const imported = Object.fromEntries((commonImported[lab.folder] ?? []).map((name) => [name, common[name]]));
    const shared = { ...imported, ...filesOnDisk(join(lab.dir, 'shared')) };
    assert.deepEqual(lab.starter, { ...shared, ...filesOnDisk(join(lab.dir, 'starter')) }, `${lab.folder} starter/ and shared/`);
    assert.deepEqual(lab.solution, { ...shared, ...filesOnDisk(join(lab.dir, 'solution')) }, `${lab.folder} solution/ and shared/`);
  }
});

test('no lab keeps a file byte-identical in starter/ and solution/: it belongs in shared/', () => {
  for (const lab of loadLabs(contentDir)) {
    const starter = filesOnDisk(join(lab.dir, 'starter'));
    const solution = filesOnDisk(join(lab.dir, 'solution'));
    const same = Object.keys(starter).filter((name) => starter[name] === solution[name]);
    assert.deepEqual(same, [], `${lab.folder}: move these to shared/`);
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

test('shared/ files are part of both the starter and the solution, nested paths too', () => {
  const dir = copyOfCognitoLab();
  mkdirSync(join(dir, 'shared', 'lib'), { recursive: true });
  writeFileSync(join(dir, 'shared', 'helper.ts'), 'export const helper = 1;\n');
  writeFileSync(join(dir, 'shared', 'lib', 'nested.ts'), 'export const nested = 2;\n');
  const lab = loadLab(dir);
  for (const files of [lab.starter, lab.solution]) {
    assert.equal(files['helper.ts'], 'export const helper = 1;\n');
    assert.equal(files['lib/nested.ts'], 'export const nested = 2;\n');
  }
  assert.equal(lab.starter['main.ts'], readFileSync(join(dir, 'starter', 'main.ts'), 'utf8'), 'own files stay their own');
  assert.equal(lab.solution['main.ts'], readFileSync(join(dir, 'solution', 'main.ts'), 'utf8'));
  assert.notEqual(lab.starter['main.ts'], lab.solution['main.ts']);
});

test('a file both in shared/ and in starter/ or solution/ is refused, naming both and the fix', () => {
  for (const folder of ['starter', 'solution']) {
    const dir = copyOfCognitoLab();
    mkdirSync(join(dir, 'shared'), { recursive: true }); // the Cognito lab may have one already
    writeFileSync(join(dir, 'shared', 'main.ts'), readFileSync(join(dir, folder, 'main.ts')));
    if (folder === 'solution') rmSync(join(dir, 'starter', 'main.ts'));
    assert.throws(
      () => loadLab(dir),
      (error: unknown) =>
        error instanceof LabContentError &&
        error.file === join(dir, folder, 'main.ts') &&
        /is also in shared\/ \(shared\/main\.ts\)/.test(error.message) &&
        /keep one/.test(error.hint),
      folder,
    );
  }
});

test("the labs' common _shared/ files a lab imports are part of its starter and solution, and a lab may not have a file of the same name", () => {
  const labs = loadLabs(contentDir);
  const common = readFileSync(join(contentDir, '_shared', 'not-done.ts'), 'utf8');
  for (const lab of labs) {
    assert.equal(lab.starter['not-done.ts'], common, lab.folder);
    assert.equal(lab.solution['not-done.ts'], common, lab.folder);
    assert.equal(lab.starter['tsconfig.json'], undefined, 'the common tsconfig.json is not lab code');
  }
  const dir = copyOfCognitoLab();
  mkdirSync(join(dir, '..', '_shared'));
  writeFileSync(join(dir, '..', '_shared', 'helper.ts'), "export { more } from './more.ts';\n");
  writeFileSync(join(dir, '..', '_shared', 'more.ts'), 'export const more = 1;\n');
  writeFileSync(join(dir, '..', '_shared', 'unused.ts'), 'export const unused = 1;\n');
  assert.equal(loadLab(dir).starter['helper.ts'], undefined, 'not imported: not an editor tab, not copied into Runs');
  const main = readFileSync(join(dir, 'starter', 'main.ts'), 'utf8');
  writeFileSync(join(dir, 'starter', 'main.ts'), `import { more } from './helper.ts';\nvoid more;\n${main}`);
  const lab = loadLab(dir);
  assert.equal(lab.starter['helper.ts'], "export { more } from './more.ts';\n");
  assert.equal(lab.starter['more.ts'], 'export const more = 1;\n', 'imported by a common file');
  assert.equal(lab.solution['helper.ts'], lab.starter['helper.ts'], 'the solution gets what the starter imports');
  assert.equal(lab.starter['unused.ts'], undefined);
  writeFileSync(join(dir, 'starter', 'helper.ts'), 'export const helper = 2;\n');
  assert.throws(
    () => loadLab(dir),
    (error: unknown) =>
      error instanceof LabContentError &&
      error.file === join(dir, 'starter', 'helper.ts') &&
      /is also in the labs' common _shared\//.test(error.message) &&
      /any lab may import _shared\/helper\.ts/.test(error.hint),
  );
});

test('the entry and step regions may be in a shared/ file', () => {
  const dir = copyOfCognitoLab();
  mkdirSync(join(dir, 'shared'), { recursive: true }); // the Cognito lab may have one already
  writeFileSync(join(dir, 'shared', 'main.ts'), readFileSync(join(dir, 'solution', 'main.ts')));
  rmSync(join(dir, 'starter', 'main.ts'));
  rmSync(join(dir, 'solution', 'main.ts'));
  const lab = loadLab(dir);
  assert.equal(lab.starter['main.ts'], readFileSync(join(dir, 'shared', 'main.ts'), 'utf8'));
  assert.equal(lab.solution['main.ts'], lab.starter['main.ts']);
});

test('a schema error names the file, the field and the fix', () => {
  const dir = copyOfCognitoLab();
  writeFileSync(join(dir, 'lab.yaml'), 'id: cognito-client-credentials\ntitle: x\n');
  assert.throws(
    () => loadLab(dir),
    (error: unknown) =>
      error instanceof LabContentError && error.file.endsWith('lab.yaml') && error.field === 'summary' && /Fix:/.test(error.message),
  );
});

test('a step listing an unknown check is reported with the ids that exist', () => {
  const dir = copyOfCognitoLab();
  writeFileSync(join(dir, 'steps', '01-create-client.mdx'), '---\ntitle: t\nchecks: [nope]\nminutes: 1\n---\n');
  assert.throws(
    () => loadLab(dir),
    (error: unknown) =>
      error instanceof LabContentError &&
      error.field === 'checks' &&
      /unknown check "nope"/.test(error.message) &&
      /client-created/.test(error.hint),
  );
});

test('every schema issue of a file is reported, each with its field, then the fix', () => {
  const dir = copyOfCognitoLab();
  writeFileSync(join(dir, 'lab.yaml'), 'id: cognito-client-credentials\ntitle: x\nminutes: -1\nmechanism: carrier-pigeon\n');
  assert.throws(
    () => loadLab(dir),
    (error: unknown) => {
      if (!(error instanceof LabContentError)) return false;
      const fields = error.issues.map((issue) => issue.field);
      for (const field of ['summary', 'mechanism', 'minutes', 'objectives', 'needs', 'checks']) {
        assert.ok(fields.includes(field), `${field} is reported: ${error.message}`);
        assert.match(error.message, new RegExp(`lab\\.yaml → ${field}: `));
      }
      assert.equal(error.field, 'summary');
      assert.match(error.message, /\n {2}Fix: see the field descriptions/);
      return true;
    },
  );
});

/** The Cognito lab's step 2 with `extra` appended to its body. */
function withStepText(extra: string): { dir: string; step: string } {
  const dir = copyOfCognitoLab();
  const step = join(dir, 'steps', '02-get-token.mdx');
  writeFileSync(step, `${readFileSync(step, 'utf8')}\n${extra}\n`);
  return { dir, step };
}

const lineOf = (file: string, text: string): number => readFileSync(file, 'utf8').split('\n').indexOf(text) + 1;

test('a <LabCode> region that is not in the file is reported at load, with the regions that are', () => {
  const tag = '<LabCode file="solution/main.ts" region="get-tokne" />';
  const { dir, step } = withStepText(tag);
  assert.throws(
    () => loadLab(dir),
    (error: unknown) =>
      error instanceof LabContentError &&
      error.file === step &&
      error.field === `<LabCode> on line ${lineOf(step, tag)}, region` &&
      /region="get-tokne" is not in solution\/main\.ts/.test(error.message) &&
      /get-token/.test(error.hint),
  );
});

test('a <LabCode> file that is not in the lab is reported at load, with the files that are', () => {
  const { dir } = withStepText('<LabCode file="solutions/main.ts" />');
  assert.throws(
    () => loadLab(dir),
    (error: unknown) =>
      error instanceof LabContentError &&
      /, file$/.test(error.field ?? '') &&
      /file="solutions\/main\.ts" is not a file of this lab/.test(error.message) &&
      /solution\/main\.ts/.test(error.hint),
  );
});

test('a <LabCode> without a file, or with an expression, is reported at load', () => {
  assert.throws(
    () => loadLab(withStepText('<LabCode region="get-token" />').dir),
    (error: unknown) => error instanceof LabContentError && /has no file=/.test(error.message),
  );
  assert.throws(
    () => loadLab(withStepText('<LabCode file={name} />').dir),
    (error: unknown) => error instanceof LabContentError && /, file$/.test(error.field ?? '') && /is an expression/.test(error.message),
  );
});

test('a <LabCode> shown inside a fenced code block is an example, not a reference', () => {
  const { dir } = withStepText('```mdx\n<LabCode file="solution/nope.ts" />\n```');
  assert.ok(loadLab(dir).steps.length > 0);
});
