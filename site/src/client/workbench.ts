import { labApi, type Files } from './api-client.ts';
import { createBrowserRunner, readCapabilities } from './browser-runner/webcontainer-runner.ts';
import { BrowserRunRefused, runInBrowser } from './browser-runner/browser-run.ts';
import { chooseRunner, unavailableLine, type BrowserRunnerState } from './browser-runner/runner-choice.ts';
import { markChecksRunning, revealOutcome, showCheckResults, stepOutcome } from './checks-view.ts';
import { clearRunProblem, markRunProblem } from './run-problem.ts';
import { announceRun } from './run-events.ts';
import { textareaEditor, type CodeEditor } from './editor.ts';

interface PageState {
  labId: string;
  entry: string;
  files: Files;
  stepCheckIds: string[];
  /** The lab's core (non-stretch) checks: all of them passing is the lab's done state. */
  coreCheckIds: string[];
  isLastStep: boolean;
  /** Where this step's Runs may go (its `runner`, resolved on the server). */
  placement: 'instance' | 'browser';
  /** The lab template's files for a WebContainer, when this server offers browser Runs for this step. */
  browserTemplate?: Files;
}

/** How long a WebContainer may take to boot, install the lab's packages, and run, before the page gives up on it. */
const BROWSER_LIMITS = { bootTimeoutMs: 20_000, installTimeoutMs: 120_000, runTimeoutMs: 30_000 };

/** The page's element `#id`, checked to be the kind of element the workbench expects. */
const byId = <T extends HTMLElement>(id: string, type: new () => T): T => {
  const element = document.getElementById(id);
  if (!element) throw new Error(`#${id} is missing from the page`);
  if (!(element instanceof type)) throw new Error(`#${id} is a <${element.localName}>, not the element the workbench expects`);
  return element;
};

