import type { CheckResultView } from './api-client.ts';

/** Updates the server-rendered check list and step dots with fresh results. */
export function showCheckResults(results: readonly CheckResultView[]): void {
  const byId = new Map(results.map((result) => [result.checkId, result]));
  for (const item of document.querySelectorAll<HTMLElement>('#check-list .check')) {
    const result = byId.get(item.dataset.checkId ?? '');
    if (!result) continue;
    item.className = `check ${result.status}`;
    item.dataset.status = result.status;
    setText(item, '.explanation', result.explanation);
    setText(item, '.status-text', result.status === 'pass' ? 'passed' : 'failed');
    setText(item, '.hint-text', result.hint);
    const hint = item.querySelector<HTMLElement>('.hint');
    if (hint) hint.hidden = result.status !== 'fail';
  }
  const passed = new Set(results.filter((result) => result.status === 'pass').map((result) => result.checkId));
  for (const step of document.querySelectorAll<HTMLElement>('[data-step-checks]')) {
    const ids = (step.dataset.stepChecks ?? '').split(',').filter(Boolean);
    const done = ids.length > 0 && ids.every((id) => passed.has(id));
    step.classList.toggle('done', done);
    setText(step, '.state', done ? '(done)' : '');
  }
}

export function markChecksRunning(): void {
  for (const item of document.querySelectorAll<HTMLElement>('#check-list .check')) {
    item.classList.add('running');
    setText(item, '.explanation', 'Checking what your sandbox saw…');
  }
}

function setText(root: HTMLElement, selector: string, text: string): void {
  const element = root.querySelector(selector);
  if (element) element.textContent = text;
}
