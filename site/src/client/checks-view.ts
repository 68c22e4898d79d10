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

export interface StepOutcome {
  /** One line for the summary by the buttons. */
  readonly summary: string;
  readonly stepDone: boolean;
  readonly labDone: boolean;
}

/**
 * What a Check means for this step and the lab, as words: pure, so the
 * summary is tested without a page. A step without checks never reads
 * "0 of 0 passed"; it says where the lab stands instead.
 */
export function stepOutcome(
  results: readonly Pick<CheckResultView, 'checkId' | 'status' | 'title'>[],
  stepCheckIds: readonly string[],
  coreCheckIds: readonly string[],
): StepOutcome {
  const passed = new Set(results.filter((result) => result.status === 'pass').map((result) => result.checkId));
  const labDone = coreCheckIds.length > 0 && coreCheckIds.every((id) => passed.has(id));
  const lab = labDone ? ' Lab complete.' : '';
  if (stepCheckIds.length === 0) {
    const core = coreCheckIds.filter((id) => passed.has(id)).length;
    return {
      summary: `This step has no checks of its own; ${String(core)} of ${String(coreCheckIds.length)} of the lab's checks pass.${lab}`,
      stepDone: true,
      labDone,
    };
  }
  const mine = stepCheckIds.filter((id) => passed.has(id)).length;
  const stepDone = mine === stepCheckIds.length;
  if (stepDone)
    return { summary: `✓ Step done: ${String(mine)} of ${String(stepCheckIds.length)} checks passed.${lab}`, stepDone, labDone };
  const failing = results.find((result) => stepCheckIds.includes(result.checkId) && result.status !== 'pass');
  return {
    summary: `✕ ${String(mine)} of ${String(stepCheckIds.length)} checks passed${failing ? `: “${failing.title}” did not` : ''}. The card says why.`,
    stepDone,
    labDone,
  };
}

/**
 * Shows a Check's outcome where the attendee is looking: the summary by the
 * buttons (a live region), the step's card (or the lab's done card) scrolled
 * into view in the guide and focused, so a screen reader reads it too.
 */
export function revealOutcome(outcome: StepOutcome, isLastStep: boolean): void {
  const summary = document.getElementById('check-summary');
  if (summary) {
    summary.textContent = outcome.summary;
    summary.dataset.state = outcome.stepDone ? 'pass' : 'fail';
  }
  const stepDone = document.getElementById('step-done');
  if (stepDone) stepDone.hidden = !outcome.stepDone;
  const labDone = document.getElementById('lab-done');
  if (labDone) labDone.hidden = !outcome.labDone;
  const target = outcome.labDone && isLastStep && labDone ? labDone : document.getElementById('checks');
  if (!target) return;
  const smooth = !window.matchMedia('(prefers-reduced-motion: reduce)').matches;
  target.scrollIntoView({ block: 'nearest', behavior: smooth ? 'smooth' : 'auto' });
  target.focus({ preventScroll: true });
}

function setText(root: HTMLElement, selector: string, text: string): void {
  const element = root.querySelector(selector);
  if (element) element.textContent = text;
}
