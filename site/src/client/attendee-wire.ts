import '../styles/wire.css';
import type { WireRun } from '../wire/model.ts';
import { instructorRequest } from './instructor-api.ts';
import { renderRun, tickCountdowns } from './wire-render.ts';

/**
 * The Wire view of an attendee's last Runs inside the instructor's attendee
 * dialog, so a helper at the table sees at once why a call failed: the same
 * entries the attendee sees, newest Run first. The dialog leaves a
 * `[data-wire-slot]` per lab (its `data-lab` names the lab); each gets that
 * lab's last Runs. A dialog without slots gets one section, any lab, at the
 * end. `base` is the attendee's instructor API path.
 */
export function mountAttendeeWire(dialogBody: HTMLElement, base: string): void {
  const slots = [...dialogBody.querySelectorAll<HTMLElement>('[data-wire-slot]')];
  if (slots.length === 0) {
    const own = document.createElement('section');
    own.dataset.wireSlot = '';
    dialogBody.append(own);
    slots.push(own);
  }
  for (const slot of slots) fill(slot, base, slot.dataset.lab);
}

function fill(slot: HTMLElement, base: string, labId: string | undefined): void {
  const heading = document.createElement('h4');
  heading.textContent = 'What crossed the wire (last Runs)';
  const status = document.createElement('p');
  status.className = 'wire-empty';
  status.textContent = 'Loading…';
  slot.replaceChildren(heading, status);
  const query = labId === undefined || labId === '' ? '' : `?lab=${encodeURIComponent(labId)}`;
  void instructorRequest<{ runs: WireRun[] }>('GET', `${base}/wire${query}`)
    .then(({ runs }) => {
      if (runs.length === 0) {
        status.textContent = 'No Run of this lab reached the sandbox yet.';
        return;
      }
      const panel = document.createElement('div');
      panel.className = 'wire-panel attendee-wire';
      for (const run of runs) {
        const title = document.createElement('h5');
        const failed = run.entries.filter((entry) => !entry.ok).length;
        title.textContent = `${query ? '' : `${run.labId ?? 'no lab'} · `}Run ${run.runId} · ${String(run.entries.length)} requests${failed > 0 ? `, ${String(failed)} refused` : ''}`;
        panel.append(title, renderRun(run, ''));
      }
      status.remove();
      slot.append(panel);
      tickCountdowns(panel);
    })
    .catch((error: unknown) => {
      status.textContent = `The Wire view could not load: ${error instanceof Error ? error.message : String(error)}`;
    });
}
