import type { GridRow } from '../server/events/grid.ts';
import type { GridLab } from '../server/events/lab-progress.ts';
import { roomTotals } from '../server/events/room-totals.ts';
import type { WorkshopEvent } from '../server/store/index.ts';
import { openAttendee } from './attendee-detail.ts';
import { renderHead, renderRow, type RenderContext } from './dashboard-grid.ts';
import { renderTotals } from './dashboard-totals.ts';
import { DEFAULT_FILTER, NO_TABLE, viewRows, type RoomFilter } from './dashboard-view.ts';
import { compareTables } from '../server/events/room-totals.ts';
import type { SigningKeyRotation } from '../server/events/signing-key-rotation.ts';
import { instructorRequest } from './instructor-api.ts';

interface Snapshot {
  event: WorkshopEvent;
  now: number;
  timeZone: string;
  labs: GridLab[];
  rows: GridRow[];
}

/**
 * The instructor's room view: the table from the page's initial snapshot,
 * then live over server-sent events (EventSource reconnects by itself after
 * a dropped connection or a server restart), plus the event and code
 * actions. Sorting and filtering happen here, on the rows the server sent.
 */
export function startDashboard(): void {
  const table = document.getElementById('grid') as HTMLTableElement | null;
  const stateElement = document.getElementById('grid-state');
  const totalsElement = document.getElementById('room-totals');
  if (!table || !stateElement || !totalsElement) return;
  const eventId = table.dataset.eventId ?? '';
  let labs: GridLab[] = [];
  let timeZone = 'UTC';
  let filter: RoomFilter = readFilter(new URLSearchParams(location.search));
  for (const [id, chosen] of [
    ['room-sort', filter.sort],
    ['room-show', filter.show],
  ] as const) {
    const select = document.getElementById(id) as HTMLSelectElement | null;
    if (select) select.value = chosen;
  }
  const rows = new Map<string, GridRow>();
  let skew = 0;
  const now = (): number => Date.now() + skew;
  const context = (): RenderContext => ({ labs, lab: labs.find((lab) => lab.labId === filter.lab), now: now(), timeZone });

  const render = (): void => {
    const all = [...rows.values()];
    const shown = viewRows(
      all,
      filter,
      labs.map((lab) => lab.labId),
      now(),
    );
    const at = context();
    renderHead(table, at);
    table.tBodies[0]?.replaceChildren(...shown.map((row) => renderRow(row, at)));
    renderTotals(totalsElement, roomTotals(labs, all), filter.lab, filter.table);
    fillTableOptions(all, filter.table);
    setText('grid-summary', shown.length === all.length ? `${all.length} shown` : `${shown.length} of ${all.length} shown`);
    const empty = document.getElementById('grid-empty');
    if (empty) empty.hidden = all.length > 0;
    table.hidden = all.length === 0;
    const drill = document.getElementById('drill-title');
    if (drill) {
      drill.hidden = !at.lab;
      drill.textContent = at.lab ? `${at.lab.title}, check by check: everyone who reached it` : '';
    }
  };
  let pending = 0;
  const renderSoon = (): void => {
    if (pending !== 0) return;
    pending = requestAnimationFrame(() => {
      pending = 0;
      render();
    });
  };
  const applySnapshot = (snapshot: Snapshot): void => {
    skew = snapshot.now - Date.now();
    labs = snapshot.labs;
    timeZone = snapshot.timeZone;
    rows.clear();
    for (const row of snapshot.rows) rows.set(row.attendeeId, row);
    fillLabOptions(labs, filter.lab);
    const clock = document.getElementById('event-clock');
    if (clock) clock.dataset.endsAt = String(snapshot.event.endsAt);
    setText('event-status', snapshot.event.status);
    render();
  };
  const applyRow = (row: GridRow, at: number): void => {
    skew = at - Date.now();
    const before = rows.get(row.attendeeId);
    rows.set(row.attendeeId, row);
    const existing = table.querySelector<HTMLTableRowElement>(`tr[data-attendee-id="${CSS.escape(row.attendeeId)}"]`);
    const stillShown =
      viewRows(
        [row],
        filter,
        labs.map((lab) => lab.labId),
        at,
      ).length === 1;
    // Replace in place while the row keeps its place, so the table does not jump under the pointer.
    if (existing && stillShown && (before?.stuck !== null) === (row.stuck !== null)) {
      const fresh = renderRow(row, context());
      existing.replaceWith(fresh);
      fresh.classList.add('flash');
      renderTotals(totalsElement, roomTotals(labs, [...rows.values()]), filter.lab, filter.table);
    } else renderSoon();
  };

  applySnapshot(JSON.parse(stateElement.textContent) as Snapshot);
  // For the room-view test's render-time figure (and anyone profiling a big room).
  performance.mark('keyless:room-rendered');
  const live = document.getElementById('live-status');
  const source = new EventSource(`/api/instructor/events/${encodeURIComponent(eventId)}/stream`);
  source.addEventListener('open', () => {
    if (live) {
      live.textContent = 'Live';
      live.classList.add('on');
    }
  });
  source.addEventListener('error', () => {
    if (live) {
      live.textContent = 'Reconnecting…';
      live.classList.remove('on');
    }
  });
  source.addEventListener('snapshot', (message) => applySnapshot(JSON.parse((message as MessageEvent<string>).data) as Snapshot));
  source.addEventListener('row', (message) => {
    const data = JSON.parse((message as MessageEvent<string>).data) as { now: number; row: GridRow | null };
    if (data.row) applyRow(data.row, data.now);
  });

  const setFilter = (change: Partial<RoomFilter>): void => {
    filter = { ...filter, ...change };
    writeFilter(filter);
    render();
  };
  const controls = document.getElementById('room-controls');
  controls?.addEventListener('input', () => setFilter(readFilter(new URLSearchParams())));
  controls?.addEventListener('submit', (submit) => submit.preventDefault());
  const pickLab = (click: Event): void => {
    const button = (click.target as HTMLElement).closest<HTMLElement>('.lab-filter');
    if (!button) return;
    const lab = button.dataset.lab === filter.lab ? '' : (button.dataset.lab ?? '');
    const select = document.getElementById('room-lab') as HTMLSelectElement | null;
    if (select) select.value = lab;
    setFilter({ lab });
  };
  const pickTable = (click: Event): void => {
    const button = (click.target as HTMLElement).closest<HTMLElement>('.table-filter');
    if (!button) return;
    const table = button.dataset.table === filter.table ? '' : (button.dataset.table ?? '');
    fillTableOptions([...rows.values()], table);
    setFilter({ table });
  };
  totalsElement.addEventListener('click', pickLab);
  totalsElement.addEventListener('click', pickTable);
  table.addEventListener('click', (click) => {
    pickLab(click);
    const target = click.target as HTMLElement;
    const attendeeId = target.closest('tr')?.dataset.attendeeId;
    if (!attendeeId) return;
    const dots = target.closest<HTMLElement>('.dots');
    if (dots) openAttendee(eventId, attendeeId, timeZone, dots.dataset.lab);
    else if (target.closest('.attendee-link') || target.closest('td.cell'))
      openAttendee(eventId, attendeeId, timeZone, filter.lab || undefined);
  });
  const dialog = document.getElementById('attendee-dialog') as HTMLDialogElement | null;
  document.getElementById('attendee-close')?.addEventListener('click', () => dialog?.close());
  startClock(() => skew);
  wireEventActions(eventId);
}

