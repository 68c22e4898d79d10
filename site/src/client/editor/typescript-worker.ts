/**
 * The page's side of the editor's TypeScript worker (ts.worker.ts). The lab
 * page starts it when it starts loading Monaco (`prestartTypeScriptWorker`),
 * so its 7 MB script, the packages' declarations and the program it builds
 * from them load and compile on another core while the page's main thread
 * loads and mounts Monaco; Monaco then takes that worker when it first asks
 * for one (`takeTypeScriptWorker`, from MonacoEnvironment.getWorker), and a
 * fresh one if it ever restarts it. A small chunk of its own: the page
 * imports it before Monaco's chunk, and Monaco's chunk imports it too.
 */
import declarationsUrl from 'virtual:lab-declarations';
import TypeScriptWorkerScript from './ts.worker.ts?worker';
import { isDeclarationsReport, type DeclarationsReport, type DeclarationsRequest } from './declarations-report.ts';

let prestarted: Worker | undefined;
let taken = false;
let settle: (report: DeclarationsReport) => void = () => undefined;

/**
 * Settles with the first worker's report: fulfilled once the declarations
 * are in its language service (completions for the packages work from
 * then on), rejected if they could not load.
 */
export const declarationsInWorker = new Promise<void>((resolve, reject) => {
  settle = (report) => {
    if ('keylessDeclarationsFailed' in report) return reject(new Error(report.keylessDeclarationsFailed));
    // On the page's timeline, for the editor bench (site/bench/editor-latency.ts) and the browser's performance panel.
    for (const [step, at] of Object.entries(report.keylessDeclarationsLoaded.timings))
      performance.mark(`keyless:ts-worker-${step}`, { startTime: at - performance.timeOrigin });
    resolve();
  };
});

function startWorker(): Worker {
  const worker = new TypeScriptWorkerScript();
  worker.addEventListener('message', (event: MessageEvent) => {
    const data: unknown = event.data;
    if (isDeclarationsReport(data)) settle(data);
  });
  worker.postMessage({ keylessDeclarations: new URL(declarationsUrl, location.href).href } satisfies DeclarationsRequest);
  return worker;
}

/** Starts the worker now, unless Monaco already has one. */
export function prestartTypeScriptWorker(): void {
  if (taken || prestarted) return;
  performance.mark('keyless:ts-worker-prestart');
  prestarted = startWorker();
}

/** The prestarted worker the first time, a new one after. */
export function takeTypeScriptWorker(): Worker {
  taken = true;
  const worker = prestarted ?? startWorker();
  prestarted = undefined;
  return worker;
}
