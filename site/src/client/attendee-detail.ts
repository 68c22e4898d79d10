import type { AttendeeDetail } from '../server/events/attendee-actions.ts';
import { formatEventTime } from '../server/events/event-time.ts';
import { mountAttendeeWire } from './attendee-wire.ts';
import { instructorRequest } from './instructor-api.ts';

type DetailLab = AttendeeDetail['labs'][number];

/**
 * The attendee dialog. What the instructor came for comes first: the lab
 * they are on now (or the one whose dots were clicked), with its checks,
 * the last Run's output and their code; the other labs are collapsed below.
 * Then the actions (extra time, reset sandbox, unlock up to a step). Built
 * with textContent throughout: attendee code and names are data.
 */
export function openAttendee(eventId: string, attendeeId: string, timeZone: string, focusLab?: string): void {
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
          ...render(detail, timeZone, focusLab, (path, payload, confirmText) => {
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

function render(detail: AttendeeDetail, timeZone: string, focusLab: string | undefined, act: Act): Node[] {
  const { row } = detail;
  const time = (at: number): string => formatEventTime(at, timeZone);
  const title = document.getElementById('attendee-title');
  if (title) title.textContent = row.displayName;
  const now = row.current?.started
    ? `on ${row.current.labTitle}, step ${row.current.step} since ${time(row.current.since)}`
    : row.finished
      ? 'finished every lab'
      : 'not started yet';
  const stuck = row.stuck
    ? row.stuck.reason === 'repeated-failures'
      ? ` · stuck: ${row.stuck.checkId} failed ${row.stuck.failures} times in a row`
      : ` · stuck: no progress for ${row.stuck.minutes} min`
    : '';
  const meta = text(
    'p',
    `${row.table ? `Table ${row.table}` : 'No table'} · joined ${time(row.joinedAt)} · time until ${time(row.deadline)} · ${row.passed}/${row.total} checks passed · ${now}${stuck}`,
    'detail-meta',
  );
  // The lab they are on; once finished, the one they worked in last.
  const lastActive = [...detail.labs].sort((a, b) => lastActivity(b) - lastActivity(a))[0];
  const firstId =
    focusLab ?? (row.current?.started ? row.current.labId : lastActive && lastActivity(lastActive) > 0 ? lastActive.labId : undefined);
  const first = detail.labs.find((lab) => lab.labId === firstId);
  const rest = detail.labs.filter((lab) => lab !== first);
  const sections: Node[] = [];
  if (first) sections.push(labSection(first, time, true));
  if (rest.length > 0) {
    if (first) sections.push(text('h3', 'Other labs', 'detail-other'));
    for (const lab of rest) {
      const details = document.createElement('details');
      details.className = 'detail-lab-more';
      const touched = lab.results.length > 0 || lab.lastRun !== null || lab.files !== null;
      details.append(text('summary', `${lab.title}${touched ? '' : ' (not touched)'}`), labSection(lab, time, false));
      sections.push(details);
    }
  }
  return [meta, actions(detail, act), ...sections];
}

function lastActivity(lab: DetailLab): number {
  return Math.max(0, lab.lastRun?.startedAt ?? 0, ...lab.results.map((result) => result.checkedAt));
}

function labSection(lab: DetailLab, time: (at: number) => string, current: boolean): HTMLElement {
  const section = document.createElement('section');
  section.className = current ? 'detail-lab current' : 'detail-lab';
  section.dataset.lab = lab.labId;
  if (current) section.append(text('h3', lab.title));
  const lastChecked = Math.max(0, ...lab.results.map((result) => result.checkedAt));
  section.append(text('h4', lastChecked > 0 ? `Last Check, at ${time(lastChecked)}` : 'Last Check'));
  const results = document.createElement('ul');
  results.className = 'detail-results';
  if (lab.results.length === 0) results.append(text('li', 'No Check yet.', 'muted'));
  for (const result of lab.results) {
    const item = document.createElement('li');
    item.dataset.check = result.checkId;
    const passedOnce = result.firstPassedAt !== null;
    const mark = text('span', result.status === 'pass' ? '✓' : '✕', `dot ${result.status === 'pass' ? 'passed' : 'failing'}`);
    const words = document.createElement('span');
    const note = result.status === 'fail' && result.consecutiveFailures > 1 ? ` (failed ${result.consecutiveFailures} times in a row)` : '';
    const earlier = result.status === 'fail' && passedOnce ? ' (passed earlier)' : '';
    words.append(text('strong', `${result.checkId}${note}${earlier}`), text('span', result.explanation, 'explanation'));
    item.append(mark, words);
    results.append(item);
  }
  section.append(results, text('h4', lab.lastRun ? `Last Run, at ${time(lab.lastRun.startedAt)}` : 'Last Run'));
  const run = document.createElement('pre');
  run.className = 'detail-pre';
  if (lab.lastRun) {
    run.append(document.createTextNode(lab.lastRun.stdout), text('span', lab.lastRun.stderr, 'stderr'));
    run.append(document.createTextNode(`\n— exit ${lab.lastRun.exitCode ?? 'none'}${lab.lastRun.timedOut ? ' (timed out)' : ''}`));
  } else run.textContent = 'Not run yet.';
  section.append(run, text('h4', 'Their code'));
  for (const [file, content] of Object.entries(lab.files ?? {})) {
    const details = document.createElement('details');
    details.open = current;
    details.append(text('summary', file), text('pre', content, 'detail-pre code'));
    section.append(details);
  }
  if (!lab.files) section.append(text('p', 'Still the starter code (never edited).', 'muted'));
  if (current) {
    // The Wire view (what crossed the wire for this attendee's last Run) is rendered into this container by its own module.
    const wire = document.createElement('section');
    wire.dataset.wireSlot = '';
    wire.dataset.lab = lab.labId;
    section.append(wire);
  }
  return section;
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
  // The table they sit at, when they typed the wrong one or moved without saying.
  const table = document.createElement('input');
  table.type = 'text';
  table.className = 'detail-table';
  table.value = detail.row.table ?? '';
  table.maxLength = 8;
  table.placeholder = '—';
  table.setAttribute('aria-label', 'Table');
  bar.append(
    text('span', 'Table', 'muted'),
    table,
    button('Set table', () => act('table', { table: table.value })),
  );
  const summary = text('a', 'Completion summary', 'button') as HTMLAnchorElement;
  summary.href = `${location.pathname.replace(/\/$/, '')}/completion?attendee=${encodeURIComponent(detail.row.attendeeId)}`;
  bar.append(summary);
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
  const current = detail.row.current?.labId;
  if (current) lab.value = current;
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
