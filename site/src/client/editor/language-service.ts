/**
 * The TypeScript language service for attendee code: the runner's compiler
 * options (compiler-options.ts) and the declarations of the lab template's
 * packages, bundled at build time (src/build/lab-declarations.ts). The
 * worker (ts.worker.ts, started by typescript-worker.ts as Monaco starts to
 * load) fetches and parses the declarations itself and answers once they are
 * in, so the page and the editor never wait for them.
 *
 * The workspace's files are models at `file:///workspace/<name>` beside a
 * `package.json` saying `"type": "module"`, as in the runner's project: a
 * lab's files import each other with relative `.ts` specifiers, and Node's
 * module rules apply (ES modules, `node_modules` one folder up).
 */
import declarationsUrl from 'virtual:lab-declarations';
import { editorCompilerOptions } from './compiler-options.ts';
import type { typescriptDefaults as Defaults } from './monaco.ts';
import { declarationsInWorker } from './typescript-worker.ts';

export const WORKSPACE = 'file:///workspace/';

/**
 * Sets the options before any model exists (a change later would restart the
 * worker) and settles once the worker has the packages' types.
 */
export async function startLanguageService(defaults: typeof Defaults): Promise<void> {
  // `types` names @types/node for the build's walk; the worker has it as a root file.
  defaults.setCompilerOptions({ ...editorCompilerOptions, types: [] });
  // Only the models an editor shows are checked: the other tabs' files wait until they are opened, not in front of a completion.
  defaults.setDiagnosticsOptions({
    noSemanticValidation: false,
    noSyntaxValidation: false,
    noSuggestionDiagnostics: false,
    onlyVisible: true,
  });
  // Models in other tabs are known to the worker at once, so an import of another lab file resolves before it is opened.
  defaults.setEagerModelSync(true);
  const workspaceManifest = { content: '{ "type": "module", "private": true }', filePath: `${WORKSPACE}package.json` };
  defaults.setExtraLibs([workspaceManifest]);
  await declarationsInWorker;
  whenIdle(() => void copyDeclarationsToPage(defaults, workspaceManifest).catch(() => undefined));
}

/**
 * Go to definition and peek open a package's declaration file as a model,
 * which the page makes from its own copy of the extra libs: it gets one from
 * the HTTP cache once the page is idle (the worker keeps its own, already
 * parsed, so this costs the worker nothing).
 */
async function copyDeclarationsToPage(defaults: typeof Defaults, workspaceManifest: { content: string; filePath: string }): Promise<void> {
  const response = await fetch(declarationsUrl);
  if (!response.ok) return;
  const declarations = (await response.json()) as Record<string, string>;
  defaults.setExtraLibs([
    workspaceManifest,
    ...Object.entries(declarations).map(([path, content]) => ({ content, filePath: `file:///${path}` })),
  ]);
}

function whenIdle(work: () => void): void {
  if ('requestIdleCallback' in window) requestIdleCallback(work, { timeout: 10_000 });
  else setTimeout(work, 2000);
}