/**
 * The controls' state lives in the form, and in the address's query so a
 * reload keeps it (`query`: the page's own at start, then empty, so the form wins).
 */
function readFilter(query: URLSearchParams): RoomFilter {
  const value = (id: string): string => (document.getElementById(id) as HTMLInputElement | HTMLSelectElement | null)?.value ?? '';
  const pick = <T extends string>(id: string, allowed: readonly T[], fallback: T): T => {
    const chosen = query.get(id.replace('room-', '')) || value(id);
    return (allowed as readonly string[]).includes(chosen) ? (chosen as T) : fallback;
  };
  return {
    sort: pick('room-sort', ['stuck', 'name', 'lab', 'table', 'progress', 'activity'], DEFAULT_FILTER.sort),
    show: pick('room-show', ['all', 'stuck', 'failing', 'not-started', 'finished'], DEFAULT_FILTER.show),
    lab: query.get('lab') || value('room-lab'),
    name: value('room-name'),
    table: query.get('table') || value('room-table'),
  };
}

function writeFilter(filter: RoomFilter): void {
  const query = new URLSearchParams();
  if (filter.sort !== DEFAULT_FILTER.sort) query.set('sort', filter.sort);
  if (filter.show !== DEFAULT_FILTER.show) query.set('show', filter.show);
  if (filter.lab) query.set('lab', filter.lab);
  if (filter.table) query.set('table', filter.table);
  history.replaceState(null, '', `${location.pathname}${query.size > 0 ? `?${query.toString()}` : ''}`);
}

function fillLabOptions(labs: readonly GridLab[], chosen: string): void {
  const select = document.getElementById('room-lab') as HTMLSelectElement | null;
  if (!select || select.options.length === labs.length + 1) return;
  select.replaceChildren(new Option('Every lab', ''), ...labs.map((lab, index) => new Option(`${index + 1}. ${lab.title}`, lab.labId)));
  select.value = chosen || new URLSearchParams(location.search).get('lab') || '';
}

