import { wallTimeInZone } from '../server/events/time-zone.ts';
import { instructorRequest } from './instructor-api.ts';

/** The "New event" form: local date and time → epoch ms, then POST and open the new event's dashboard. */
export function startNewEventForm(): void {
  const form = document.getElementById('new-event-form') as HTMLFormElement | null;
  const error = document.getElementById('new-event-error');
  const start = document.getElementById('event-start') as HTMLInputElement | null;
  if (!form || !error || !start) return;
  fillZones(document.getElementById('event-zone') as HTMLSelectElement | null);
  // Default start: now, rounded down to the minute, in the browser's time zone.
  const now = new Date();
  now.setSeconds(0, 0);
  start.value = new Date(now.getTime() - now.getTimezoneOffset() * 60_000).toISOString().slice(0, 16);

  form.addEventListener('submit', (event) => {
    event.preventDefault();
    error.hidden = true;
    const data = new FormData(form);
    const timeZone = field(data, 'timeZone') ?? browserZone();
    // The start as the room's clock says it, whichever zone this browser is in.
    const startsAt = wallTimeInZone(field(data, 'start') ?? '', timeZone);
    const body = {
      name: field(data, 'name') ?? '',
      startsAt,
      endsAt: startsAt + Number(data.get('duration')) * 60_000,
      labs: data.getAll('labs').map(String),
      sandboxMode: field(data, 'sandboxMode') ?? 'local',
      capacity: Number(data.get('capacity')),
      stuckAfterMinutes: Number(data.get('stuck')),
      timeZone,
    };
    if (Number.isNaN(startsAt)) {
      error.textContent = 'Pick a start date and time.';
      error.hidden = false;
      return;
    }
    void instructorRequest<{ event: { id: string } }>('POST', '/api/instructor/events', body)
      .then((created) => location.assign(`/instructor/events/${created.event.id}`))
      .catch((failure: unknown) => {
        error.textContent = failure instanceof Error ? failure.message : String(failure);
        error.hidden = false;
      });
  });
}

function browserZone(): string {
  return Intl.DateTimeFormat().resolvedOptions().timeZone;
}

/** Every zone this browser knows, its own chosen (the server checks whichever is sent). */
function fillZones(select: HTMLSelectElement | null): void {
  if (!select) return;
  const own = browserZone();
  const zones = typeof Intl.supportedValuesOf === 'function' ? Intl.supportedValuesOf('timeZone') : [];
  const all = [...new Set([own, 'UTC', ...zones])].sort((a, b) => a.localeCompare(b));
  select.replaceChildren(...all.map((zone) => new Option(zone.replaceAll('_', ' '), zone)));
  select.value = own;
}

/** A text field's value (a file input's value is not text: absent). */
function field(data: FormData, name: string): string | undefined {
  const value = data.get(name);
  return typeof value === 'string' ? value : undefined;
}
