import type { GridRow } from '../server/events/grid.ts';
import type { GridLab, StepState } from '../server/events/lab-progress.ts';
import { formatDuration, formatEventTime } from '../server/events/event-time.ts';

/**
 * Renders the room view's table from server data, with DOM APIs only: every
 * display name and title goes in as text, never as HTML. One row per
 * attendee; per lab a strip of step dots; with a lab chosen, that lab's
 * checks one column each (the drill-down).
 */
export const STEP_TEXT: Record<StepState, string> = {
  'not-reached': 'not reached',
  'in-progress': 'in progress',
  failing: 'failing',
  passed: 'passed',
  unlocked: 'unlocked by you (not passed)',
};
const STEP_MARK: Record<StepState, string> = { 'not-reached': '', 'in-progress': '', failing: '✕', passed: '✓', unlocked: 'U' };

export function el<K extends keyof HTMLElementTagNameMap>(
  tag: K,
  props: { className?: string; text?: string; title?: string } = {},
  ...children: Node[]
): HTMLElementTagNameMap[K] {
  const element = document.createElement(tag);
  if (props.className) element.className = props.className;
  if (props.text !== undefined) element.textContent = props.text;
  if (props.title) element.title = props.title;
  element.append(...children);
  return element;
}

export interface RenderContext {
  readonly labs: readonly GridLab[];
  /** The drilled-into lab, whose checks get a column each. */
  readonly lab: GridLab | undefined;
  readonly now: number;
  readonly timeZone: string;
}

export function renderHead(table: HTMLTableElement, context: RenderContext): void {
  const th = (text: string, className = '', title = ''): HTMLTableCellElement => {
    const cell = el('th', { text, className, title });
    cell.scope = 'col';
    return cell;
  };
  const row = el(
    'tr',
    {},
    th('Attendee', 'who'),
    th('Table', 'table'),
    th('Working on', 'now-on'),
    th('Time on this step', 'on-step'),
    th('Failing check (times in a row)', 'failing'),
  );
  if (context.lab) {
    for (const step of context.lab.steps) {
      for (const check of step.checks) {
        row.append(th('', 'check-head', `Step ${step.number}, ${step.title}: ${check.title}`));
        const head = row.lastElementChild as HTMLElement;
        head.append(
          el('span', { className: 'step', text: `Step ${step.number}${step.stretch ? ' (stretch)' : ''}` }),
          el('span', { text: check.title }),
        );
      }
    }
  } else {
    for (const lab of context.labs) {
      const head = th('', 'lab-head');
      const button = el('button', { className: 'lab-filter', text: lab.title, title: `Show who is on ${lab.title} now, check by check` });
      button.type = 'button';
      button.dataset.lab = lab.labId;
      head.append(button);
      row.append(head);
    }
  }
  row.append(th('Last activity', 'activity'));
  table.tHead?.replaceChildren(row);
}

export function renderRow(row: GridRow, context: RenderContext): HTMLTableRowElement {
  const tr = el('tr', { className: [row.stuck ? 'stuck' : '', row.finished ? 'finished' : ''].filter(Boolean).join(' ') });
  tr.dataset.attendeeId = row.attendeeId;
  const name = el('button', { className: 'attendee-link', text: row.displayName, title: `Open ${row.displayName}` });
  name.type = 'button';
  const who = el('th', { className: 'who' }, name);
  who.scope = 'row';
  if (row.stuck) {
    const why =
      row.stuck.reason === 'repeated-failures'
        ? `${row.stuck.checkId} failed ${row.stuck.failures} times in a row`
        : `no progress for ${row.stuck.minutes} min`;
    who.append(
      el('span', { className: 'stuck-mark', text: 'stuck', title: why }),
      el('span', { className: 'sr-only stuck-why', text: why }),
    );
  }
  if (row.sandboxStatus === 'waiting') who.append(el('span', { className: 'waiting-mark', text: 'waiting for a sandbox' }));
  const table = el('td', { className: 'table', text: row.table ?? '—', title: row.table ? `Table ${row.table}` : 'No table given' });
  table.dataset.table = row.table ?? '';
  tr.append(who, table, nowOn(row, context), onStep(row, context), failing(row));
  if (context.lab) tr.append(...checkCells(row, context.lab, context.labs));
  else context.labs.forEach((lab, index) => tr.append(labCell(row, lab, index)));
  tr.append(el('td', { className: 'activity', text: formatEventTime(row.lastActivityAt, context.timeZone) }));
  return tr;
}