/** The tables people gave, in the order they are numbered, plus "No table"; keeps `chosen` even before anyone sits there. */
function fillTableOptions(rows: readonly GridRow[], chosen: string): void {
  const select = document.getElementById('room-table') as HTMLSelectElement | null;
  if (!select) return;
  const tables = [...new Set(rows.map((row) => row.table).filter((table): table is string => table !== null))];
  if (chosen && chosen !== NO_TABLE && !tables.includes(chosen)) tables.push(chosen);
  tables.sort(compareTables);
  const wanted = ['', ...tables, NO_TABLE];
  const current = [...select.options].map((option) => option.value);
  if (current.join('\n') !== wanted.join('\n'))
    select.replaceChildren(
      new Option('Every table', ''),
      ...tables.map((table) => new Option(`Table ${table}`, table)),
      new Option('No table', NO_TABLE),
    );
  select.value = chosen;
}

function startClock(skew: () => number): void {
  const clock = document.getElementById('event-clock');
  if (!clock) return;
  const render = (): void => {
    const left = Number(clock.dataset.endsAt) - (Date.now() + skew());
    const minutes = Math.ceil(left / 60_000);
    clock.textContent =
      left <= 0 ? 'Time is up' : minutes >= 60 ? `in ${Math.floor(minutes / 60)} h ${minutes % 60} min` : `in ${minutes} min`;
    clock.className = left <= 0 ? 'over' : left < 10 * 60_000 ? 'soon' : '';
  };
  render();
  setInterval(render, 5000);
}

function wireEventActions(eventId: string): void {
  const base = `/api/instructor/events/${encodeURIComponent(eventId)}`;
  const act = (url: string, body?: unknown): void => {
    void instructorRequest('POST', url, body)
      .then(() => location.reload())
      .catch((failure: unknown) => {
        setText('action-error', failure instanceof Error ? failure.message : String(failure));
        const error = document.getElementById('action-error');
        if (error) error.hidden = false;
      });
  };
  document.getElementById('extend-event')?.addEventListener('click', () => act(`${base}/extend`, { minutes: 10 }));
  document.getElementById('rotate-signing-keys')?.addEventListener('click', () => {
    if (
      !confirm(
        "Rotate the signing keys of every attendee's user pool? New tokens get a new kid; tokens issued before keep working until they expire.",
      )
    )
      return;
    void instructorRequest<SigningKeyRotation>('POST', `${base}/signing-keys/rotate`, {})
      .then((result) => {
        const skipped = result.skipped.length > 0 ? ` (${result.skipped.length} without a sandbox yet)` : '';
        const kid = result.rotated[0]?.signingKid;
        showInfo(
          result.rotated.length === 0
            ? `No attendee has a sandbox yet${skipped}.`
            : `Rotated ${result.rotated.length} user pool${result.rotated.length === 1 ? '' : 's'}${skipped}. New tokens are signed with kid ${kid ?? '?'}; the old key stays in each JWKS until its tokens expire.`,
        );
      })
      .catch((failure: unknown) => {
        setText('action-error', failure instanceof Error ? failure.message : String(failure));
        const error = document.getElementById('action-error');
        if (error) error.hidden = false;
      });
  });
  document.getElementById('close-event')?.addEventListener('click', () => {
    if (confirm('Close this event? Nobody new can join; everyone who joined keeps working and all results are kept.')) act(`${base}/close`);
  });
  for (const button of document.querySelectorAll<HTMLButtonElement>('[data-code-action]')) {
    button.addEventListener('click', () => {
      if (button.dataset.codeAction === 'rotate') {
        if (confirm('Make a new shared code? The current one stops working; people who already joined are not affected.'))
          act(`${base}/codes/rotate`);
      } else if (confirm('Revoke this code? Nobody can join with it any more.')) {
        act(`${base}/codes/${encodeURIComponent(button.dataset.code ?? '')}/revoke`);
      }
    });
  }
  document.getElementById('named-form')?.addEventListener('submit', (submit) => {
    submit.preventDefault();
    const names = ((document.getElementById('named-names') as HTMLTextAreaElement | null)?.value ?? '')
      .split('\n')
      .map((name) => name.trim())
      .filter(Boolean);
    if (names.length > 0) act(`${base}/codes/named`, { names });
  });
}

function showInfo(text: string): void {
  setText('action-info', text);
  const info = document.getElementById('action-info');
  if (info) info.hidden = false;
}

function setText(id: string, text: string): void {
  const element = document.getElementById(id);
  if (element) element.textContent = text;
}
