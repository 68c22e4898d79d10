import type { RoomTotals } from '../server/events/room-totals.ts';
import { el } from './dashboard-grid.ts';

/**
 * "Right now": per lab, how many attendees are on each step, the one number
 * an instructor reads before saying "let's move on". A lab's name filters
 * the table to the people on it.
 */
export function renderTotals(container: HTMLElement, totals: RoomTotals, chosenLab: string, chosenTable: string): void {
  const summary = el(
    'p',
    { className: 'totals-summary' },
    el('strong', { text: `${totals.attendees}` }),
    document.createTextNode(` attendee${totals.attendees === 1 ? '' : 's'} · `),
    el('strong', { text: `${totals.notStarted}` }),
    document.createTextNode(' not started · '),
    el('strong', { text: `${totals.finished}` }),
    document.createTextNode(' finished · '),
    el('strong', { className: totals.stuck > 0 ? 'stuck-count' : '', text: `${totals.stuck}` }),
    document.createTextNode(' stuck'),
  );
  const list = el('ol', { className: 'totals-labs' });
  totals.labs.forEach((lab, index) => {
    const name = el('button', { className: 'lab-filter', text: `${index + 1}. ${lab.title}` });
    name.type = 'button';
    name.dataset.lab = lab.labId;
    name.setAttribute('aria-pressed', String(chosenLab === lab.labId));
    const steps = el('ul', { className: 'totals-steps' });
    for (const step of lab.steps) {
      const item = el(
        'li',
        { className: step.here === 0 ? 'none' : '', title: `Step ${step.number}: ${step.title}` },
        el('span', { className: 'step-no', text: `${step.number}` }),
        el('strong', { text: String(step.here) }),
        el('span', { className: 'sr-only', text: ` on step ${step.number}` }),
      );
      if (step.stuck > 0) item.append(el('span', { className: 'stuck-count', text: `${step.stuck} stuck` }));
      steps.append(item);
    }
    list.append(
      el(
        'li',
        { className: lab.here === 0 ? 'empty' : '' },
        name,
        el('span', { className: 'here', text: `${lab.here} here now` }),
        el('span', { className: 'done muted', text: `${lab.done} done` }),
        el('span', { className: 'steps-label muted', text: 'by step' }),
        steps,
      ),
    );
  });
  container.replaceChildren(summary, list, ...(totals.tables.length > 0 ? [tableTotals(totals, chosenTable)] : []));
}

/** "By table": how many sit at each and how many of them are stuck; a table's button shows only its people. */
function tableTotals(totals: RoomTotals, chosenTable: string): HTMLElement {
  const list = el('ul', { className: 'totals-tables' });
  for (const table of totals.tables) {
    const button = el(
      'button',
      {
        className: `table-filter${table.stuck > 0 ? ' has-stuck' : ''}`,
        title: `Show only table ${table.table}`,
      },
      el('span', { className: 'table-no', text: table.table }),
      el('strong', { text: String(table.attendees) }),
      el('span', { className: 'sr-only', text: ` at table ${table.table}` }),
    );
    if (table.stuck > 0) button.append(el('span', { className: 'stuck-count', text: `${table.stuck} stuck` }));
    button.type = 'button';
    button.dataset.table = table.table;
    button.setAttribute('aria-pressed', String(chosenTable === table.table));
    list.append(el('li', {}, button));
  }
  const none = totals.noTable > 0 ? [el('span', { className: 'muted no-table', text: `${totals.noTable} without a table` })] : [];
  return el('div', { className: 'totals-by-table' }, el('span', { className: 'steps-label muted', text: 'By table' }), list, ...none);
}