function nowOn(row: GridRow, context: RenderContext): HTMLTableCellElement {
  const td = el('td', { className: 'now-on' });
  if (row.finished) td.append(el('strong', { className: 'done', text: 'Finished every lab' }));
  else if (!row.current || !row.current.started) td.append(el('span', { className: 'muted', text: 'Not started' }));
  else {
    const number = context.labs.findIndex((lab) => lab.labId === row.current?.labId) + 1;
    td.title = `${row.current.labTitle}, step ${row.current.step}: ${row.current.stepTitle}`;
    td.append(
      el('strong', { text: `Lab ${number} · step ${row.current.step}` }),
      el('span', { className: 'step-title', text: ` ${row.current.stepTitle}` }),
    );
  }
  return td;
}

function onStep(row: GridRow, context: RenderContext): HTMLTableCellElement {
  const td = el('td', { className: 'on-step' });
  if (row.current) {
    td.textContent = formatDuration(context.now - row.current.since);
    td.title = `On this step since ${formatEventTime(row.current.since, context.timeZone)}`;
  }
  return td;
}

function failing(row: GridRow): HTMLTableCellElement {
  const td = el('td', { className: 'failing' });
  if (row.lastFailing) {
    td.title = `${row.lastFailing.title}: ${row.lastFailing.explanation}`;
    // The count first: it is what tells "stuck" from "just tried once", and the name may be cut.
    td.append(
      el('span', { className: `count${row.lastFailing.failures >= 3 ? ' many' : ''}`, text: `×${row.lastFailing.failures}` }),
      el('span', { className: 'check-name', text: row.lastFailing.checkId }),
    );
  }
  return td;
}

function labCell(row: GridRow, lab: GridLab, index: number): HTMLTableCellElement {
  const steps = row.labs[index]?.steps ?? [];
  const label = `${lab.title}: ${lab.steps.map((step, i) => `step ${step.number} ${STEP_TEXT[steps[i] ?? 'not-reached']}`).join(', ')}`;
  const button = el('button', { className: 'dots', title: `${label}. Open the checks.` });
  button.type = 'button';
  button.dataset.lab = lab.labId;
  button.setAttribute('aria-label', `${row.displayName}, ${label}`);
  if (row.current?.labId === lab.labId && row.current.started) button.classList.add('current');
  lab.steps.forEach((step, i) => {
    const state = steps[i] ?? 'not-reached';
    const dot = el('span', { className: `dot ${state}${step.stretch ? ' stretch' : ''}`, text: STEP_MARK[state] });
    dot.setAttribute('aria-hidden', 'true');
    button.append(dot);
  });
  const td = el('td', { className: 'lab-cell' }, button);
  td.dataset.lab = lab.labId;
  td.dataset.steps = steps.join(' ');
  return td;
}

/** The drill-down: one cell per check of the chosen lab, in words for screen readers. */
function checkCells(row: GridRow, lab: GridLab, labs: readonly GridLab[]): HTMLTableCellElement[] {
  const steps = row.labs[labs.indexOf(lab)]?.steps ?? [];
  return lab.steps.flatMap((step, i) =>
    step.checks.map((check) => {
      const stepState = steps[i] ?? 'not-reached';
      const cell = row.cells[`${lab.labId}/${check.id}`] ?? 'pending';
      // A check of a step nobody reached is "not reached", even if the Check judged it failing.
      const state: StepState =
        cell === 'pass'
          ? 'passed'
          : cell === 'unlocked'
            ? 'unlocked'
            : stepState === 'not-reached'
              ? 'not-reached'
              : cell === 'fail'
                ? 'failing'
                : 'in-progress';
      const td = el(
        'td',
        { className: 'cell', title: `${check.title}: ${STEP_TEXT[state]}` },
        el('span', { className: `dot ${state}`, text: STEP_MARK[state] }),
        el('span', { className: 'sr-only', text: STEP_TEXT[state] }),
      );
      td.dataset.check = `${lab.labId}/${check.id}`;
      td.dataset.status = cell;
      td.dataset.state = state;
      return td;
    }),
  );
}
