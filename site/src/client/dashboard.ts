import type { GridColumn, GridRow } from '../server/events/grid.ts';
import type { WorkshopEvent } from '../server/store/index.ts';
import { openAttendee } from './attendee-detail.ts';
import { renderHead, renderRow } from './dashboard-grid.ts';
import type { SigningKeyRotation } from '../server/events/signing-key-rotation.ts';
import { instructorRequest } from './instructor-api.ts';

interface Snapshot {
  event: WorkshopEvent;
  now: number;
  columns: GridColumn[];
  rows: GridRow[];
}

/**
 * The instructor dashboard: the grid from the page's initial snapshot, then
 * live over server-sent events (EventSource reconnects by itself after a
 * dropped connection or a server restart), plus the event and code actions.
 */
export function startDashboard(): void {
  const table = document.getElementById('grid') as HTMLTableElement | null;
  const stateElement = document.getElementById('grid-state');
  if (!table || !stateElement) return;
  const eventId = table.dataset.eventId ?? '';
  let columns: GridColumn[] = [];
  const rows = new Map<string, GridRow>();
  let skew = 0;

  const summary = (): void => {
    const all = [...rows.values()];
    const text = `${all.length} attendee${all.length === 1 ? '' : 's'} · ${all.filter((row) => row.finished).length} finished · ${all.filter((row) => row.stuck).length} stuck`;
    setText('grid-summary', text);
    const empty = document.getElementById('grid-empty');
    if (empty) empty.hidden = all.length > 0;
    table.hidden = all.length === 0;
  };
  const applySnapshot = (snapshot: Snapshot): void => {
    skew = snapshot.now - Date.now();
    columns = snapshot.columns;
    renderHead(table, columns);
    rows.clear();
    for (const row of snapshot.rows) rows.set(row.attendeeId, row);
    table.tBodies[0]?.replaceChildren(...snapshot.rows.map((row) => renderRow(columns, row, snapshot.now)));
    const clock = document.getElementById('event-clock');
    if (clock) clock.dataset.endsAt = String(snapshot.event.endsAt);
    setText('event-status', snapshot.event.status);
    summary();
  };
  const applyRow = (row: GridRow, now: number): void => {
    const fresh = renderRow(columns, row, now);
    const existing = table.querySelector<HTMLTableRowElement>(`tr[data-attendee-id="${CSS.escape(row.attendeeId)}"]`);
    if (existing) existing.replaceWith(fresh);
    else table.tBodies[0]?.append(fresh);
    fresh.classList.add('flash');
    rows.set(row.attendeeId, row);
    summary();
  };

  applySnapshot(JSON.parse(stateElement.textContent) as Snapshot);
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

  table.addEventListener('click', (click) => {
    const button = (click.target as HTMLElement).closest('.attendee-link');
    const attendeeId = button?.closest('tr')?.dataset.attendeeId;
    if (attendeeId) openAttendee(eventId, attendeeId);
  });
  const dialog = document.getElementById('attendee-dialog') as HTMLDialogElement | null;
  document.getElementById('attendee-close')?.addEventListener('click', () => dialog?.close());
  startClock(() => skew);
  wireEventActions(eventId);
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
