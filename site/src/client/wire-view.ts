import '../styles/wire.css';
import type { WireResponse, WireRun } from '../wire/model.ts';
import { onRun } from './run-events.ts';
import { renderRun, tickCountdowns } from './wire-render.ts';

/** While a Run streams, its requests are fetched this often. */
const POLL_MS = 1000;

/**
 * The "Wire" tab beside the Run output: every request the sandbox received
 * from the Run, decoded. It follows the workbench's Run announcements: while
 * a Run streams it polls that Run's entries, once more when it ends; on load
 * it shows the lab's last Run. Tabs follow the WAI-ARIA tabs pattern
 * (arrow keys move between them, only the selected one is in the tab order).
 */
export function startWireView(): void {
  const tabs = [...document.querySelectorAll<HTMLButtonElement>('[data-output-tab]')];
  const panel = document.getElementById('wire-panel');
  const wireTab = document.getElementById('wire-tab');
  const state = document.getElementById('lab-state')?.textContent;
  if (!panel || !wireTab || tabs.length === 0 || !state) return;
  const { labId } = JSON.parse(state) as { labId: string };
  const base = `/api/labs/${encodeURIComponent(labId)}/wire`;
  let runId: string | undefined;
  let running = false;
  let poll: ReturnType<typeof setTimeout> | undefined;
  let shown = '';
  let loadedOnce = false;

  const show = (run: WireRun | undefined): void => {
    const key = JSON.stringify(run ?? null);
    if (key === shown) return; // keep open <details> open while polling
    shown = key;
    const open = new Set([...panel.querySelectorAll('details[open]')].map((node) => node.closest('li')?.dataset.id));
    panel.replaceChildren(
      renderRun(
        run,
        running
          ? 'Waiting for the first request of this Run…'
          : 'Press Run: every request your code sends to the sandbox shows here, decoded.',
      ),
    );
    panel.querySelectorAll('li').forEach((item, index) => {
      const id = String(run?.entries[index]?.id ?? '');
      item.dataset.id = id;
      if (open.has(id)) item.querySelector('details')?.setAttribute('open', '');
    });
    wireTab.textContent = run && run.entries.length > 0 ? `Wire (${String(run.entries.length)})` : 'Wire';
    tickCountdowns(panel);
  };

  const showNotice = (message: string): void => {
    const key = `notice:${message}`;
    if (key === shown) return;
    shown = key;
    const notice = document.createElement('p');
    notice.className = 'wire-empty';
    notice.setAttribute('role', 'status');
    notice.textContent = message;
    panel.replaceChildren(notice);
  };

  const load = async (): Promise<void> => {
    try {
      const response = await fetch(runId === undefined ? base : `${base}?run=${encodeURIComponent(runId)}`, {
        headers: { accept: 'application/json' },
      });
      if (response.status === 409 || response.status === 503) {
        // The sandbox is not ready or not reachable: say what the site said, not an empty tab.
        const answer = (await response.json().catch(() => ({}))) as { error?: string };
        showNotice(answer.error ?? 'Your sandbox cannot be read right now. Try again in a moment.');
        return;
      }
      if (!response.ok) return;
      show(((await response.json()) as WireResponse).run);
    } catch {
      // A failed poll is retried by the next one; the list keeps what it had.
    }
  };
  const schedule = (): void => {
    clearTimeout(poll);
    if (running) poll = setTimeout(() => void load().then(schedule), POLL_MS);
  };

  onRun(({ phase, runId: id }) => {
    if (id !== undefined) runId = id;
    running = phase === 'started';
    if (phase === 'started') {
      shown = '';
      show(undefined);
    }
    loadedOnce = true;
    void load();
    schedule();
  });

  const select = (tab: HTMLButtonElement): void => {
    for (const other of tabs) {
      const selected = other === tab;
      other.setAttribute('aria-selected', String(selected));
      other.tabIndex = selected ? 0 : -1;
      const controlled = document.getElementById(other.getAttribute('aria-controls') ?? '');
      if (controlled) controlled.hidden = !selected;
    }
    if (tab === wireTab && !loadedOnce) {
      loadedOnce = true;
      void load();
    }
  };
  tabs.forEach((tab, index) => {
    tab.addEventListener('click', () => select(tab));
    tab.addEventListener('keydown', (event) => {
      const step = event.key === 'ArrowRight' ? 1 : event.key === 'ArrowLeft' ? -1 : 0;
      if (step === 0) return;
      event.preventDefault();
      const next = tabs[(index + step + tabs.length) % tabs.length];
      if (next) {
        select(next);
        next.focus();
      }
    });
  });
  // The comparison page links to a step with #wire: open on the Wire tab.
  if (location.hash === '#wire' && wireTab instanceof HTMLButtonElement) select(wireTab);
  setInterval(() => tickCountdowns(panel), 1000);
}
