/**
 * Every time the instructor pages show, in one format and in one zone: the
 * event's, which is the zone of the machine that runs it (the instructor's
 * laptop in the room) unless the server is told otherwise. 24-hour clock, so
 * 09:05 and 21:05 never look alike, with the zone's short name beside it.
 * Pure Intl: pages render it on the server and the dashboard in the browser
 * with the same result.
 */
export function formatEventTime(at: number, timeZone: string): string {
  return formatter(
    `time ${timeZone}`,
    () => new Intl.DateTimeFormat('en-GB', { timeZone, hour: '2-digit', minute: '2-digit', hourCycle: 'h23' }),
  ).format(at);
}

// Building an Intl.DateTimeFormat costs far more than using one; the room view formats hundreds of times per render.
const formatters = new Map<string, Intl.DateTimeFormat>();
function formatter(key: string, make: () => Intl.DateTimeFormat): Intl.DateTimeFormat {
  let found = formatters.get(key);
  if (!found) formatters.set(key, (found = make()));
  return found;
}

/** Day and time, e.g. "Wed, 2 Dec 2026, 14:05". */
export function formatEventDateTime(at: number, timeZone: string): string {
  return formatter(
    `date ${timeZone}`,
    () =>
      new Intl.DateTimeFormat('en-GB', {
        timeZone,
        weekday: 'short',
        day: 'numeric',
        month: 'short',
        year: 'numeric',
        hour: '2-digit',
        minute: '2-digit',
        hourCycle: 'h23',
      }),
  ).format(at);
}

/** The zone's short name at that moment, e.g. "CET", "GMT+1" or "UTC". */
export function zoneName(at: number, timeZone: string): string {
  const part = new Intl.DateTimeFormat('en-GB', { timeZone, timeZoneName: 'short' })
    .formatToParts(at)
    .find((p) => p.type === 'timeZoneName');
  return part?.value ?? timeZone;
}

/** "12 min", "1 h 05 min": how long someone has been on a step. */
export function formatDuration(ms: number): string {
  const minutes = Math.max(0, Math.floor(ms / 60_000));
  if (minutes < 60) return `${minutes} min`;
  return `${Math.floor(minutes / 60)} h ${String(minutes % 60).padStart(2, '0')} min`;
}

/** The zone this process runs in (the entry point's default for the event pages). */
export function localTimeZone(): string {
  return Intl.DateTimeFormat().resolvedOptions().timeZone;
}
