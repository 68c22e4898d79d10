import type { AttendeeDetail } from '../server/events/attendee-actions.ts';
import { mountAttendeeWire } from './attendee-wire.ts';
import { instructorRequest } from './instructor-api.ts';

/**
 * The attendee dialog: their current code, last run, last check results,
 * and the instructor's actions (reset sandbox, unlock up to a step, extra
 * time). Built with textContent throughout: attendee code and names are data.
 */
export function openAttendee(eventId: string, attendeeId: string): void {
  const dialog = document.getElementById('attendee-dialog') as HTMLDialogElement | null;
  const body = document.getElementById('attendee-body');
  const error = document.getElementById('attendee-error');
  if (!dialog || !body || !error) return;
  const base = `/api/instructor/events/${encodeURIComponent(eventId)}/attendees/${encodeURIComponent(attendeeId)}`;

  const fail = (failure: unknown): void => {
    error.textContent = failure instanceof Error ? failure.message : String(failure);
    error.hidden = false;
  };
  const load = (): void => {
    void instructorRequest<AttendeeDetail>('GET', base)
      .then((detail) =>
        body.replaceChildren(
          ...render(detail, (path, payload, confirmText) => {
            if (confirmText && !confirm(confirmText)) return;
            error.hidden = true;
            void instructorRequest('POST', `${base}/${path}`, payload).then(load).catch(fail);
          }),
        ),
      )
      .then(() => mountAttendeeWire(body, base))
      .catch(fail);
  };
  error.hidden = true;
  body.replaceChildren(text('p', 'Loading…', 'muted'));
  if (!dialog.open) dialog.showModal();
  load();
}

type Act = (path: string, payload: unknown, confirmText?: string) => void;

function render(detail: AttendeeDetail, act: Act): Node[] {
  const { row } = detail;
  const title = document.getElementById('attendee-title');
  if (title) title.textContent = row.displayName;
  const meta = text(
    'p',
    `Joined ${time(row.joinedAt)} · time until ${time(row.deadline)} · ${row.passed}/${row.total} checks passed${row.stuck ? ' · stuck' : ''}`,
    'detail-meta',
  );
  return [
    meta,
    actions(detail, act),
    ...detail.labs.map((lab) => {
      const section = document.createElement('section');
      section.className = 'detail-lab';
      section.append(text('h3', lab.title), text('h4', 'Last check results'));
      const results = document.createElement('ul');
      results.className = 'detail-results';
      if (lab.results.length === 0) results.append(text('li', 'No Check yet.', 'muted'));
      for (const result of lab.results) {
        const item = document.createElement('li');
        const mark = text('span', result.status === 'pass' ? '✓' : '✕', `cell-mark ${result.status}`);
        const words = document.createElement('span');
        words.append(text('strong', result.checkId), text('span', result.explanation, 'explanation'));
        item.append(mark, words);
        results.append(item);
      }
      section.append(results, text('h4', 'Last run'));
      const run = document.createElement('pre');
      run.className = 'detail-pre';
      if (lab.lastRun) {
        run.append(document.createTextNode(lab.lastRun.stdout), text('span', lab.lastRun.stderr, 'stderr'));
        run.append(
          document.createTextNode(
            `\n— exit ${lab.lastRun.exitCode ?? 'none'}${lab.lastRun.timedOut ? ' (timed out)' : ''} at ${time(lab.lastRun.startedAt)}`,
          ),
        );
      } else run.textContent = 'Not run yet.';
      section.append(run, text('h4', 'Current code'));
      for (const [file, content] of Object.entries(lab.files ?? {})) {
        const details = document.createElement('details');
        const code = text('pre', content, 'detail-pre');
        details.append(text('summary', file), code);
        section.append(details);
      }
      if (!lab.files) section.append(text('p', 'Still the starter code (never edited).', 'muted'));
      return section;
    }),
  ];
}

function actions(detail: AttendeeDetail, act: Act): HTMLElement {
  const bar = document.createElement('div');
  bar.className = 'detail-actions';
  bar.setAttribute('role', 'group');
  bar.setAttribute('aria-label', 'Actions for this attendee');
  const button = (label: string, onClick: () => void, className = 'button'): HTMLButtonElement => {
    const element = text('button', label, className) as HTMLButtonElement;
    element.type = 'button';
    element.addEventListener('click', onClick);
    return element;
  };
  bar.append(button('+10 min', () => act('extend', { minutes: 10 })));
  bar.append(
    button('Rotate signing keys', () =>
      act(
        'signing-keys/rotate',
        {},
        "Rotate the signing keys of this attendee's user pool? Their new tokens get a new kid; older ones keep working until they expire.",
      ),
    ),
  );
  bar.append(
    button(
      'Reset sandbox',
      () =>
        act(
          'reset',
          {},
          "Reset this attendee's sandbox? Their app clients, tokens and evidence are discarded (code and recorded progress stay).",
        ),
      'button danger',
    ),
  );
  const lab = document.createElement('select');
  lab.setAttribute('aria-label', 'Lab to unlock');
  const step = document.createElement('select');
  step.setAttribute('aria-label', 'Unlock up to step');
  for (const candidate of detail.labs) lab.append(new Option(candidate.title, candidate.labId));
  const fillSteps = (): void => {
    const chosen = detail.labs.find((candidate) => candidate.labId === lab.value);
    step.replaceChildren(...(chosen?.steps ?? []).map((s) => new Option(`up to step ${s.number}: ${s.title}`, String(s.number))));
  };
  lab.addEventListener('change', fillSteps);
  fillSteps();
  bar.append(
    text('span', 'Unlock', 'muted'),
    lab,
    step,
    button('Unlock', () =>
      act(
        'unlock',
        { labId: lab.value, upToStep: Number(step.value) },
        'Unlock these steps? They will show as unlocked by you (not passed), and the attendee can move on.',
      ),
    ),
  );
  return bar;
}

function text(tag: string, content: string, className?: string): HTMLElement {
  const element = document.createElement(tag);
  element.textContent = content;
  if (className) element.className = className;
  return element;
}

function time(at: number): string {
  return new Date(at).toLocaleTimeString([], { hour: '2-digit', minute: '2-digit' });
}
