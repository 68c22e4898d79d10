import '../styles/wire.css';
import type { WireRun } from '../wire/model.ts';
import { instructorRequest } from './instructor-api.ts';
import { renderRun, tickCountdowns } from './wire-render.ts';

/**
 * The Wire view of an attendee's last Runs inside the instructor's attendee
 * dialog, so a helper at the table sees at once why a call failed: the same
 * entries the attendee sees, newest Run first. Mounted in the dialog's
 * `[data-wire-slot]` (or, if the dialog has none, in a section of its own at
 * the end). `base` is the attendee's instructor API path.
 */
export function mountAttendeeWire(dialogBody: HTMLElement, base: string): void {
  let slot = dialogBody.querySelector<HTMLElement>('[data-wire-slot]');
  if (!slot) {
    slot = document.createElement('section');
    slot.dataset.wireSlot = '';
    dialogBody.append(slot);
  }
  const target = slot;
  const heading = document.createElement('h3');
  heading.textContent = 'What crossed the wire (last Runs)';
  const status = document.createElement('p');
  status.className = 'wire-empty';
  status.textContent = 'Loading…';
  target.replaceChildren(heading, status);
  void instructorRequest<{ runs: WireRun[] }>('GET', `${base}/wire`)
    .then(({ runs }) => {
      if (runs.length === 0) {
        status.textContent = 'No Run of this attendee reached the sandbox yet.';
        return;
      }
      const panel = document.createElement('div');
      panel.className = 'wire-panel attendee-wire';
      for (const run of runs) {
        const title = document.createElement('h4');
        const failed = run.entries.filter((entry) => !entry.ok).length;
        title.textContent = `${run.labId ?? 'no lab'} · Run ${run.runId} · ${String(run.entries.length)} requests${failed > 0 ? `, ${String(failed)} refused` : ''}`;
        panel.append(title, renderRun(run, ''));
      }
      status.remove();
      target.append(panel);
      tickCountdowns(panel);
    })
    .catch((error: unknown) => {
      status.textContent = `The Wire view could not load: ${error instanceof Error ? error.message : String(error)}`;
    });
}
