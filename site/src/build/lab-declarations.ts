/**
 * The type declarations the editor's TypeScript language service needs to
 * know the packages attendee code may import: collected at build time from
 * `node_modules` (no CDN: the site works offline), and only the files those
 * imports actually reach.
 *
 * TypeScript itself does the walking: a program whose one root file imports
 * every package of the lab template (labs/templates/node/package.json), plus
 * `@types/node` for Node's own modules and globals, is resolved with the
 * editor's compiler options; the `.d.ts` files it loaded from `node_modules`,
 * and the `package.json` files it read to resolve them, are the bundle. So a
 * package's declarations that no lab import reaches are left out, and what is
 * in resolves in the browser exactly as it did here. The editor's worker
 * (client/editor/ts.worker.ts) keeps the same roots: the attendee's files
 * and @types/node, as `types: ['node']` has it here, so it parses another
 * package's files only once an import reaches them.
 */
import { readFileSync, realpathSync } from 'node:fs';
import { dirname, join, sep } from 'node:path';
import ts from 'typescript';
import { editorTsconfigOptions } from '../client/editor/compiler-options.ts';

/** Path under `file:///` (e.g. `node_modules/jose/dist/types/index.d.ts`) → file text. */
export type DeclarationFiles = Record<string, string>;

/**
 * Subpath imports the labs use beyond each package's main entry (a lab
 * importing `aws-jwt-verify/jwk` needs that entry's declarations too).
 */
const EXTRA_ENTRIES = ['aws-jwt-verify/jwk'];

/** The package.json fields TypeScript reads to resolve a package; the rest (scripts, authors, …) is left out. */
const RESOLUTION_FIELDS = ['name', 'version', 'type', 'types', 'typings', 'typesVersions', 'main', 'module', 'exports', 'imports'];

export interface CollectOptions {
  /** Folder whose `node_modules` holds the packages (the repository root: npm hoists them there). */
  readonly root: string;
  /** The lab template's package.json. */
  readonly templateManifest: string;
}

/** Walks the imports of every template package with TypeScript and returns the declaration files reached. */
export function collectLabDeclarations({ root, templateManifest }: CollectOptions): DeclarationFiles {
  const manifest = JSON.parse(readFileSync(templateManifest, 'utf8')) as { dependencies?: Record<string, string> };
  const entries = [...Object.keys(manifest.dependencies ?? {}), ...EXTRA_ENTRIES];
  const rootFile = join(root, '__lab-imports__.ts');
  const rootSource = entries.map((name, index) => `import type * as entry${String(index)} from '${name}';\n`).join('');
  const { options, errors } = ts.convertCompilerOptionsFromJson(editorTsconfigOptions, root);
  if (errors.length > 0) throw new Error(errors.map((error) => ts.flattenDiagnosticMessageText(error.messageText, '\n')).join('\n'));
  const host = ts.createCompilerHost(options);
  const manifestsRead = new Set<string>();
  const readFile = host.readFile.bind(host);
  host.readFile = (fileName) => {
    if (fileName === rootFile) return rootSource;
    if (fileName.endsWith(`${sep}package.json`) || fileName.endsWith('/package.json')) manifestsRead.add(fileName);
    return readFile(fileName);
  };
  const fileExists = host.fileExists.bind(host);
  host.fileExists = (fileName) => fileName === rootFile || fileExists(fileName);
  const getSourceFile = host.getSourceFile.bind(host);
  host.getSourceFile = (fileName, languageVersion, onError, shouldCreate) =>
    fileName === rootFile
      ? ts.createSourceFile(fileName, rootSource, languageVersion)
      : getSourceFile(fileName, languageVersion, onError, shouldCreate);
  host.getCurrentDirectory = () => root;

  const program = ts.createProgram({ rootNames: [rootFile], options, host });
  const unresolved = ts
    .getPreEmitDiagnostics(program, program.getSourceFile(rootFile))
    .map((diagnostic) => ts.flattenDiagnosticMessageText(diagnostic.messageText, '\n'));
  if (unresolved.length > 0) throw new Error(`lab template packages without declarations:\n${unresolved.join('\n')}`);

  // Named from the first node_modules of their real path (nested copies keep their place), however node_modules is linked.
  const inModules = (fileName: string): string | undefined => {
    const path = realpathSync(fileName).split(sep).join('/');
    const at = path.indexOf('/node_modules/');
    return at === -1 ? undefined : path.slice(at + 1);
  };
  const files: DeclarationFiles = {};
  const add = (fileName: string, text: string): void => {
    const path = inModules(fileName);
    if (path !== undefined) files[path] = text;
  };
  for (const source of program.getSourceFiles()) {
    // TypeScript's own lib files are in the editor's worker already.
    if (source.fileName !== rootFile && !program.isSourceFileDefaultLibrary(source)) add(source.fileName, source.text);
  }
  for (const fileName of manifestsRead) {
    const text = readFile(fileName);
    if (text === undefined) continue;
    // Only manifests of folders that hold a bundled declaration file matter for resolution.
    const path = inModules(fileName);
    if (path === undefined) continue;
    const prefix = `${dirname(path)}/`;
    if (!Object.keys(files).some((bundled) => bundled.startsWith(prefix))) continue;
    const full = JSON.parse(text) as Record<string, unknown>;
    files[path] = JSON.stringify(Object.fromEntries(RESOLUTION_FIELDS.filter((key) => key in full).map((key) => [key, full[key]])));
  }
  return Object.fromEntries(Object.entries(files).sort(([a], [b]) => a.localeCompare(b)));
}
