/**
 * The declaration bundle, loaded the way the editor's TypeScript worker loads
 * it (every file at `file:///…`, the current directory empty, no disk), with
 * the editor's compiler options: every lab's starter and solution type-check
 * clean, the packages' types are real (a wrong argument is an error, the
 * client's methods complete), and the runner's rules are flagged.
 */
import assert from 'node:assert/strict';
import { dirname, join } from 'node:path';
import { before, test } from 'node:test';
import { fileURLToPath } from 'node:url';
import { loadLabs } from '@keyless/labs';
import ts from 'typescript';
import { editorCompilerOptions } from '../client/editor/compiler-options.ts';
import { collectLabDeclarations, type DeclarationFiles } from './lab-declarations.ts';

const root = fileURLToPath(new URL('../../../', import.meta.url));
const libDir = dirname(ts.getDefaultLibFilePath({}));
let declarations: DeclarationFiles;

before(() => {
  declarations = collectLabDeclarations({ root, templateManifest: join(root, 'labs/templates/node/package.json') });
});

/**
 * A language service over the bundle and workspaces (folder → name → source,
 * at file:///folder/name beside the browser's package.json), as the browser's
 * worker sees them (it has one folder, `workspace`).
 */
function workerLike(workspaces: Readonly<Record<string, Readonly<Record<string, string>>>>): ts.LanguageService {
  const files = new Map<string, string>();
  for (const [path, content] of Object.entries(declarations)) files.set(`file:///${path}`, content);
  for (const [folder, workspace] of Object.entries(workspaces)) {
    files.set(`file:///${folder}/package.json`, '{ "type": "module", "private": true }');
    for (const [name, content] of Object.entries(workspace)) files.set(`file:///${folder}/${name}`, content);
  }
  const text = (fileName: string): string | undefined =>
    files.get(fileName) ?? (fileName.startsWith('lib.') ? ts.sys.readFile(join(libDir, fileName)) : undefined);
  const host: ts.LanguageServiceHost = {
    getCompilationSettings: () => ({ ...editorCompilerOptions, types: [] }),
    getScriptFileNames: () => [...files.keys()],
    getScriptVersion: () => '1',
    getScriptSnapshot: (fileName) => {
      const source = text(fileName);
      return source === undefined ? undefined : ts.ScriptSnapshot.fromString(source);
    },
    getCurrentDirectory: () => '',
    getDefaultLibFileName: () => 'lib.es2023.full.d.ts',
    readFile: text,
    fileExists: (fileName) => text(fileName) !== undefined,
  };
  return ts.createLanguageService(host);
}

function errors(service: ts.LanguageService, name: string, folder = 'workspace'): string[] {
  const fileName = `file:///${folder}/${name}`;
  return [...service.getSyntacticDiagnostics(fileName), ...service.getSemanticDiagnostics(fileName)].map((diagnostic) => {
    const line = diagnostic.file ? diagnostic.file.getLineAndCharacterOfPosition(diagnostic.start ?? 0).line + 1 : 0;
    return `${name}:${String(line)} TS${String(diagnostic.code)} ${ts.flattenDiagnosticMessageText(diagnostic.messageText, ' ')}`;
  });
}

test('the bundle holds declarations from node_modules only, and no TypeScript lib file', () => {
  const paths = Object.keys(declarations);
  assert.ok(paths.length > 0);
  assert.ok(paths.every((path) => path.startsWith('node_modules/')));
  assert.ok(paths.every((path) => path.endsWith('.d.ts') || path.endsWith('.d.mts') || path.endsWith('/package.json')));
  assert.ok(!paths.some((path) => path.startsWith('node_modules/typescript/')));
  for (const name of [
    '@aws-sdk/client-sts',
    '@aws-sdk/credential-providers',
    'jose',
    'aws-jwt-verify',
    '@smithy/signature-v4',
    '@types/node',
  ]) {
    assert.ok(paths.includes(`node_modules/${name}/package.json`), `${name}'s package.json is in the bundle`);
  }
});

test("every lab's starter and solution type-check clean against the bundle", () => {
  // One service for all of them (one folder per lab and kind), so the bundle is checked once.
  const workspaces: Record<string, Readonly<Record<string, string>>> = {};
  for (const lab of loadLabs(join(root, 'labs/content'))) {
    workspaces[`${lab.definition.id}/starter`] = lab.starter;
    workspaces[`${lab.definition.id}/solution`] = lab.solution;
  }
  const service = workerLike(workspaces);
  const found = Object.entries(workspaces).flatMap(([folder, workspace]) =>
    Object.keys(workspace)
      .filter((name) => name.endsWith('.ts'))
      .flatMap((name) => errors(service, name, folder).map((error) => `${folder}/${error}`)),
  );
  assert.deepEqual(found, []);
});

test("the packages' types are real: a wrong argument is an error on its line, and the client's methods complete", () => {
  const source = [
    "import { CognitoIdentityProviderClient } from '@aws-sdk/client-cognito-identity-provider';",
    "import { createHash } from 'node:crypto';",
    'const client = new CognitoIdentityProviderClient({ region: 42 });',
    "console.log(createHash('sha256').digest('hex'), process.env.AWS_REGION);",
    'client.',
  ].join('\n');
  const service = workerLike({ workspace: { 'main.ts': source } });
  const found = errors(service, 'main.ts');
  assert.ok(
    found.some((error) => error.startsWith('main.ts:3 TS2345')),
    found.join('\n'),
  );
  const completions = service.getCompletionsAtPosition('file:///workspace/main.ts', source.length, {});
  assert.ok(completions?.entries.some((entry) => entry.name === 'send'));
});

test("a lab's own files resolve each other, and what Node's type stripping cannot run is flagged", () => {
  const service = workerLike({
    workspace: {
      'main.ts': [
        "import { greet } from './greet.ts';",
        "import { STSClientConfig } from '@aws-sdk/client-sts';",
        'enum Mode { On }',
        'console.log(greet(Mode.On));',
        'export type Unused = STSClientConfig;',
      ].join('\n'),
      'greet.ts': 'export function greet(mode: number): string {\n  return `mode ${String(mode)}`;\n}\n',
    },
  });
  const found = errors(service, 'main.ts');
  assert.ok(!found.some((error) => error.includes("'./greet.ts'")), found.join('\n'));
  assert.ok(
    found.some((error) => error.startsWith('main.ts:2 TS1484')),
    found.join('\n'),
  ); // a type imported as a value (verbatimModuleSyntax)
  assert.ok(
    found.some((error) => error.startsWith('main.ts:3 TS1294')),
    found.join('\n'),
  ); // an enum (erasableSyntaxOnly)
});
