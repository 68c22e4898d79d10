import type { CellStatus, GridColumn, GridRow } from '../server/events/grid.ts';

/**
 * Renders the dashboard grid from server data, with DOM APIs only: every
 * display name and title goes in as text, never as HTML.
 */
const CELL_TEXT: Record<CellStatus, { mark: string; label: string }> = {
  pass: { mark: '✓', label: 'passed' },
  fail: { mark: '✕', label: 'failing' },
  unlocked: { mark: 'U', label: 'unlocked by instructor' },
  pending: { mark: '', label: 'not checked yet' },
};

function el<K extends keyof HTMLElementTagNameMap>(
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

export function renderHead(table: HTMLTableElement, columns: readonly GridColumn[]): void {
  const labs: { title: string; span: number }[] = [];
  for (const column of columns) {
    const last = labs.at(-1);
    if (last && last.title === column.labTitle) last.span += 1;
    else labs.push({ title: column.labTitle, span: 1 });
  }
  const top = el('tr');
  const fixed = ['Attendee', 'Progress', 'Now on'].map((text) => {
    const th = el('th', { text, className: text === 'Attendee' ? 'who' : '' });
    th.rowSpan = 2;
    th.scope = 'col';
    return th;
  });
  top.append(...fixed);
  for (const lab of labs) {
    const th = el('th', { className: 'lab-head', text: lab.title });
    th.colSpan = lab.span;
    th.scope = 'colgroup';
    top.append(th);
  }
  const last = el('th', { text: 'Last activity' });
  last.rowSpan = 2;
  last.scope = 'col';
  top.append(last);
  const second = el('tr');
  for (const column of columns) {
    const th = el(
      'th',
      { className: 'check-head', title: `${column.stepTitle}: ${column.title}` },
      el('span', { className: 'step', text: `Step ${column.step}` }),
      document.createTextNode(column.checkId),
    );
    th.scope = 'col';
    second.append(th);
  }
  table.tHead?.replaceChildren(top, second);
}

export function renderRow(columns: readonly GridColumn[], row: GridRow, now: number): HTMLTableRowElement {
  const tr = el('tr', { className: [row.stuck ? 'stuck' : '', row.finished ? 'finished' : ''].filter(Boolean).join(' ') });
  tr.dataset.attendeeId = row.attendeeId;
  const who = el('th', { className: 'who' }, el('button', { className: 'attendee-link', text: row.displayName }));
  (who.firstChild as HTMLButtonElement).type = 'button';
  who.scope = 'row';
  if (row.stuck) {
    who.append(el('span', { className: 'stuck-mark', text: 'stuck' }));
    who.append(
      el('span', {
        className: 'stuck-why',
        text:
          row.stuck.reason === 'repeated-failures'
            ? `${row.stuck.checkId} failed ${row.stuck.failures}× in a row`
            : `no progress for ${row.stuck.minutes} min`,
      }),
    );
  }
  if (row.sandboxStatus === 'waiting') who.append(el('span', { className: 'stuck-why', text: 'waiting for a sandbox' }));
  const progress = el('progress');
  progress.max = Math.max(row.total, 1);
  progress.value = row.passed;
  progress.setAttribute('aria-label', `${row.passed} of ${row.total} checks passed`);
  tr.append(who, el('td', { className: 'progress-cell' }, progress, document.createTextNode(`${row.passed}/${row.total}`)));
  tr.append(
    el('td', {
      className: 'now-on',
      text: row.finished ? 'Finished' : row.current ? `Step ${row.current.step}: ${row.current.stepTitle}` : '',
    }),
  );
  columns.forEach((column, index) => {
    const status = row.cells[column.key] ?? 'pending';
    const text = CELL_TEXT[status];
    const td = el(
      'td',
      {
        className: `cell${index === 0 || columns[index - 1]?.labId !== column.labId ? ' first-check' : ''}`,
        title: `${column.title}: ${text.label}`,
      },
      el('span', { className: `cell-mark ${status}`, text: text.mark }),
      el('span', { className: 'sr-only', text: text.label }),
    );
    td.dataset.check = column.key;
    td.dataset.status = status;
    tr.append(td);
  });
  tr.append(el('td', { className: 'activity', text: ago(now - row.lastActivityAt) }));
  return tr;
}

function ago(ms: number): string {
  const minutes = Math.floor(ms / 60_000);
  if (minutes < 1) return 'just now';
  if (minutes < 60) return `${minutes} min ago`;
  return `${Math.floor(minutes / 60)} h ${minutes % 60} min ago`;
}
