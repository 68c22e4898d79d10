/**
 * Lab code keeps the repository's style at every point an attendee sees it:
 * the starter, the partial solution after each step (generated from the
 * solution by region markers, so it exists only in memory) and the solution
 * are each written to a folder of their own (labs/content/<lab>/starter,
 * step-NN and solution under a scratch dir, the paths eslint.config.js
 * expects), type-checked with the compiler options of tsconfig.base.json and
 * linted with eslint.config.js.
 */
import assert from 'node:assert/strict';
import { mkdirSync, mkdtempSync, rmSync, symlinkSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { dirname, join, relative } from 'node:path';
import { after, before, describe, test } from 'node:test';
import { ESLint } from 'eslint';
import ts from 'typescript';
import { partialSolution, type Lab } from '@keyless/labs';
import { repoLabs } from './test-support/local-sandboxes.ts';
import { repoRoot } from './test-support/repo.ts';

/** One version of a lab's code: its folder in the scratch dir and its files. */
interface Version {
  readonly lab: Lab;
  readonly name: string;
  readonly dir: string;
  readonly files: Readonly<Record<string, string>>;
}

const scratch = mkdtempSync(join(tmpdir(), 'keyless-lab-code-'));
// The lab code imports the template's packages; they resolve from the repository's node_modules.
symlinkSync(join(repoRoot, 'node_modules'), join(scratch, 'node_modules'), 'dir');
// ES modules, as the lab template runs them (top-level await).
writeFileSync(join(scratch, 'package.json'), JSON.stringify({ type: 'module' }));

const labs = repoLabs();
const versions: Version[] = labs.flatMap((lab) =>
  [
    { lab, name: 'starter', files: lab.starter },
    ...lab.steps.map((step) => ({ lab, name: `step-${String(step.number).padStart(2, '0')}`, files: partialSolution(lab, step.number) })),
    { lab, name: 'solution', files: lab.solution },
  ].map((version) => ({ ...version, dir: join(scratch, 'labs', 'content', lab.folder, version.name) })),
);

for (const version of versions) {
  for (const [name, source] of Object.entries(version.files)) {
    const file = join(version.dir, name);
    mkdirSync(dirname(file), { recursive: true });
    writeFileSync(file, source);
  }
}

let program: ts.Program;
let lint: Map<string, ESLint.LintResult>;

before(async () => {
  const config = ts.readConfigFile(join(repoRoot, 'tsconfig.base.json'), (path) => ts.sys.readFile(path));
  assert.equal(config.error, undefined);
  const { options, errors } = ts.parseJsonConfigFileContent(config.config, ts.sys, repoRoot);
  assert.deepEqual(errors, []);
  const rootNames = versions.flatMap((version) =>
    Object.keys(version.files)
      .filter((name) => name.endsWith('.ts'))
      .map((name) => join(version.dir, name)),
  );
  program = ts.createProgram({ rootNames, options: { ...options, typeRoots: [join(repoRoot, 'node_modules', '@types')] } });
  // The repository's lint config, with the program above as the type information
  // (the scratch dir has no tsconfig for the project service to find).
  const eslint = new ESLint({
    cwd: scratch,
    overrideConfigFile: join(repoRoot, 'eslint.config.js'),
    overrideConfig: { languageOptions: { parserOptions: { projectService: false, programs: [program] } } },
  });
  const results = await eslint.lintFiles(rootNames);
  lint = new Map(results.map((result) => [result.filePath, result]));
});

after(() => rmSync(scratch, { recursive: true, force: true }));

/** `file:line:col message` for a diagnostic, relative to the version's folder. */
function formatDiagnostic(version: Version, diagnostic: ts.Diagnostic): string {
  const message = ts.flattenDiagnosticMessageText(diagnostic.messageText, '\n');
  if (!diagnostic.file || diagnostic.start === undefined) return message;
  const { line, character } = diagnostic.file.getLineAndCharacterOfPosition(diagnostic.start);
  return `${relative(version.dir, diagnostic.file.fileName)}:${line + 1}:${character + 1} TS${diagnostic.code} ${message}`;
}

for (const lab of labs) {
  describe(`lab ${lab.folder} code`, () => {
    for (const version of versions.filter((candidate) => candidate.lab === lab)) {
      const files = Object.keys(version.files).filter((name) => name.endsWith('.ts'));

      test(`${version.name} type-checks`, () => {
        const problems = files.flatMap((name) => {
          const source = program.getSourceFile(join(version.dir, name));
          assert.ok(source, `${name} is in the program`);
          return [...program.getSyntacticDiagnostics(source), ...program.getSemanticDiagnostics(source)].map((diagnostic) =>
            formatDiagnostic(version, diagnostic),
          );
        });
        assert.deepEqual(problems, []);
      });

      test(`${version.name} lints clean`, () => {
        const problems = files.flatMap((name) => {
          const result = lint.get(join(version.dir, name));
          assert.ok(result, `${name} was linted`);
          return result.messages.map((message) => `${name}:${message.line}:${message.column} ${message.ruleId ?? ''} ${message.message}`);
        });
        assert.deepEqual(problems, []);
      });
    }
  });
}
