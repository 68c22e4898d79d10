/**
 * The TypeScript language service for attendee code: the runner's compiler
 * options (compiler-options.ts) and the declarations of the lab template's
 * packages, bundled at build time (src/build/lab-declarations.ts) and loaded
 * only once the editor shows, so the page and the editor never wait for them.
 *
 * The workspace's files are models at `file:///workspace/<name>` beside a
 * `package.json` saying `"type": "module"`, as in the runner's project: a
 * lab's files import each other with relative `.ts` specifiers, and Node's
 * module rules apply (ES modules, `node_modules` one folder up).
 */
import declarationsUrl from 'virtual:lab-declarations';
import { editorCompilerOptions } from './compiler-options.ts';
import type { typescriptDefaults as Defaults } from './monaco.ts';

export const WORKSPACE = 'file:///workspace/';

/** Sets the options now (diagnostics of the lab's own code work at once) and adds the packages' types when they arrive. */
export async function startLanguageService(defaults: typeof Defaults): Promise<void> {
  // `types` names @types/node for the build's walk; in the worker every bundled file is a root file already.
  defaults.setCompilerOptions({ ...editorCompilerOptions, types: [] });
  defaults.setDiagnosticsOptions({ noSemanticValidation: false, noSyntaxValidation: false, noSuggestionDiagnostics: false });
  // Models in other tabs are known to the worker at once, so an import of another lab file resolves before it is opened.
  defaults.setEagerModelSync(true);
  const workspaceManifest = { content: '{ "type": "module", "private": true }', filePath: `${WORKSPACE}package.json` };
  defaults.setExtraLibs([workspaceManifest]);
  const response = await fetch(declarationsUrl);
  if (!response.ok) throw new Error(`the packages' declarations did not load (${String(response.status)})`);
  const declarations = (await response.json()) as Record<string, string>;
  defaults.setExtraLibs([
    workspaceManifest,
    ...Object.entries(declarations).map(([path, content]) => ({ content, filePath: `file:///${path}` })),
  ]);
}
