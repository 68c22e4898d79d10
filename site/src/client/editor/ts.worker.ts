/**
 * The editor's TypeScript worker: Monaco's own (its TypeScriptWorker and
 * message protocol), changed where the first completion waited:
 *
 * - It fetches and parses the packages' declarations itself (the page only
 *   sends their URL, before Monaco's first message), so the page's main
 *   thread never parses or copies their 6 MB, and the download starts with
 *   the worker, in parallel with Monaco loading on the page.
 * - It answers no request until they are in and the program is built: the
 *   diagnostics never run against a world without the packages (no flash of
 *   "Cannot find module", no check thrown away), and the first completion
 *   finds every file parsed and bound.
 * - The program's root files are the workspace's models and @types/node, as
 *   in the build's walk (`types: ['node']`, src/build/lab-declarations.ts):
 *   another package's declarations are parsed only when an import reaches
 *   them, so a lab that uses one AWS client does not parse the others.
 *
 * Named `ts.worker` like Monaco's, so the built file is `ts.worker-<hash>.js`
 * (the wire-bytes bench counts it as the language service by that name).
 */
import { initialize } from 'monaco-editor/internal/common/initialize.js';
import { TypeScriptWorker, type ExtraLibs } from 'monaco-editor/languages/features/typescript/tsWorker.js';
import { isDeclarationsRequest, type DeclarationsReport, type WorkerTimings } from './declarations-report.ts';

/** Node's globals and modules: always in the program, as `types: ['node']` has them in the build's walk. */
const NODE_TYPES = 'file:///node_modules/@types/node/index.d.ts';

const now = (): number => performance.timeOrigin + performance.now();
const started = now();

interface FetchedDeclarations {
  readonly files: Readonly<Record<string, string>>;
  readonly fetched: number;
  readonly parsed: number;
}

async function fetchDeclarations(url: string): Promise<FetchedDeclarations> {
  const response = await fetch(url);
  if (!response.ok) throw new Error(`the packages' declarations did not load (${String(response.status)})`);
  const text = await response.text();
  const fetched = now();
  const files = JSON.parse(text) as Record<string, string>;
  return { files, fetched, parsed: now() };
}

class LabTypeScriptWorker extends TypeScriptWorker {
  /** The bundled declarations as extra libs, `file:///node_modules/…` → text; the page's own extra libs never replace them. */
  private declarations: ExtraLibs = {};

  override getScriptFileNames(): string[] {
    return super.getScriptFileNames().filter((name) => !(name in this.declarations) || name === NODE_TYPES);
  }

  /** The page sends all its extra libs; the declarations stay this worker's (same build, same text), so their version and parsed files are kept. */
  override updateExtraLibs(extraLibs: ExtraLibs): Promise<void> {
    return super.updateExtraLibs({ ...extraLibs, ...this.declarations });
  }

  /** Whether `fileName` is a model the page still has or an extra lib: the only files a request can be about. */
  hasScript(fileName: string): boolean {
    return super.getScriptFileNames().includes(fileName);
  }

  /** Adds the declarations, then parses, binds and builds the checker at once, before the first request. */
  addDeclarations(files: Readonly<Record<string, string>>): void {
    for (const [path, content] of Object.entries(files)) this.declarations[`file:///${path}`] = { content, version: 1 };
    void super.updateExtraLibs({ ...this.getExtraLibs(), ...this.declarations });
    this.getLanguageService().getProgram()?.getTypeChecker();
  }
}

/**
 * `worker` whose every method waits for `loaded` first: Monaco's requests
 * queue until the declarations are in. A queued request may name a model the
 * page has disposed meanwhile (the solution diff's sides, closed by "Replace
 * my code with the solution" before the declarations arrived): TypeScript
 * throws "Could not find source file" for it, so it gets the answer for a file
 * with nothing in it instead — no diagnostics, nothing else — as Monaco's
 * adapters drop any answer for a model that is gone.
 */
function answeringOnceLoaded<T extends LabTypeScriptWorker>(worker: T, loaded: Promise<void>): T {
  return new Proxy(worker, {
    get(target, property) {
      const value: unknown = Reflect.get(target, property, target);
      if (typeof value !== 'function') return value;
      return async (...args: unknown[]): Promise<unknown> => {
        await loaded;
        const [fileName] = args;
        if (typeof fileName === 'string' && fileName.includes('://') && !target.hasScript(fileName))
          return String(property).endsWith('Diagnostics') ? [] : undefined;
        return Reflect.apply(value, target, args) as unknown;
      };
    },
  });
}

function createWorker(context: unknown, createData: unknown, declarations: Promise<FetchedDeclarations>): object {
  const worker = new LabTypeScriptWorker(context, createData);
  const loaded = declarations.then(
    ({ files, fetched, parsed }) => {
      worker.addDeclarations(files);
      const timings: WorkerTimings = { started, fetched, parsed, programBuilt: now() };
      self.postMessage({ keylessDeclarationsLoaded: { files: Object.keys(files).length, timings } } satisfies DeclarationsReport);
    },
    (error: unknown) => {
      self.postMessage({ keylessDeclarationsFailed: String(error) } satisfies DeclarationsReport);
    },
  );
  return answeringOnceLoaded(worker, loaded);
}

let declarations: Promise<FetchedDeclarations> | undefined;
self.onmessage = (event: MessageEvent) => {
  const data: unknown = event.data;
  if (isDeclarationsRequest(data)) {
    declarations = fetchDeclarations(data.keylessDeclarations);
    // Settled by createWorker; until Monaco's createData arrives, a failure is not unhandled.
    declarations.catch(() => undefined);
    return;
  }
  // Monaco's first message: its protocol takes over the worker's messages from here.
  initialize((context, createData) =>
    createWorker(context, createData, declarations ?? Promise.reject(new Error('the page sent no declarations URL'))),
  );
};