/** Wires the lab page: editor (textarea first, Monaco when loaded), Run, Check, Reset, Show solution. */
export function startWorkbench(): void {
  const state = JSON.parse(byId('lab-state', HTMLScriptElement).textContent) as PageState;
  const api = labApi(state.labId);
  const files: Files = { ...state.files };
  let current = state.entry;
  let editor: CodeEditor = textareaEditor(byId('code-fallback', HTMLTextAreaElement));
  let comparing = false;
  const output = byId('output', HTMLPreElement);
  const runButton = byId('run-button', HTMLButtonElement);
  const checkButton = byId('check-button', HTMLButtonElement);
  const solutionButton = byId('solution-button', HTMLButtonElement);
  const runStatus = byId('run-status', HTMLElement);
  const runnerLine = document.getElementById('runner-line');
  const showRunnerLine = (text: string): void => {
    if (runnerLine) runnerLine.textContent = text;
  };
  // Only where this step may Run in the browser; booted once the page is idle (below), never pretended.
  const browserRunner = state.browserTemplate
    ? createBrowserRunner({ template: state.browserTemplate, capabilities: readCapabilities(), ...BROWSER_LIMITS })
    : undefined;
  browserRunner?.onState((next) => {
    if (next.status === 'booting')
      showRunnerLine('Starting the browser runner (WebContainer)… Runs use your sandbox instance until it is ready.');
    else if (next.status === 'ready') showRunnerLine('Runs in your browser (WebContainer); Check still judges what your sandbox saw.');
    else if (next.status === 'unavailable') showRunnerLine(unavailableLine(next.reason, next.detail));
  });
  const notOffered: BrowserRunnerState = { status: 'unavailable', reason: 'not-offered' };

  const syncCurrent = (): void => {
    if (!comparing) files[current] = editor.value();
  };
  let saveTimer: ReturnType<typeof setTimeout> | undefined;
  const scheduleSave = (): void => {
    clearTimeout(saveTimer);
    saveTimer = setTimeout(() => {
      syncCurrent();
      void api.save(files);
    }, 800);
  };

  const append = (text: string, className?: string): HTMLSpanElement => {
    const span = document.createElement('span');
    if (className) span.className = className;
    span.textContent = text;
    output.append(span);
    output.scrollTop = output.scrollHeight;
    return span;
  };
  const openFile = (file: string): void => {
    document.querySelector<HTMLButtonElement>(`.tab[data-file="${CSS.escape(file)}"]`)?.click();
  };
  // A failed Run's error, marked on its line in the editor and named in the output.
  const markProblem = (errorText: string): void => {
    markRunProblem({ editor, errorText, files: Object.keys(files), output, openFile });
  };
  const aheadText = (ahead: number): string => (ahead === 0 ? 'you are next' : `${String(ahead)} ahead of you`);

  const run = async (): Promise<void> => {
    if (runButton.disabled) return;
    if (comparing) toggleSolution();
    syncCurrent();
    clearTimeout(saveTimer);
    runButton.disabled = true;
    output.textContent = '';
    clearRunProblem(editor);
    let errorText = '';
    const choice = chooseRunner(state.placement, browserRunner?.state ?? notOffered);
    if (choice.why) showRunnerLine(choice.why);
    if (choice.runner === 'browser' && browserRunner) {
      const outputSink = { append, status: (text: string) => void (runStatus.textContent = text) };
      try {
        const outcome = await runInBrowser({
          labId: state.labId,
          runner: browserRunner,
          files: { ...files },
          entry: state.entry,
          output: outputSink,
        });
        if (outcome.exitCode !== 0) markProblem(outcome.errorText);
        runButton.disabled = false;
        return;
      } catch (error) {
        if (!(error instanceof BrowserRunRefused)) {
          append(`\n${error instanceof Error ? error.message : String(error)}\n`, 'meta failed');
          runStatus.textContent = 'Run failed.';
          runButton.disabled = false;
          return;
        }
        // The site says this sandbox takes no browser Runs: use the instance, and say why.
        showRunnerLine(`${error.message} This Run uses your sandbox instance.`);
      }
    }
    let started = performance.now();
    let queuedAhead: number | undefined;
    let queueLine: HTMLSpanElement | undefined;
    let runId: string | undefined;
    runStatus.textContent = 'Sending your code to your sandbox instance…';
    const ticker = setInterval(() => {
      const seconds = ((performance.now() - started) / 1000).toFixed(1);
      runStatus.textContent = queuedAhead === undefined ? `Running… ${seconds} s` : `Queued, ${aheadText(queuedAhead)}… ${seconds} s`;
    }, 200);
    try {
      for await (const event of api.run(files)) {
        if (event.type === 'queued') {
          // One line in the output, kept up to date: the room's Runs take turns.
          queueLine ??= append('', 'meta');
          queueLine.textContent = `Queued, ${aheadText(event.ahead)}: the room's Runs take turns.\n`;
          queuedAhead = event.ahead;
        } else if (event.type === 'started') {
          if (queueLine) queueLine.textContent = `Waited ${((performance.now() - started) / 1000).toFixed(1)} s for a turn.\n`;
          started = performance.now();
          queuedAhead = undefined;
          runId = event.runId;
          announceRun({ phase: 'started', runId });
        } else if (event.type === 'output') {
          if (event.stream === 'stderr') errorText += event.chunk;
          append(event.chunk, event.stream === 'stderr' ? 'stderr' : undefined);
        } else if (event.type === 'error') append(`\n${event.message}\n`, 'meta failed');
        else {
          const ok = event.exitCode === 0;
          runId ??= event.runId;
          append(`\n— exited with code ${event.exitCode ?? 'none'} in ${Math.round(event.durationMs)} ms\n`, ok ? 'meta' : 'meta failed');
          for (const note of event.notes ?? []) append(`${note}\n`, 'meta note');
          if (!ok) markProblem(errorText);
          runStatus.textContent = ok ? 'Finished. Press Check to see what the sandbox saw.' : 'Finished with an error.';
        }
      }
    } catch (error) {
      append(`\n${error instanceof Error ? error.message : String(error)}\n`, 'meta failed');
      runStatus.textContent = 'Run failed.';
    } finally {
      clearInterval(ticker);
      runButton.disabled = false;
      announceRun({ phase: 'ended', runId });
    }
  };

  const check = async (): Promise<void> => {
    checkButton.disabled = true;
    markChecksRunning();
    try {
      const report = await api.check();
      showCheckResults(report.results);
      // The summary by the buttons speaks (a live region); the output's status is left to Runs.
      revealOutcome(stepOutcome(report.results, state.stepCheckIds, state.coreCheckIds), state.isLastStep);
    } catch (error) {
      runStatus.textContent = `Check failed: ${error instanceof Error ? error.message : String(error)}`;
    } finally {
      document.querySelectorAll('#check-list .check.running').forEach((item) => item.classList.remove('running'));
      checkButton.disabled = false;
    }
  };

  let solution: Files | undefined;
  const toggleSolution = (): void => {
    comparing = !comparing;
    solutionButton.setAttribute('aria-pressed', String(comparing));
    solutionButton.textContent = comparing ? 'Back to my code' : 'Show solution';
    byId('solution-bar', HTMLElement).hidden = !comparing;
    editor.compare(files[current] ?? '', comparing ? (solution?.[current] ?? '') : undefined);
    if (!comparing) editor.show(current, files[current] ?? '');
  };

  runButton.addEventListener('click', () => void run());
  checkButton.addEventListener('click', () => void check());
  solutionButton.addEventListener('click', () => {
    if (comparing) {
      toggleSolution();
      return;
    }
    syncCurrent();
    void api.solution().then((data) => {
      solution = data.files;
      toggleSolution();
    });
  });
  byId('use-solution-button', HTMLElement).addEventListener('click', () => {
    if (!solution) return;
    Object.assign(files, solution);
    toggleSolution();
    editor.show(current, files[current] ?? '');
    scheduleSave();
  });
  // Shown only when the instructor unlocked steps for this attendee: take the code as of that step.
  document.getElementById('load-unlocked')?.addEventListener('click', () => {
    if (!confirm('Replace your code with the code as it stands after the unlocked steps? Your changes to this lab will be lost.')) return;
    void api.unlockedCode().then((data) => {
      Object.assign(files, data.files);
      if (comparing) toggleSolution();
      editor.show(current, files[current] ?? '');
      output.textContent = `Loaded the code as of step ${data.upToStep}. Press Run, then Check.`;
      scheduleSave();
    });
  });
  byId('reset-button', HTMLElement).addEventListener('click', () => {
    if (!confirm('Replace your code with the starter? Your changes to this lab will be lost.')) return;
    void api.reset().then((data) => {
      Object.assign(files, data.files);
      if (comparing) toggleSolution();
      editor.show(current, files[current] ?? '');
      output.textContent = 'Code reset to the starter.';
    });
  });
  for (const tab of document.querySelectorAll<HTMLButtonElement>('.tab')) {
    tab.addEventListener('click', () => {
      syncCurrent();
      current = tab.dataset.file ?? current;
      document.querySelectorAll('.tab').forEach((other) => other.setAttribute('aria-selected', String(other === tab)));
      editor.show(current, files[current] ?? '');
    });
  }
  document.addEventListener('keydown', (event) => {
    if ((event.ctrlKey || event.metaKey) && event.key === 'Enter') {
      event.preventDefault();
      void run();
    }
  });
  editor.onChange(scheduleSave);

  // Load Monaco once the page is idle; the textarea works until then (and if it never loads).
  const status = byId('editor-status', HTMLElement);
  const loadMonaco = (): void => {
    performance.mark('keyless:editor-load');
    // The TypeScript worker loads and builds its program on another core while this thread loads Monaco.
    import('./editor/typescript-worker.ts').then(({ prestartTypeScriptWorker }) => prestartTypeScriptWorker()).catch(() => undefined);
    import('./monaco-editor.ts')
      .then(({ mountMonaco }) => {
        syncCurrent();
        const textarea = byId('code-fallback', HTMLTextAreaElement);
        editor = mountMonaco(byId('editor-host', HTMLElement), { file: current, content: files[current] ?? '' }, () => void run(), files);
        editor.onChange(scheduleSave);
        textarea.hidden = true;
        status.textContent = '';
        document.body.dataset.editor = 'monaco';
      })
      .catch(() => {
        status.textContent = 'Simple editor (the full editor could not load).';
      });
  };
  if ('requestIdleCallback' in window) requestIdleCallback(loadMonaco, { timeout: 1500 });
  else setTimeout(loadMonaco, 200);
  // The WebContainer after the editor: it loads StackBlitz's runtime, which the first paint does not need.
  if (browserRunner) setTimeout(() => void browserRunner.start(), 1500);
}
