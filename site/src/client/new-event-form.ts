import { instructorRequest } from './instructor-api.ts';

/** The "New event" form: local date and time → epoch ms, then POST and open the new event's dashboard. */
export function startNewEventForm(): void {
  const form = document.getElementById('new-event-form') as HTMLFormElement | null;
  const error = document.getElementById('new-event-error');
  const start = document.getElementById('event-start') as HTMLInputElement | null;
  if (!form || !error || !start) return;
  // Default start: now, rounded down to the minute, in the browser's time zone.
  const now = new Date();
  now.setSeconds(0, 0);
  start.value = new Date(now.getTime() - now.getTimezoneOffset() * 60_000).toISOString().slice(0, 16);

  form.addEventListener('submit', (event) => {
    event.preventDefault();
    error.hidden = true;
    const data = new FormData(form);
    const startsAt = new Date(String(data.get('start'))).getTime();
    const body = {
      name: String(data.get('name') ?? ''),
      startsAt,
      endsAt: startsAt + Number(data.get('duration')) * 60_000,
      labs: data.getAll('labs').map(String),
      sandboxMode: String(data.get('sandboxMode') ?? 'local'),
      capacity: Number(data.get('capacity')),
      stuckAfterMinutes: Number(data.get('stuck')),
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
