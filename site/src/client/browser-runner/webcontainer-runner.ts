/**
 * The browser runner: a WebContainer (`@webcontainer/api`), booted lazily on
 * a lab page whose step may Run in the browser. The module and StackBlitz's
 * runtime load only when `start()` is called, after the page is idle.
 *
 * It is "ready" only once the container booted AND `npm install` of the lab
 * template's packages exited 0; until then, and if either fails or times
 * out, Runs go to the instance runner and the page says why in one line
 * (runner-choice.ts). Nothing pretends to have booted.
 */
import type { WebContainer } from '@webcontainer/api';
import { buildFileTree, type ProjectFiles } from './file-tree.ts';
import { cannotBoot, type BrowserCapabilities, type BrowserRunnerState } from './runner-choice.ts';

export interface BrowserRunResult {
  readonly exitCode: number | null;
  readonly durationMs: number;
  readonly timedOut: boolean;
}

export interface BrowserRunner {
  readonly state: BrowserRunnerState;
  onState(listener: (state: BrowserRunnerState) => void): void;
  /** Boots (once); resolves when ready or unavailable. */
  start(): Promise<void>;
  run(
    files: ProjectFiles,
    entry: string,
    env: Readonly<Record<string, string>>,
    onOutput: (text: string) => void,
  ): Promise<BrowserRunResult>;
}

export interface BrowserRunnerOptions {
  /** The lab template's files (package.json for the container, see containerManifest). */
  readonly template: ProjectFiles;
  readonly capabilities: BrowserCapabilities;
  /** The boot (StackBlitz's runtime loading and starting) may take this long. */
  readonly bootTimeoutMs: number;
  /** `npm install` of the template's packages may take this long. */
  readonly installTimeoutMs: number;
  /** A Run is stopped after this long, as the instance runner stops one. */
  readonly runTimeoutMs: number;
}

/** Terminal control sequences (colours, cursor moves) the container's pseudo-terminal adds; the output panel shows plain text. */
// eslint-disable-next-line no-control-regex
const ANSI = /\x1b\[[0-9;?]*[ -/]*[@-~]|\x1b\][^\x07]*\x07/g;

export function plainTerminalText(text: string): string {
  return text.replace(ANSI, '').replace(/\r\n/g, '\n').replace(/\r/g, '');
}

export function createBrowserRunner(options: BrowserRunnerOptions): BrowserRunner {
  let state: BrowserRunnerState = { status: 'idle' };
  let container: WebContainer | undefined;
  let starting: Promise<void> | undefined;
  const listeners: ((state: BrowserRunnerState) => void)[] = [];
  const set = (next: BrowserRunnerState): void => {
    state = next;
    for (const listener of listeners) listener(next);
  };

  const boot = async (): Promise<void> => {
    const blocked = cannotBoot(options.capabilities);
    if (blocked) {
      set({ status: 'unavailable', reason: blocked });
      return;
    }
    set({ status: 'booting' });
    try {
      const { WebContainer } = await import('@webcontainer/api');
      const booted = await withTimeout(WebContainer.boot({ coep: 'require-corp', workdirName: 'lab' }), options.bootTimeoutMs);
      if (booted === TIMED_OUT) {
        set({ status: 'unavailable', reason: 'timeout', detail: seconds(options.bootTimeoutMs) });
        return;
      }
      container = booted;
      await container.mount(buildFileTree(options.template, {}));
      const install = await container.spawn('npm', ['install', '--no-audit', '--no-fund'], { output: false });
      const installed = await withTimeout(install.exit, options.installTimeoutMs);
      if (installed === TIMED_OUT) {
        install.kill();
        set({ status: 'unavailable', reason: 'install-failed', detail: `not done in ${seconds(options.installTimeoutMs)}` });
        return;
      }
      if (installed !== 0) {
        set({ status: 'unavailable', reason: 'install-failed', detail: `npm exited with ${String(installed)}` });
        return;
      }
      set({ status: 'ready' });
    } catch (error) {
      set({ status: 'unavailable', reason: 'boot-failed', detail: error instanceof Error ? error.message.slice(0, 120) : String(error) });
    }
  };

  return {
    get state() {
      return state;
    },
    onState(listener) {
      listeners.push(listener);
    },
    start() {
      starting ??= boot();
      return starting;
    },
    async run(files, entry, env, onOutput) {
      if (!container || state.status !== 'ready') throw new Error('The browser runner is not ready.');
      const started = performance.now();
      await container.mount(buildFileTree({}, files));
      const process = await container.spawn('npx', ['--no-install', 'tsx', entry], { env: { ...env } });
      void process.output.pipeTo(new WritableStream({ write: (chunk) => onOutput(plainTerminalText(chunk)) })).catch(() => undefined);
      const exit = await withTimeout(process.exit, options.runTimeoutMs);
      if (exit === TIMED_OUT) process.kill();
      return { exitCode: exit === TIMED_OUT ? null : exit, durationMs: performance.now() - started, timedOut: exit === TIMED_OUT };
    },
  };
}

const TIMED_OUT = Symbol('timed out');

function withTimeout<T>(promise: Promise<T>, ms: number): Promise<T | typeof TIMED_OUT> {
  let timer: ReturnType<typeof setTimeout> | undefined;
  const timeout = new Promise<typeof TIMED_OUT>((resolve) => (timer = setTimeout(() => resolve(TIMED_OUT), ms)));
  return Promise.race([promise, timeout]).finally(() => clearTimeout(timer));
}

function seconds(ms: number): string {
  return `${String(Math.round(ms / 1000))} s`;
}

/** The capabilities the runner choice needs, read from this browser. */
export function readCapabilities(): BrowserCapabilities {
  return {
    crossOriginIsolated: window.crossOriginIsolated,
    sharedArrayBuffer: typeof SharedArrayBuffer === 'function',
    online: navigator.onLine,
    userAgent: navigator.userAgent,
    platform: navigator.platform,
    maxTouchPoints: navigator.maxTouchPoints,
  };
}
