/**
 * What the editor bench reads inside the page, on the page's own clock
 * (`performance.now()`, 0 at navigation start), so no round trip to the
 * bench process is counted: installed before any page script runs, it notes
 * the first moment of each milestone from signals any build shows (the
 * `data-*` attributes the end-to-end tests wait for, the workers' first
 * messages, the suggest widget's rows), never from the product's internals.
 */

/** Milestone name → ms since navigation start; absent when it never happened. */
export type Timeline = Partial<Record<Milestone, number>>;

export type Milestone =
  | 'editorMounted'
  | 'declarationsLoaded'
  | 'tsWorkerCreated'
  | 'tsWorkerFirstMessage'
  | 'editorWorkerCreated'
  | 'editorWorkerFirstMessage'
  | 'completionShown';

export interface PageFigures {
  readonly timeline: Timeline;
  /** The page's `keyless:*` performance marks (the editor's own, where the build has them), by name. */
  readonly marks: Readonly<Record<string, number>>;
  /** Fetch start and end of the files the editor loads, by a short name (resource timing). */
  readonly resources: Readonly<Record<string, { start: number; end: number }>>;
  readonly firstContentfulPaint: number;
  readonly loadEventEnd: number;
  /** Main-thread tasks over 50 ms until the completion showed: their sum and the longest. */
  readonly longTasksMs: number;
  readonly longestTaskMs: number;
}

declare global {
  interface Window {
    __keylessTimeline?: Timeline & { longTasksMs?: number; longestTaskMs?: number };
  }
}

/**
 * Runs in the page (passed to `addInitScript`, so it must not close over
 * anything): wraps `Worker` to see the workers start and first answer, and
 * watches the DOM for the editor's milestones. `completionRow` is the
 * suggest row's text that counts as the completion list (`send` after `client.`).
 */
export function recordEditorTimeline(completionRow: string): void {
  const timeline: NonNullable<Window['__keylessTimeline']> = {};
  window.__keylessTimeline = timeline;
  const at = (name: Milestone): void => {
    timeline[name] ??= performance.now();
  };
  const PageWorker = window.Worker;
  window.Worker = class extends PageWorker {
    constructor(url: string | URL, options?: WorkerOptions) {
      super(url, options);
      const ts = /ts\.worker/.test(String(url));
      at(ts ? 'tsWorkerCreated' : 'editorWorkerCreated');
      this.addEventListener('message', () => at(ts ? 'tsWorkerFirstMessage' : 'editorWorkerFirstMessage'), { once: true });
    }
  };
  const observer = new MutationObserver(() => {
    // The observer starts before <body> exists.
    const body = document.body as HTMLElement | null;
    if (body?.dataset.editor === 'monaco') at('editorMounted');
    if (document.getElementById('editor-host')?.dataset.languageService !== undefined) at('declarationsLoaded');
    const rows = document.querySelectorAll('.suggest-widget.visible .monaco-list-row');
    for (const row of rows) if (row.textContent.startsWith(completionRow)) at('completionShown');
    if (timeline.completionShown !== undefined) observer.disconnect();
  });
  observer.observe(document, {
    subtree: true,
    childList: true,
    attributes: true,
    attributeFilter: ['data-editor', 'data-language-service', 'class'],
  });
  new PerformanceObserver((list) => {
    if (timeline.completionShown !== undefined) return;
    for (const task of list.getEntries()) {
      timeline.longTasksMs = (timeline.longTasksMs ?? 0) + task.duration;
      timeline.longestTaskMs = Math.max(timeline.longestTaskMs ?? 0, task.duration);
    }
  }).observe({ type: 'longtask', buffered: true });
}

/** Runs in the page once the completion has shown: the timeline plus the browser's own timings. */
export function readPageFigures(): PageFigures {
  const { longTasksMs = 0, longestTaskMs = 0, ...timeline } = window.__keylessTimeline ?? {};
  const marks = Object.fromEntries(
    performance
      .getEntriesByType('mark')
      .filter((mark) => mark.name.startsWith('keyless:'))
      .map((mark) => [mark.name.slice('keyless:'.length), mark.startTime]),
  );
  const resources: Record<string, { start: number; end: number }> = {};
  for (const entry of performance.getEntriesByType('resource') as PerformanceResourceTiming[]) {
    const name = /\/(monaco-editor|tsMode|lab-declarations|editor\.api|typescript)[.-][^/]*\.(js|json)$/.exec(new URL(entry.name).pathname);
    if (name?.[1]) resources[name[1]] ??= { start: entry.startTime, end: entry.responseEnd };
  }
  const navigation = performance.getEntriesByType('navigation')[0] as PerformanceNavigationTiming | undefined;
  return {
    timeline,
    marks,
    resources,
    firstContentfulPaint: performance.getEntriesByName('first-contentful-paint')[0]?.startTime ?? Number.NaN,
    loadEventEnd: navigation?.loadEventEnd ?? Number.NaN,
    longTasksMs,
    longestTaskMs,
  };
}
